"""Items known before their files exist: the demo's catalogue, so its home is on screen at once.

The scan that follows reads each file and updates its item in place (same path; the size and modification
time it has none of yet make it read again)."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class PlannedItem:
    path: str  # database form (companion.core.library.pathcodec.to_db)
    kind: str  # music | video
    title: str
    duration: float
    artist: str | None = None
    album: str | None = None
    genre: str | None = None
    year: int | None = None
    track_no: int | None = None
    track_total: int | None = None
    bpm: float | None = None
    mood: str | None = None


def add_planned(conn: sqlite3.Connection, items: list[PlannedItem]) -> int:
    """Insert the items not in the library yet (one transaction); return how many were added."""
    now = time.time()
    rows = [
        (
            p.path,
            p.kind,
            now,
            now,
            p.title,
            p.artist,
            p.artist,
            p.album,
            json.dumps([p.genre]) if p.genre else None,
            p.year,
            p.track_no,
            p.track_total,
            p.duration,
            p.bpm,
            p.mood,
        )
        for p in items
    ]
    with conn:
        before = conn.total_changes
        conn.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at, title, artist, album_artist, album, genres,"
            " year, track_no, track_total, duration, bpm, mood) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(path) DO NOTHING",
            rows,
        )
        return conn.total_changes - before
