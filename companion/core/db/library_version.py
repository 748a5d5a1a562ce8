"""The library's version as the taste engine's caches know it: a look that needs nothing but SQLite.

The window asks at start-up whether the cached taste model still fits the library (then the home for
now is moments away) or a refit is coming (then the last session's home is painted meanwhile); that
question must not import the taste engine's arrays (numpy) into the window's start.
"""

from __future__ import annotations

import sqlite3


def items_fingerprint(conn: sqlite3.Connection) -> tuple[int, float, int]:
    """(how many items, the latest change to one, the highest id): a changed library changes it."""
    row = conn.execute("SELECT count(*), (SELECT max(updated_at) FROM items), max(id) FROM items").fetchone()
    return (int(row[0]), float(row[1] or 0), int(row[2] or 0))
