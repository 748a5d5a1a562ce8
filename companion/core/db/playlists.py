"""Saved playlists: ``playlists`` and their ordered ``playlist_entries`` (paths as stored)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple


class PlaylistRow(NamedTuple):
    id: int
    name: str
    format: str
    source_path: str | None  # the imported file, as stored; None for a playlist made here
    entries: int
    matched: int
    updated_at: float


class EntryRow(NamedTuple):
    """One entry as stored: its item when it matched, else why not."""

    item_id: int | None
    location: str  # as written in the playlist (stored path text)
    title: str | None
    artist: str | None
    album: str | None
    duration: float | None
    matched_by: str | None  # path | folders | tags | None
    problem: str | None


_PLAYLIST = "id, name, format, source_path, entry_count, matched_count, updated_at"
_ENTRY = "item_id, location, title, artist, album, duration, matched_by, problem"


def save(
    conn: sqlite3.Connection,
    name: str,
    fmt: str,
    source_path: str | None,
    entries: Sequence[EntryRow],
    now: float,
) -> int:
    """Store a playlist with its entries in one transaction, replacing the one read from the same
    ``source_path`` before; returns its id."""
    matched = sum(1 for e in entries if e.item_id is not None)
    with conn:
        row = (
            conn.execute("SELECT id FROM playlists WHERE source_path = ?", (source_path,)).fetchone()
            if source_path
            else None
        )
        if row:
            pid = int(row[0])
            conn.execute(
                "UPDATE playlists SET name = ?, format = ?, updated_at = ?, entry_count = ?,"
                " matched_count = ? WHERE id = ?",
                (name, fmt, now, len(entries), matched, pid),
            )
            conn.execute("DELETE FROM playlist_entries WHERE playlist_id = ?", (pid,))
        else:
            pid = int(
                conn.execute(
                    "INSERT INTO playlists(name, source_path, format, created_at, updated_at, entry_count,"
                    " matched_count) VALUES (?,?,?,?,?,?,?)",
                    (name, source_path, fmt, now, now, len(entries), matched),
                ).lastrowid
                or 0
            )
        _insert_entries(conn, pid, entries)
    return pid


def _insert_entries(conn: sqlite3.Connection, playlist_id: int, entries: Sequence[EntryRow]) -> None:
    conn.executemany(
        f"INSERT INTO playlist_entries(playlist_id, position, {_ENTRY}) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(playlist_id, n, *e) for n, e in enumerate(entries)],
    )


def listed(conn: sqlite3.Connection) -> list[PlaylistRow]:
    """Every saved playlist, by name."""
    return [
        PlaylistRow._make(r)
        for r in conn.execute(f"SELECT {_PLAYLIST} FROM playlists ORDER BY name COLLATE NOCASE, id")
    ]


def get(conn: sqlite3.Connection, playlist_id: int) -> PlaylistRow | None:
    row = conn.execute(f"SELECT {_PLAYLIST} FROM playlists WHERE id = ?", (playlist_id,)).fetchone()
    return PlaylistRow._make(row) if row else None


def exists(conn: sqlite3.Connection, playlist_id: int) -> bool:
    return conn.execute("SELECT 1 FROM playlists WHERE id = ?", (playlist_id,)).fetchone() is not None


def item_ids(conn: sqlite3.Connection, playlist_id: int) -> list[int]:
    """The matched items of a playlist, in order."""
    rows = conn.execute(
        "SELECT item_id FROM playlist_entries WHERE playlist_id = ? AND item_id IS NOT NULL ORDER BY position",
        (playlist_id,),
    )
    return [int(r[0]) for r in rows]


def entries(conn: sqlite3.Connection, playlist_id: int) -> list[EntryRow]:
    """A playlist's entries as stored, in order."""
    rows = conn.execute(
        f"SELECT {_ENTRY} FROM playlist_entries WHERE playlist_id = ? ORDER BY position", (playlist_id,)
    )
    return [EntryRow._make(r) for r in rows]


class ShownEntry(NamedTuple):
    position: int
    entry: EntryRow


