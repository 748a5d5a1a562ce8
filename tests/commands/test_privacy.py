from __future__ import annotations

import csv
import io
import zipfile

from companion.commands import privacy
from companion.core.db import open_profile_db
from companion.core.events.record import record_event
from tests.commands.direct import run_command


def _seed(profile):
    conn = open_profile_db(profile)
    with conn:
        conn.execute(
            "INSERT INTO items(path, kind, added_at, updated_at, title, artist) "
            "VALUES ('/m/é.mp3','music',1,1,'Café','Zoë')"
        )
        conn.execute("INSERT INTO ratings(item_id, stars, liked, updated_at) VALUES (1, 4, 1, 2)")
    record_event(conn, 1, "play", ts=1_700_000_000, position=120.0, duration=200.0)
    record_event(conn, 1, "skip", ts=1_700_000_500, position=4.0, duration=200.0)
    conn.close()


def test_export_holds_every_table_and_a_readme(run_cli, profile, tmp_path):
    _seed(profile)
    target = tmp_path / "mine.zip"
    code, out, err = run_cli("privacy", "export", str(target))
    assert code == 0, err
    import os
    import stat

    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, "the export holds the whole history: owner only"
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
        assert {"README.txt", "items.csv", "events.csv", "ratings.csv", "settings.json"} <= names
        events = list(csv.DictReader(io.StringIO(zf.read("events.csv").decode())))
        assert [e["type"] for e in events] == ["play", "skip"]
        assert "Café" in zf.read("items.csv").decode()
        assert "never sent" in zf.read("README.txt").decode()


def test_erase_history_needs_confirmation_then_keeps_the_library(run_cli, profile):
    _seed(profile)
    code, _, err = run_cli("privacy", "erase", "--history")
    assert code == 2 and "--yes" in err
    conn = open_profile_db(profile)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
    conn.close()
    code, out, err = run_cli("privacy", "erase", "--history", "--yes")
    assert code == 0, err
    conn = open_profile_db(profile)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM ratings").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1
    from companion.core.db.backup import list_backups

    assert all(b.events == 0 for b in list_backups(profile)), "backups holding the history are gone too"


def test_erase_all(run_cli, profile):
    _seed(profile)
    code, _, err = run_cli("privacy", "erase", "--all", "--yes")
    assert code == 0, err
    assert not profile.db_path.exists()
    assert not profile.backup_dir.exists()


def test_restore_lists_and_restores(run_cli, profile):
    _seed(profile)
    open_profile_db(profile).close()  # the day's backup
    code, out, _ = run_cli("privacy", "restore")
    assert code == 0 and "daily-" in out and "2 events" in out
    conn = open_profile_db(profile)
    record_event(conn, 1, "play", ts=1_800_000_000)
    conn.close()
    code, out, err = run_cli("privacy", "restore", "--latest", "--yes")
    assert code == 0, err
    conn = open_profile_db(profile)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
    code, _, err = run_cli("privacy", "restore", "nope.sqlite3", "--yes")
    assert code == 2 and "no backup" in err


def test_erased_imported_history_can_be_imported_again(run_cli, profile, tmp_path):
    _seed(profile)
    csv = tmp_path / "lastfm.csv"
    csv.write_text(
        "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
        "1600000000,,Zoë,,,,Café,\n1600000600,,Zoë,,,,Café,\n",
        encoding="utf-8",
    )
    assert run_cli("import-history", str(csv))[0] == 0
    assert run_cli("privacy", "erase", "--history", "--yes")[0] == 0
    conn = open_profile_db(profile)
    leftovers = {
        t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("events", "import_keys", "import_files", "import_unmatched", "playback_checkpoints")
    }
    conn.close()
    assert set(leftovers.values()) == {0}, leftovers
    code, out, err = run_cli("import-history", str(csv), "--json")
    assert code == 0, err
    import json

    assert json.loads(out)["matched"] == 2


def test_export_to_a_folder_that_does_not_exist_is_refused(run_cli, profile, tmp_path):
    """QA B5.1: a typo in the folder made a stray tree of folders."""
    target = tmp_path / "no" / "such" / "dir" / "e.zip"
    code, out, err = run_cli("privacy", "export", str(target))
    assert code == 2 and out == "" and f"the folder {target.parent} does not exist" in err
    assert not (tmp_path / "no").exists()


def test_restore_without_yes_says_restore(run_cli, profile, monkeypatch):
    import io

    _seed(profile)
    open_profile_db(profile).close()  # the day's backup
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run_cli("privacy", "restore", "--latest")
    assert code == 2 and "refusing to restore without confirmation" in err


def test_restore_and_erase_refuse_under_an_open_window(run_cli, profile):
    """QA session 2, B19: a restore under an open window left it on a database that was no longer there."""
    import subprocess
    import sys

    _seed(profile)
    open_profile_db(profile).close()
    lock = profile.data_dir / "instance" / "running.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock.write_text(f"{window.pid}\ncompanion\nhost\n")
        code, _out, err = run_cli("privacy", "restore", "--latest", "--yes")
        assert code == 2 and f"window is open on this profile (process {window.pid})" in err
        code, _out, err = run_cli("privacy", "erase", "--history", "--yes")
        assert code == 2 and "quit it first, then erase" in err
    finally:
        window.kill()
        window.wait()
    code, _out, err = run_cli("privacy", "restore", "--latest", "--yes")  # a stale lock is no window
    assert code == 0, err


# --- the command's module on its own (tests/commands/direct.py)


def test_the_privacy_module_exports_what_it_knows(profile, scanned, tmp_path):
    code, out, _ = run_command(privacy, profile, "export", str(tmp_path / "mine"))
    assert code == 0 and out.startswith(f"wrote {tmp_path / 'mine'}") and " tables)" in out
