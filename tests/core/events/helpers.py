"""Library rows for event and player tests (the scanner is another module's job)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path


def add_item(
    conn: sqlite3.Connection,
    path: str | Path,
    *,
    kind: str = "music",
    duration: float | None = 200.0,
    title: str | None = None,
    **columns: object,
) -> int:
    now = time.time()
    cols = {
        "path": str(path),
        "kind": kind,
        "duration": duration,
        "title": title or Path(path).stem,
        "added_at": now,
        "updated_at": now,
        **columns,
    }
    with conn:
        cur = conn.execute(
            f"INSERT INTO items({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            tuple(cols.values()),
        )
    return int(cur.lastrowid)


def events(conn: sqlite3.Connection, type: str | None = None) -> list[sqlite3.Row]:
    if type is None:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    return conn.execute("SELECT * FROM events WHERE type = ? ORDER BY id", (type,)).fetchall()
