"""Saved playlists in the database: ``playlists`` and their ordered ``playlist_entries``.

Re-importing the same file replaces its entries (one playlist per source file). The taste
engine may read ``playlist_weights`` as a weak signal: being on someone's playlist says a little.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from companion.core.library.pathcodec import display, from_db, to_db
from companion.core.playlists.match import Match


@dataclass(frozen=True)
class PlaylistInfo:
    id: int
    name: str
    format: str
    source_path: str | None
    entries: int
    matched: int
    updated_at: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "format": self.format,
            "path": display(self.source_path) if self.source_path else None,
            "entries": self.entries,
            "matched": self.matched,
            "updated_at": self.updated_at,
        }


def save_playlist(
    conn: sqlite3.Connection, name: str, fmt: str, source_path: str | None, matches: Sequence[Match]
) -> int:
    """Store (or replace) a playlist with its entries in one transaction; returns its id."""
    now = time.time()
    matched = sum(1 for m in matches if m.item_id is not None)
    src = to_db(source_path) if source_path else None
    with conn:
        row = (
            conn.execute("SELECT id FROM playlists WHERE source_path = ?", (src,)).fetchone() if src else None
        )
        if row:
            pid = int(row[0])
            conn.execute(
                "UPDATE playlists SET name = ?, format = ?, updated_at = ?, entry_count = ?,"
                " matched_count = ? WHERE id = ?",
                (name, fmt, now, len(matches), matched, pid),
            )
            conn.execute("DELETE FROM playlist_entries WHERE playlist_id = ?", (pid,))
        else:
            pid = int(
                conn.execute(
                    "INSERT INTO playlists(name, source_path, format, created_at, updated_at, entry_count,"
                    " matched_count) VALUES (?,?,?,?,?,?,?)",
                    (name, src, fmt, now, now, len(matches), matched),
                ).lastrowid
            )
        conn.executemany(
            "INSERT INTO playlist_entries(playlist_id, position, item_id, location, title, artist, album,"
            " duration, matched_by, problem) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    pid,
                    n,
                    m.item_id,
                    to_db(m.entry.location),
                    m.entry.title,
                    m.entry.artist,
                    m.entry.album,
                    m.entry.duration,
                    m.matched_by,
                    m.problem,
                )
                for n, m in enumerate(matches)
            ],
        )
    return pid


def list_playlists(conn: sqlite3.Connection) -> list[PlaylistInfo]:
    rows = conn.execute(
        "SELECT id, name, format, source_path, entry_count, matched_count, updated_at"
        " FROM playlists ORDER BY name COLLATE NOCASE, id"
    )
    return [PlaylistInfo(r[0], r[1], r[2], from_db(r[3]) if r[3] else None, r[4], r[5], r[6]) for r in rows]


def playlist_item_ids(conn: sqlite3.Connection, playlist_id: int) -> list[int]:
    """The matched items of a playlist, in order (for playing or exporting it)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT item_id FROM playlist_entries WHERE playlist_id = ?"
            " AND item_id IS NOT NULL ORDER BY position",
            (playlist_id,),
        )
    ]


def playlist_weights(conn: sqlite3.Connection) -> dict[int, int]:
    """item id -> on how many saved playlists it appears (a weak taste signal)."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT item_id, COUNT(DISTINCT playlist_id) FROM playlist_entries WHERE item_id IS NOT NULL"
            " GROUP BY item_id"
        )
    }


@dataclass(frozen=True)
class SavedEntry:
    """One entry of a saved playlist as the window lists it: its item when it matched, else why not."""

    position: int
    item_id: int | None
    location: str
    title: str | None
    artist: str | None
    album: str | None
    duration: float | None
    matched_by: str | None
    problem: str | None


def get_playlist(conn: sqlite3.Connection, playlist_id: int) -> PlaylistInfo | None:
    r = conn.execute(
        "SELECT id, name, format, source_path, entry_count, matched_count, updated_at"
        " FROM playlists WHERE id = ?",
        (playlist_id,),
    ).fetchone()
    return PlaylistInfo(r[0], r[1], r[2], from_db(r[3]) if r[3] else None, r[4], r[5], r[6]) if r else None


def playlist_entries(conn: sqlite3.Connection, playlist_id: int) -> list[SavedEntry]:
    """Every entry of a playlist in order; a matched entry shows its library item's tags."""
    rows = conn.execute(
        "SELECT e.position, e.item_id, e.location, COALESCE(i.title, e.title), COALESCE(i.artist, i.show, e.artist),"
        " COALESCE(i.album, e.album), COALESCE(i.duration, e.duration), e.matched_by, e.problem"
        " FROM playlist_entries e LEFT JOIN items i ON i.id = e.item_id"
        " WHERE e.playlist_id = ? ORDER BY e.position",
        (playlist_id,),
    )
    return [SavedEntry(r[0], r[1], from_db(r[2]), r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows]


def rename_playlist(conn: sqlite3.Connection, playlist_id: int, name: str) -> bool:
    """Give a saved playlist a new name (not empty); False when there is no such playlist."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a playlist needs a name")
    with conn:
        cur = conn.execute(
            "UPDATE playlists SET name = ?, updated_at = ? WHERE id = ?", (name, time.time(), playlist_id)
        )
    return cur.rowcount > 0


def delete_playlist(conn: sqlite3.Connection, playlist_id: int) -> bool:
    """Forget a saved playlist and its entries. Files, the library and listening history are untouched."""
    with conn:
        conn.execute("DELETE FROM playlist_entries WHERE playlist_id = ?", (playlist_id,))
        cur = conn.execute("DELETE FROM playlists WHERE id = ?", (playlist_id,))
    return cur.rowcount > 0
