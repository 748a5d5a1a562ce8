"""The Library's Audiobooks & podcasts: spoken-word items with where the person left each one."""

from __future__ import annotations

import sqlite3
from typing import Any

COLUMNS = ("id", "Title", "Author", "Album", "Time", "Left at")


def spoken_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """One row per spoken-word item (``COLUMNS``), by author and album in track order."""
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT i.id, COALESCE(i.title, ''), COALESCE(i.artist, ''), COALESCE(i.album, ''), i.duration,"
            " rp.position FROM items i LEFT JOIN resume_points rp ON rp.item_id = i.id"
            " WHERE i.spoken IS NOT NULL AND i.status != 'missing'"
            " ORDER BY i.artist COLLATE NOCASE, i.album COLLATE NOCASE, i.disc_no, i.track_no, i.title"
        )
    ]
