"""Numbered schema migrations, with a backup copy of the database before each run.

Migrations are ``migrations/NNNN_name.sql`` files applied in order, each in one
transaction, recorded in ``schema_migrations``. A database that already holds data
is copied (SQLite online backup) to ``backups/`` before any new migration applies.
"""

from __future__ import annotations

import sqlite3
import time
from importlib import resources
from pathlib import Path

MIGRATIONS_PACKAGE = "companion.core.db.migrations"


def available_migrations() -> list[tuple[str, str]]:
    """(name, sql) for every migration shipped with this version, in order."""
    files = resources.files(MIGRATIONS_PACKAGE)
    out = [
        (f.name.removesuffix(".sql"), f.read_text(encoding="utf-8"))
        for f in files.iterdir()
        if f.name.endswith(".sql") and f.name[:4].isdigit()
    ]
    return sorted(out)


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"
    )
    return {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the newest applied migration (0 for an empty database)."""
    names = applied_migrations(conn)
    return max((int(n[:4]) for n in names), default=0)


def migrate(conn: sqlite3.Connection, *, backup_dir: Path | None = None) -> list[str]:
    """Apply every pending migration; return the names applied."""
    done = applied_migrations(conn)
    conn.commit()
    pending = [(n, sql) for n, sql in available_migrations() if n not in done]
    if not pending:
        return []
    if backup_dir is not None and _holds_data(conn):
        backup_database(conn, backup_dir, f"pre-migration-{pending[0][0][:4]}")
    for name, sql in pending:
        try:
            conn.execute("BEGIN IMMEDIATE")
            # executescript would commit the open transaction; run statements one by one.
            for statement in _split_sql(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)", (name, time.time()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return [n for n, _ in pending]


def backup_database(conn: sqlite3.Connection, backup_dir: Path, label: str) -> Path:
    """Copy the live database to ``backup_dir/<label>-<timestamp>.sqlite3`` (owner-only)."""
    # backups (logging, shutil, lzma) load only when a migration needs one
    from companion.core.db.backup import copy_database

    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    return copy_database(conn, backup_dir / f"{label}-{stamp}.sqlite3")


def _holds_data(conn: sqlite3.Connection) -> bool:
    tables: int = conn.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name != 'schema_migrations'"
    ).fetchone()[0]
    return tables > 0


def _split_sql(sql: str) -> list[str]:
    statements: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
