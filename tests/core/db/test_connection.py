"""Opening a database the one way Companion does: WAL, foreign keys, a busy timeout, owner-only files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest

from companion.core.db.connection import BUSY_TIMEOUT_MS, connect, open_profile_db


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_database_is_the_owners_only_with_companions_pragmas(tmp_path):
    conn = connect(tmp_path / "library.sqlite3")
    assert stat.S_IMODE((tmp_path / "library.sqlite3").stat().st_mode) == 0o600
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    assert isinstance(conn.execute("SELECT 1 AS one").fetchone(), sqlite3.Row)
    conn.close()


def test_read_only_reads_and_refuses_writes(tmp_path):
    conn = connect(tmp_path / "db.sqlite3")
    with conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    ro = connect(tmp_path / "db.sqlite3", readonly=True)
    assert ro.execute("SELECT x FROM t").fetchone()["x"] == 1
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ro.execute("INSERT INTO t VALUES (2)")
    ro.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_profile_database_is_migrated_and_made_private_again(profile):
    open_profile_db(profile).close()
    os.chmod(profile.db_path, 0o644)  # loosened by a copy or a backup tool
    conn = open_profile_db(profile)
    assert stat.S_IMODE(profile.db_path.stat().st_mode) == 0o600
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"items", "events", "schema_migrations"} <= tables
    conn.close()


# --- The window and the command line share one data dir: concurrent writers lose nothing.

WRITER = textwrap.dedent("""
    import sys
    from companion.core.db import open_profile_db
    from companion.core.events.record import record_event
    from companion.core.paths import resolve_profile
    conn = open_profile_db(resolve_profile(sys.argv[1]))
    for i in range(int(sys.argv[2])):
        record_event(conn, 1, "play", ts=1_700_000_000 + i, context=sys.argv[3])
        if i % 50 == 0:
            with conn:  # a longer write transaction now and then, like a scan batch
                conn.execute("UPDATE items SET updated_at = updated_at + 1 WHERE id = 1")
    print("done")
""")


def test_two_processes_writing_events_at_once_lose_nothing(profile):
    conn = open_profile_db(profile)
    with conn:
        conn.execute("INSERT INTO items(path, kind, added_at, updated_at) VALUES ('/m/a.mp3', 'music', 1, 1)")
    n = 300
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(profile.data_dir), str(n), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("window", "cli")
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.strip() == "done"
    counts = dict(conn.execute("SELECT context, COUNT(*) FROM events GROUP BY context").fetchall())
    assert counts == {"window": n, "cli": n}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