def shown_entries(conn: sqlite3.Connection, playlist_id: int) -> list[ShownEntry]:
    """A playlist's entries in order; a matched entry shows its library item's tags (a show for artist
    and album of an episode)."""
    rows = conn.execute(
        "SELECT e.position, e.item_id, e.location, COALESCE(i.title, e.title), COALESCE(i.artist, i.show, e.artist),"
        " COALESCE(i.album, e.album), COALESCE(i.duration, e.duration), e.matched_by, e.problem"
        " FROM playlist_entries e LEFT JOIN items i ON i.id = e.item_id"
        " WHERE e.playlist_id = ? ORDER BY e.position",
        (playlist_id,),
    )
    return [ShownEntry(int(r[0]), EntryRow._make(tuple(r)[1:])) for r in rows]


def replace_entries(conn: sqlite3.Connection, playlist_id: int, rows: Sequence[EntryRow], now: float) -> None:
    """The playlist's entries become ``rows`` in order, with its counts (inside the caller's transaction)."""
    conn.execute("DELETE FROM playlist_entries WHERE playlist_id = ?", (playlist_id,))
    _insert_entries(conn, playlist_id, rows)
    conn.execute(
        "UPDATE playlists SET entry_count = ?, matched_count = ?, updated_at = ? WHERE id = ?",
        (len(rows), sum(1 for r in rows if r.item_id is not None), now, playlist_id),
    )


def rename(conn: sqlite3.Connection, playlist_id: int, name: str, now: float) -> bool:
    """False when there is no such playlist. Its own transaction."""
    with conn:
        cur = conn.execute(
            "UPDATE playlists SET name = ?, updated_at = ? WHERE id = ?", (name, now, playlist_id)
        )
    return cur.rowcount > 0


def delete(conn: sqlite3.Connection, playlist_id: int) -> bool:
    """Forget a playlist and its entries (its own transaction); False when there was no such playlist."""
    with conn:
        conn.execute("DELETE FROM playlist_entries WHERE playlist_id = ?", (playlist_id,))
        cur = conn.execute("DELETE FROM playlists WHERE id = ?", (playlist_id,))
    return cur.rowcount > 0


def playlists_per_item(conn: sqlite3.Connection) -> dict[int, int]:
    """item id -> on how many saved playlists it appears."""
    rows = conn.execute(
        "SELECT item_id, COUNT(DISTINCT playlist_id) FROM playlist_entries WHERE item_id IS NOT NULL GROUP BY item_id"
    )
    return {int(r[0]): int(r[1]) for r in rows}


class Unmatched(NamedTuple):
    """An entry that matched no item, with what matching it needs of its playlist."""

    playlist_id: int
    position: int
    location: str
    title: str | None
    artist: str | None
    album: str | None
    duration: float | None
    source_path: str | None
    format: str


def unmatched_entries(conn: sqlite3.Connection) -> list[Unmatched]:
    rows = conn.execute(
        "SELECT e.playlist_id, e.position, e.location, e.title, e.artist, e.album, e.duration,"
        " p.source_path, p.format FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id"
        " WHERE e.item_id IS NULL ORDER BY e.playlist_id, e.position"
    )
    return [Unmatched._make(r) for r in rows]


def has_unmatched_entries(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute("SELECT EXISTS(SELECT 1 FROM playlist_entries WHERE item_id IS NULL)").fetchone()[0]
    )


class NewMatch(NamedTuple):
    item_id: int
    matched_by: str
    playlist_id: int
    position: int


def set_matches(conn: sqlite3.Connection, found: Sequence[NewMatch]) -> None:
    """Entries that match items now, and every playlist's matched count (one transaction)."""
    with conn:
        conn.executemany(
            "UPDATE playlist_entries SET item_id = ?, matched_by = ?, problem = NULL"
            " WHERE playlist_id = ? AND position = ?",
            found,
        )
        conn.execute(
            "UPDATE playlists SET matched_count = (SELECT COUNT(*) FROM playlist_entries e"
            " WHERE e.playlist_id = playlists.id AND e.item_id IS NOT NULL)"
        )
