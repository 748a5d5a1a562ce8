"""``companion --demo COMMAND`` (issue 16, part 10): any command runs on the demo's own profile, made if
needed, and the person's profile is never created nor touched."""

from __future__ import annotations

import json
import shutil

from tests.ui.conftest import demo_media  # noqa: F401  (the demo's files, made once per session)


def test_a_command_runs_on_the_demos_profile(monkeypatch, tmp_path, capsys, demo_media):  # noqa: F811
    from companion.cli import main
    from companion.core.demo import demo_root
    from companion.core.paths import resolve_profile

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    person = resolve_profile()
    demo = resolve_profile(demo=True)
    assert demo.data_dir != person.data_dir
    shutil.copytree(demo_media, demo_root(demo))  # its files, as a first run would make them
    assert main(["--demo", "home", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "making the demo library" in err
    rows = json.loads(out)
    assert rows, "the demo's home, with its week of listening"
    assert not person.db_path.exists(), "the person's profile was not touched"
    assert main(["--demo", "library", "--json"]) == 0  # a second command: the demo is there already
    out, err = capsys.readouterr()
    items = json.loads(out)
    assert "making" not in err and len(items if isinstance(items, list) else items["items"]) == 52
    assert not person.db_path.exists()
