"""Whole-table reads and deletes for the person's privacy requests (export everything, erase history)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

SKIP_TABLES = {"schema_migrations", "sqlite_sequence"}  # SQLite's and the migrations' own bookkeeping


def tables(conn: sqlite3.Connection) -> list[str]:
    """Every table that holds the person's data, by name."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    return [r[0] for r in rows if r[0] not in SKIP_TABLES]


def table_rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """(column names, rows) of a whole table (``table`` one of :func:`tables`)."""
    if table not in tables(conn):
        raise ValueError(f"no table {table!r}")
    cur = conn.execute(f'SELECT * FROM "{table}"')
    return [d[0] for d in cur.description], (tuple(r) for r in cur)


def erase(conn: sqlite3.Connection, names: Iterable[str]) -> dict[str, int]:
    """Delete every row of those of ``names`` that exist (one transaction); rows deleted per table. Then
    the write-ahead log is checkpointed and the file vacuumed, so old pages do not linger."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    counts: dict[str, int] = {}
    with conn:
        for table in names:
            if table in present:
                counts[table] = conn.execute(f'DELETE FROM "{table}"').rowcount
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    return counts
