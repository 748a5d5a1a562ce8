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

from companion.core.db import playlists as playlist_db
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
    src = to_db(source_path) if source_path else None
    rows = [
        playlist_db.EntryRow(
            m.item_id,
            to_db(m.entry.location),
            m.entry.title,
            m.entry.artist,
            m.entry.album,
            m.entry.duration,
            m.matched_by,
            m.problem,
        )
        for m in matches
    ]
    return playlist_db.save(conn, name, fmt, src, rows, time.time())


def list_playlists(conn: sqlite3.Connection) -> list[PlaylistInfo]:
    return [_info(r) for r in playlist_db.listed(conn)]


def _info(r: playlist_db.PlaylistRow) -> PlaylistInfo:
    return PlaylistInfo(
        r.id,
        r.name,
        r.format,
        from_db(r.source_path) if r.source_path else None,
        r.entries,
        r.matched,
        r.updated_at,
    )


def playlist_item_ids(conn: sqlite3.Connection, playlist_id: int) -> list[int]:
    """The matched items of a playlist, in order (for playing or exporting it)."""
    return playlist_db.item_ids(conn, playlist_id)


def playlist_weights(conn: sqlite3.Connection) -> dict[int, int]:
    """item id -> on how many saved playlists it appears (a weak taste signal)."""
    return playlist_db.playlists_per_item(conn)


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
    r = playlist_db.get(conn, playlist_id)
    return _info(r) if r else None


def playlist_entries(conn: sqlite3.Connection, playlist_id: int) -> list[SavedEntry]:
    """Every entry of a playlist in order; a matched entry shows its library item's tags."""
    return [
        SavedEntry(
            n, e.item_id, from_db(e.location), e.title, e.artist, e.album, e.duration, e.matched_by, e.problem
        )
        for n, e in playlist_db.shown_entries(conn, playlist_id)
    ]


def rename_playlist(conn: sqlite3.Connection, playlist_id: int, name: str) -> bool:
    """Give a saved playlist a new name (not empty); False when there is no such playlist."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a playlist needs a name")
    return playlist_db.rename(conn, playlist_id, name, time.time())


def delete_playlist(conn: sqlite3.Connection, playlist_id: int) -> bool:
    """Forget a saved playlist and its entries. Files, the library and listening history are untouched."""
    return playlist_db.delete(conn, playlist_id)
