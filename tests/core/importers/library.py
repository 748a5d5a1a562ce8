"""A library for matching tests: ``items`` rows inserted directly (no scan needed)."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from typing import Any

from companion.core.library.pathcodec import to_db


def add_item(conn: sqlite3.Connection, path: str, **cols: Any) -> int:
    """Insert one item (music unless ``kind`` says otherwise) and return its id."""
    now = time.time()
    values: dict[str, Any] = {
        "path": to_db(path),
        "kind": "music",
        "added_at": now,
        "updated_at": now,
        **cols,
    }
    with conn:
        cur = conn.execute(
            f"INSERT INTO items({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )
    return int(cur.lastrowid)


def events(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM events ORDER BY ts, id").fetchall()


# A MusicBrainz recording id that one item of the services' library carries (tests/core/importers/services)
MBID = "0383dadf-2a4e-4d10-a46a-e9e041da8eb3"


def ts(text: str) -> float:
    """An ISO time read as UTC, as the exports mean it."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()
