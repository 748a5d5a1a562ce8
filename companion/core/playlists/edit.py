"""Editing a saved playlist: add library items at the end, remove entries, move one entry.

Each change is one transaction that rewrites the playlist's entries in their new order (positions stay
0..n-1) and its counts. A playlist imported from a file is edited here only; the file is not written
(re-importing that file replaces the entries again, as before).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence

from companion.core.playlists.model import PlaylistError

_COLUMNS = "item_id, location, title, artist, album, duration, matched_by, problem"


def _entries(conn: sqlite3.Connection, playlist_id: int) -> list[tuple]:
    if conn.execute("SELECT 1 FROM playlists WHERE id = ?", (playlist_id,)).fetchone() is None:
        raise PlaylistError("that playlist is no longer there")
    return [
        tuple(r)
        for r in conn.execute(
            f"SELECT {_COLUMNS} FROM playlist_entries WHERE playlist_id = ? ORDER BY position", (playlist_id,)
        )
    ]


def _write(conn: sqlite3.Connection, playlist_id: int, rows: list[tuple]) -> None:
    """Replace the playlist's entries with ``rows`` in order (call inside a transaction)."""
    conn.execute("DELETE FROM playlist_entries WHERE playlist_id = ?", (playlist_id,))
    conn.executemany(
        f"INSERT INTO playlist_entries(playlist_id, position, {_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(playlist_id, n, *row) for n, row in enumerate(rows)],
    )
    conn.execute(
        "UPDATE playlists SET entry_count = ?, matched_count = ?, updated_at = ? WHERE id = ?",
        (len(rows), sum(1 for r in rows if r[0] is not None), time.time(), playlist_id),
    )


def append_items(conn: sqlite3.Connection, playlist_id: int, item_ids: Sequence[int]) -> int:
    """Add library items at the end of a playlist, in the given order; returns how many were added
    (ids not in the library are left out)."""
    ids = [int(i) for i in item_ids]
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for r in conn.execute(
            "SELECT id, path, title, COALESCE(artist, show), COALESCE(album, show), duration"
            f" FROM items WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            found[int(r[0])] = r
    added = [
        (i, found[i][1], found[i][2], found[i][3], found[i][4], found[i][5], "path", None)
        for i in ids
        if i in found
    ]
    with conn:
        rows = _entries(conn, playlist_id)
        _write(conn, playlist_id, rows + added)
    return len(added)


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
