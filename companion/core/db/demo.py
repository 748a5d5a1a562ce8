"""What the demo (``companion --demo``) and the made-up libraries of benchmarks read and write: items
under one folder (by the prefix of their stored paths), and rows added in bulk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from companion.core.db import events as event_db


def count_outside(conn: sqlite3.Connection, prefix: str) -> int:
    """Items whose stored path does not start with ``prefix``."""
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM items WHERE substr(path, 1, ?) != ?", (len(prefix), prefix)
        ).fetchone()[0]
    )


def count_ok_under(conn: sqlite3.Connection, prefix: str) -> int:
    """Playable items whose stored path starts with ``prefix``."""
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM items WHERE substr(path, 1, ?) = ? AND status = 'ok'", (len(prefix), prefix)
        ).fetchone()[0]
    )


def ids_under(conn: sqlite3.Connection, prefix: str) -> list[int]:
    """Items whose stored path starts with ``prefix``."""
    return [
        int(r[0])
        for r in conn.execute("SELECT id FROM items WHERE substr(path, 1, ?) = ?", (len(prefix), prefix))
    ]


def delete_items(conn: sqlite3.Connection, item_ids: Sequence[int]) -> None:
    """Remove items and their events in one transaction (ratings and resume points follow the items)."""
    with conn:
        for chunk in event_db.chunks(item_ids):
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM events WHERE item_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM items WHERE id IN ({marks})", chunk)


class MusicTrack(NamedTuple):
    id: int
    artist: str | None
    duration: float | None


def music_tracks(conn: sqlite3.Connection) -> list[MusicTrack]:
    """Playable music, by id."""
    rows = conn.execute(
        "SELECT id, artist, duration FROM items WHERE kind = 'music' AND status = 'ok' ORDER BY id"
    )
    return [MusicTrack._make(r) for r in rows]


class Video(NamedTuple):
    id: int
    duration: float | None
    video_type: str | None
    episode: int | None


def videos(conn: sqlite3.Connection) -> list[Video]:
    """Every video, movies before episodes, episodes in order."""
    rows = conn.execute(
        "SELECT id, duration, video_type, episode FROM items WHERE kind = 'video' ORDER BY video_type, episode"
    )
    return [Video._make(r) for r in rows]


def find(conn: sqlite3.Connection, artist: str, title: str) -> int | None:
    """The item with exactly this artist and title."""
    row = conn.execute("SELECT id FROM items WHERE artist = ? AND title = ?", (artist, title)).fetchone()
    return int(row[0]) if row else None


class BulkTrack(NamedTuple):
    """A made-up music item (no file behind it)."""

    path: str
    kind: str
    added_at: float
    updated_at: float
    title: str
    artist: str
    album_artist: str
    album: str
    genres: str  # JSON list
    year: int
    track_no: int
    duration: float
    disc_no: int


def add_tracks(conn: sqlite3.Connection, tracks: Iterable[BulkTrack]) -> None:
    """Insert made-up items in one transaction (a path already there is left as it is)."""
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO items(path, kind, added_at, updated_at, title, artist, album_artist, album,"
            " genres, year, track_no, duration, disc_no) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            tracks,
        )


def ids_like(conn: sqlite3.Connection, pattern: str) -> list[int]:
    """Items whose stored path matches the SQL LIKE ``pattern``."""
    return [int(r[0]) for r in conn.execute("SELECT id FROM items WHERE path LIKE ?", (pattern,))]
