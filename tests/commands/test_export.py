"""``companion export`` end to end: the taste engine's real rows, written and read back."""

import json
import time

from companion.commands import export
from companion.core.events.record import record_event
from companion.core.playlists.readers import read_playlist
from tests.commands.direct import run_command
from tests.core.importers.library import add_item


def _listened_library(db, tmp_path):
    ids = [
        add_item(
            db,
            str(tmp_path / "Müsic" / f"{i:02d} Sóng {i}.mp3"),
            artist=f"Artist {i % 4}",
            title=f"Song {i}",
            album=f"Album {i % 3}",
            duration=180.0,
        )
        for i in range(24)
    ]
    now = time.time()
    for k in range(40):
        record_event(db, ids[k % 8], "completed", ts=now - 3000 * k, position=180.0, duration=180.0)
    return ids


def test_export_a_home_row(db, run_cli, tmp_path):
    _listened_library(db, tmp_path)
    code, out, err = run_cli("home", "--json")
    assert code == 0, err
    row = json.loads(out)[0]
    target = tmp_path / "out" / f"{row['id']}.m3u8"
    target.parent.mkdir()
    code, out, err = run_cli("export", row["id"], str(target), "--relative")
    assert (code, err) == (0, ""), err
    assert out.startswith("wrote ")
    entries = read_playlist(target).entries
    shown = ["../Müsic/" + i["path"].rsplit("/", 1)[1] for i in row["items"]]
    assert shown and [e.location for e in entries][: len(shown)] == shown  # home may show the start only
    # the same rows, as XSPF with absolute URIs, at a given moment
    code, out, err = run_cli("export", row["id"], str(tmp_path / "x.xspf"), "--at", "2030-01-01T08:00")
    assert (code, err) == (0, ""), err
    entries = read_playlist(tmp_path / "x.xspf").entries
    assert entries
    assert all(e.location.startswith("file:///") and "/M%C3%BCsic/" in e.location for e in entries)


def test_export_refuses_unknown_rows_and_bad_arguments(db, run_cli, tmp_path):
    _listened_library(db, tmp_path)
    code, out, err = run_cli("export", "no-such-row", str(tmp_path / "a.m3u8"))
    assert code == 2 and err.startswith("companion: no row 'no-such-row'") and len(err.splitlines()) == 1
    code, out, err = run_cli("export", "now", str(tmp_path / "a.doc"))
    assert code == 2 and "unknown playlist type '.doc'" in err
    code, out, err = run_cli("export", "now", str(tmp_path / "a.pls"), "--at", "yesterday-ish")
    assert code == 2 and "--at" in err
    assert not (tmp_path / "a.m3u8").exists() and not (tmp_path / "a.pls").exists()


# --- the command's module on its own (tests/commands/direct.py)


def test_the_export_module_writes_a_row_as_a_playlist(profile, scanned, tmp_path):
    target = tmp_path / "new.m3u8"
    code, out, _ = run_command(export, profile, "new", str(target))
    assert code == 0 and out.startswith("wrote ") and out.rstrip().endswith(str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("#EXTM3U\n#PLAYLIST:Recently added\n") and str(scanned) in text
