"""Editing a saved playlist: add library items at the end, remove entries, move one entry.

Each change is one transaction that rewrites the playlist's entries in their new order (positions stay
0..n-1) and its counts. A playlist imported from a file is edited here only; the file is not written
(re-importing that file replaces the entries again, as before).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence

from companion.core.db import items as item_db
from companion.core.db import playlists as playlist_db
from companion.core.db.playlists import EntryRow
from companion.core.playlists.model import PlaylistError


def _entries(conn: sqlite3.Connection, playlist_id: int) -> list[EntryRow]:
    if not playlist_db.exists(conn, playlist_id):
        raise PlaylistError("that playlist is no longer there")
    return playlist_db.entries(conn, playlist_id)


def _write(conn: sqlite3.Connection, playlist_id: int, rows: list[EntryRow]) -> None:
    """Replace the playlist's entries with ``rows`` in order (call inside a transaction)."""
    playlist_db.replace_entries(conn, playlist_id, rows, time.time())


def append_items(conn: sqlite3.Connection, playlist_id: int, item_ids: Sequence[int]) -> int:
    """Add library items at the end of a playlist, in the given order; returns how many were added
    (ids not in the library are left out)."""
    ids = [int(i) for i in item_ids]
    found = item_db.tracks(conn, ids)
    added = [_entry(found[i]) for i in ids if i in found]
    with conn:
        rows = _entries(conn, playlist_id)
        _write(conn, playlist_id, rows + added)
    return len(added)


def _entry(t: item_db.Track) -> EntryRow:
    """A library item as a playlist entry: matched by its own path (a show stands for artist and album)."""
    artist = t.artist if t.artist is not None else t.show
    album = t.album if t.album is not None else t.show
    return EntryRow(t.id, t.path, t.title, artist, album, t.duration, "path", None)


def remove_entries(conn: sqlite3.Connection, playlist_id: int, positions: Sequence[int]) -> int:
    """Take the entries at ``positions`` (0-based) out of a playlist; returns how many went."""
    with conn:
        rows = _entries(conn, playlist_id)
        gone = {p for p in positions if 0 <= p < len(rows)}
        if gone:
            _write(conn, playlist_id, [r for n, r in enumerate(rows) if n not in gone])
    return len(gone)


def move_entry(conn: sqlite3.Connection, playlist_id: int, source: int, dest: int) -> bool:
    """Move the entry at ``source`` so that it ends up at ``dest`` (0-based); False when either is out of
    range or they are the same."""
    with conn:
        rows = _entries(conn, playlist_id)
        if source == dest or not (0 <= source < len(rows) and 0 <= dest < len(rows)):
            return False
        rows.insert(dest, rows.pop(source))
        _write(conn, playlist_id, rows)
    return True
