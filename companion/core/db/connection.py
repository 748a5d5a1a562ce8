"""Opening the profile's SQLite database the one way Companion does it.

WAL mode, a busy timeout so the window and the command line can share one file,
foreign keys on, files readable by the owner only. One connection per thread.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from companion.core.paths import Profile

BUSY_TIMEOUT_MS = 10_000


def connect(path: str | os.PathLike[str], *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) a database file with Companion's pragmas."""
    path = Path(path)
    if readonly:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        if not path.exists() and os.name == "posix":
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def open_profile_db(
    profile: Profile, *, migrate: bool = True, thorough_check: bool = False, daily_backup: bool = True
) -> sqlite3.Connection:
    """Open the profile's database, bringing its schema up to date.

    A database that cannot be read is kept aside and the newest good backup restored
    (see ``recovery``); the notice for the person is in ``recovery.take_notice``.
    """
    # loaded when a database is opened, not with the package (backups pull in logging, shutil, lzma)
    from companion.core.db import recovery

    profile.ensure()
    conn = None
    try:
        conn = connect(profile.db_path)
        problem = recovery.is_damaged(conn, thorough=thorough_check)
    except sqlite3.DatabaseError as e:
        problem = str(e)
    if problem is not None:
        if conn is not None:
            conn.close()
        recovery.recover(profile, problem)
        conn = connect(profile.db_path)
    assert conn is not None  # connected above, or again after the recovery
    if migrate:
        # loaded when a database is opened, not with the package (backups pull in logging, shutil, lzma)
        from companion.core.db.migrate import migrate as run_migrations

        run_migrations(conn, backup_dir=profile.backup_dir)
    if daily_backup:
        # loaded when a database is opened, not with the package (backups pull in logging, shutil, lzma)
        from companion.core.db.backup import daily_backup as take_daily_backup

        take_daily_backup(conn, profile)
    _tighten_permissions(profile.db_path)
    return conn


def _tighten_permissions(db_path: Path) -> None:
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db_path) + suffix)
        try:
            if p.exists() and (p.stat().st_mode & 0o077):
                os.chmod(p, 0o600)
        except OSError:
            pass


def database_key(conn: sqlite3.Connection) -> str:
    """A name for the database this connection is open on (its file), for caches kept per database."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return row[2] or f"memory:{id(conn)}"


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the database has this table (code that reads a table added by a later migration asks)."""
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
        is not None
    )


def ping(conn: sqlite3.Connection) -> None:
    """Make SQLite open the file now (an unreadable or locked database fails here, not later)."""
    conn.execute("SELECT 1")


def quick_check(conn: sqlite3.Connection) -> str:
    """SQLite's quick integrity check: "ok", or what is wrong."""
    return str(conn.execute("PRAGMA quick_check").fetchone()[0])


def data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits (a like, a play, a scan)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
