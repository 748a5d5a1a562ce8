"""Which playlist files are imported already (so a scan offers only the others)."""

from __future__ import annotations

import sqlite3


def imported_sources(conn: sqlite3.Connection) -> set[str]:
    """The ``source_path`` (pathcodec text) of every imported playlist."""
    return {r[0] for r in conn.execute("SELECT source_path FROM playlists WHERE source_path IS NOT NULL")}
