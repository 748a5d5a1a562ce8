"""Imported history's bookkeeping: ``import_files`` (one row per file imported, by content),
``import_keys`` (an imported entry never becomes two events) and ``import_unmatched`` (entries that
named no library item yet; a later scan or import may match them). The events themselves are ordinary
``events`` rows (source ``import:<service>``)."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple


def is_known(conn: sqlite3.Connection, key: str) -> bool:
    """Whether this entry became an event already, or waits unmatched."""
    row = conn.execute(
        "SELECT 1 FROM import_keys WHERE key = ? UNION ALL SELECT 1 FROM import_unmatched WHERE key = ? LIMIT 1",
        (key, key),
    ).fetchone()
    return row is not None


def add_key(conn: sqlite3.Connection, key: str, event_id: int) -> None:
    conn.execute("INSERT INTO import_keys(key, event_id) VALUES (?, ?)", (key, event_id))


class Unmatched(NamedTuple):
    """An imported entry with no library item yet (``data``: JSON text)."""

    key: str
    service: str
    file_id: int | None
    ts: float
    kind: str
    type: str
    artist: str | None
    title: str | None
    album: str | None
    mb_track_id: str | None
    show: str | None
    season: int | None
    episode: int | None
    position: float | None
    data: str | None
    added_at: float
    id: int | None = None  # the row's id once stored


_UNMATCHED = (
    "key, service, file_id, ts, kind, type, artist, title, album, mb_track_id, show, season, episode, "
    "position, data, added_at"
)


def keep_unmatched(conn: sqlite3.Connection, entry: Unmatched) -> None:
    """Keep an entry for later (an entry kept already stays as it is)."""
    conn.execute(
        f"INSERT OR IGNORE INTO import_unmatched({_UNMATCHED}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        entry[:16],
    )


def unmatched(conn: sqlite3.Connection) -> list[Unmatched]:
    """Every kept entry, oldest first."""
    return [
        Unmatched._make(r) for r in conn.execute(f"SELECT {_UNMATCHED}, id FROM import_unmatched ORDER BY ts")
    ]


def has_unmatched(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT EXISTS(SELECT 1 FROM import_unmatched)").fetchone()[0])


def drop_unmatched(conn: sqlite3.Connection, row_id: int) -> None:
    conn.execute("DELETE FROM import_unmatched WHERE id = ?", (row_id,))


class UnmatchedName(NamedTuple):
    kind: str
    name: str  # artist, show, or film title
    entries: int


def top_unmatched(conn: sqlite3.Connection, limit: int) -> list[UnmatchedName]:
    """The names with the most kept entries: what to add to the library for the history to count."""
    rows = conn.execute(
        "SELECT kind, COALESCE(show, artist, title) AS name, COUNT(*) AS n FROM import_unmatched"
        " WHERE COALESCE(show, artist, title) IS NOT NULL GROUP BY kind, name COLLATE NOCASE"
        " ORDER BY n DESC, name LIMIT ?",
        (limit,),
    )
    return [UnmatchedName(r[0], r[1], int(r[2])) for r in rows]


def file_row(conn: sqlite3.Connection, path: str, sha256: str, service: str, now: float) -> tuple[int, bool]:
    """(id, seen before) of the ``import_files`` row for this content (made when new; ``path`` as stored)."""
    row = conn.execute("SELECT id FROM import_files WHERE sha256 = ?", (sha256,)).fetchone()
    if row:
        conn.execute("UPDATE import_files SET last_at = ?, path = ? WHERE id = ?", (now, path, row[0]))
        return int(row[0]), True
    cur = conn.execute(
        "INSERT INTO import_files(sha256, path, service, first_at, last_at) VALUES (?,?,?,?,?)",
        (sha256, path, service, now, now),
    )
    return int(cur.lastrowid or 0), False


class FileCounts(NamedTuple):
    read: int
    matched: int  # added to what matched before
    unmatched: int
    duplicates: int
    errors: int


def finish_file(conn: sqlite3.Connection, file_id: int, counts: FileCounts) -> None:
    conn.execute(
        "UPDATE import_files SET read = ?, matched = matched + ?, unmatched = ?, duplicates = ?,"
        " errors = ? WHERE id = ?",
        (*counts, file_id),
    )
