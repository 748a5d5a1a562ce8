"""Exporting what Companion shows (a home row, a queue, a saved playlist) as a playlist file."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from companion.core.library.pathcodec import from_db
from companion.core.playlists.model import Track
from companion.core.playlists.writers import format_for, write_playlist
from companion.core.taste.rows import Row


def tracks_for_items(conn: sqlite3.Connection, item_ids: Sequence[int]) -> list[Track]:
    """Tracks for these items in the given order; ids not in the library are left out."""
    found: dict[int, Track] = {}
    ids = list(dict.fromkeys(int(i) for i in item_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(f"SELECT id, path, title, artist, album, duration, show FROM items WHERE id IN"
                            f" ({','.join('?' * len(chunk))})", chunk)
        for r in rows:
            found[r[0]] = Track(from_db(r[1]), title=r[2], artist=r[3] or r[6], album=r[4], duration=r[5])
    return [found[int(i)] for i in item_ids if int(i) in found]


def export_items(conn: sqlite3.Connection, item_ids: Sequence[int], path: str | Path, *,
                 relative: bool = False, title: str | None = None) -> tuple[Path, int]:
    """Write these items (a queue, a selection) to ``path``; returns (path written, entries)."""
    format_for(path)  # an unknown extension fails before any work
    tracks = tracks_for_items(conn, item_ids)
    return write_playlist(path, tracks, relative=relative, title=title), len(tracks)


def export_row(row: Row, path: str | Path, *, relative: bool = False) -> tuple[Path, int]:
    """Write a home row's items to ``path``; returns (path written, entries)."""
    tracks = [Track(from_db(i.path), title=i.title, artist=i.artist, album=i.album, duration=i.duration)
              for i in row.items]
    return write_playlist(path, tracks, relative=relative, title=row.title), len(tracks)
