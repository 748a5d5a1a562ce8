"""``companion folders`` (commands/folders.py): list the library's folders, remove one (its items become
missing, their history kept), add one back."""

from __future__ import annotations

from companion.commands import folders
from tests.commands.direct import run_command


def test_list_remove_and_add_a_folder(profile, scanned):
    assert run_command(folders, profile) == (0, f"{scanned}\n", "")
    code, out, _ = run_command(folders, profile, "remove", str(scanned))
    assert (code, out) == (0, f"removed {scanned}; 3 items marked missing\n")
    assert run_command(folders, profile)[1] == "no library folders yet: 'companion scan FOLDER' adds one\n"
    code, out, _ = run_command(folders, profile, "add", str(scanned))
    assert (code, out) == (0, f"added {scanned} (run 'companion scan' to read it)\n")
