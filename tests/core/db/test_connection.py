"""Opening a database the one way Companion does: WAL, foreign keys, a busy timeout, owner-only files."""

from __future__ import annotations

import os
import sqlite3
import stat

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
