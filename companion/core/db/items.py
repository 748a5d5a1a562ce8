"""The ``items`` table outside a scan: one item, lists and counts, small status changes, and the
columns that playing, playlists, matching and seeding radio read.

Paths are returned as stored (the path codec's text, ``companion.core.library.pathcodec``); whole rows
as plain dicts of every column (the library turns them into what callers show).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from companion.core.db.events import chunks

KINDS = ("music", "video")


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def get(conn: sqlite3.Connection, item_id: int) -> dict[str, Any] | None:
    """Every column of one item."""
    found = _dicts(conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)))
    return found[0] if found else None


def get_by_path(conn: sqlite3.Connection, path: str) -> dict[str, Any] | None:
    """Every column of the item at this (stored) path."""
    found = _dicts(conn.execute("SELECT * FROM items WHERE path = ?", (path,)))
    return found[0] if found else None


def id_for_path(conn: sqlite3.Connection, path: str) -> int | None:
    row = conn.execute("SELECT id FROM items WHERE path = ?", (path,)).fetchone()
    return int(row[0]) if row else None


def path_of(conn: sqlite3.Connection, item_id: int) -> str | None:
    """The item's stored path (None: no such item)."""
    row = conn.execute("SELECT path FROM items WHERE id = ?", (item_id,)).fetchone()
    return row[0] if row else None


def listed(
    conn: sqlite3.Connection, kind: str | None, statuses: Sequence[str], limit: int | None
) -> list[dict[str, Any]]:
    """Items of one kind (or all) with these statuses, ordered artist / album / disc / track / title."""
    sql = f"SELECT * FROM items WHERE status IN ({', '.join('?' * len(statuses))})"
    args: list[Any] = list(statuses)
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    sql += (
        " ORDER BY kind, COALESCE(album_artist, artist) COLLATE NOCASE, album COLLATE NOCASE, disc_no, "
        "track_no, show, season, episode, title COLLATE NOCASE"
    )
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    return _dicts(conn.execute(sql, args))


def count_ok(conn: sqlite3.Connection, kind: str | None = None) -> int:
    """Playable items (status ok), of one kind or all."""
    if kind:
        return int(
            conn.execute("SELECT COUNT(*) FROM items WHERE status = 'ok' AND kind = ?", (kind,)).fetchone()[0]
        )
    return int(conn.execute("SELECT COUNT(*) FROM items WHERE status = 'ok'").fetchone()[0])


def set_unplayable(conn: sqlite3.Connection, item_id: int, reason: str, now: float) -> bool:
    """Mark an item that failed to play (its own transaction); False when there is no such item."""
    with conn:
        n = conn.execute(
            "UPDATE items SET status = 'unplayable', status_reason = ?, updated_at = ? WHERE id = ?",
            (reason, now, item_id),
        ).rowcount
    return n > 0


def set_missing(conn: sqlite3.Connection, item_id: int, reason: str, now: float) -> None:
    """Mark an item whose file was not there when it was to be played (its own transaction)."""
    with conn:
        conn.execute(
            "UPDATE items SET status = 'missing', status_reason = ?, missing_since = ?, updated_at = ?"
            " WHERE id = ?",
            (reason, now, now, item_id),
        )


class KindAndLength(NamedTuple):
    kind: str
    duration: float | None


def is_spoken(conn: sqlite3.Connection, item_id: int) -> bool:
    """Whether the item is spoken word (``items.spoken`` holds why)."""
    row = conn.execute("SELECT spoken IS NOT NULL FROM items WHERE id = ?", (item_id,)).fetchone()
    return bool(row and row[0])


def kind_and_duration(conn: sqlite3.Connection, item_id: int) -> KindAndLength | None:
    row = conn.execute("SELECT kind, duration FROM items WHERE id = ?", (item_id,)).fetchone()
    return KindAndLength._make(row) if row else None


class Track(NamedTuple):
    """What a playlist entry needs of an item."""

    id: int
    path: str
    title: str | None
    artist: str | None
    album: str | None
    duration: float | None
    show: str | None


def tracks(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, Track]:
    """item id -> :class:`Track`, for those of ``item_ids`` in the library."""
    out: dict[int, Track] = {}
    for chunk in chunks(item_ids):
        rows = conn.execute(
            "SELECT id, path, title, artist, album, duration, show FROM items"
            f" WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        out.update((int(r[0]), Track._make(r)) for r in rows)
    return out


def paths(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, stored path) of every item."""
    return [(int(i), p) for i, p in conn.execute("SELECT id, path FROM items")]


class MatchFields(NamedTuple):
    """What matching an entry from elsewhere (imported history) compares."""

    id: int
    kind: str
    status: str
    title: str | None
    artist: str | None
    album_artist: str | None
    album: str | None
    duration: float | None
    mb_track_id: str | None
    video_type: str | None
    show: str | None
    season: int | None
    episode: int | None


def match_fields(conn: sqlite3.Connection) -> list[MatchFields]:
    """:class:`MatchFields` of every item, playable ones first."""
    rows = conn.execute(
        "SELECT id, kind, status, title, artist, album_artist, album, duration, mb_track_id,"
        " video_type, show, season, episode FROM items ORDER BY status = 'ok' DESC, id"
    )
    return [MatchFields._make(r) for r in rows]


class SeedFields(NamedTuple):
    id: int
    title: str | None
    artist: str | None
    rg_track_gain: float | None


def seed_fields(conn: sqlite3.Connection, path: str) -> SeedFields | None:
    """What naming a file as a radio seed needs of its item (None: not in the library)."""
    row = conn.execute(
        "SELECT id, title, artist, rg_track_gain FROM items WHERE path = ?", (path,)
    ).fetchone()
    return SeedFields._make(row) if row else None


def next_episode(conn: sqlite3.Connection, item_id: int) -> int | None:
    """The episode after ``item_id`` in the same show (next in season, else first of a later season)."""
    row = conn.execute(
        "SELECT show, season, episode FROM items WHERE id = ? AND video_type = 'episode'", (item_id,)
    ).fetchone()
    if row is None or row[0] is None or row[2] is None:
        return None
    show, season, episode = row[0], row[1] if row[1] is not None else -1, row[2]
    nxt = conn.execute(
        "SELECT id FROM items WHERE video_type = 'episode' AND show = ? COLLATE NOCASE AND status = 'ok'"
        " AND id != ? AND (COALESCE(season, -1) > ? OR (COALESCE(season, -1) = ? AND episode > ?))"
        " ORDER BY COALESCE(season, -1), episode, path LIMIT 1",
        (show, item_id, season, season, episode),
    ).fetchone()
    return int(nxt[0]) if nxt else None


class QueueFields(NamedTuple):
    """What a play-queue entry needs of an item (``album`` is the show for episodes)."""

    id: int
    path: str
    kind: str
    title: str | None
    artist: str | None
    album: str | None
    duration: float | None
    rg_track_gain: float | None
    rg_track_peak: float | None
    rg_album_gain: float | None
    rg_album_peak: float | None
    cover_key: str | None
    resume_at: float | None
    spoken: bool  # spoken word (an audiobook, a podcast): resumed like a video


def queue_fields(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, QueueFields]:
    """item id -> :class:`QueueFields` (with its resume point), for those of ``item_ids`` in the library."""
    out: dict[int, QueueFields] = {}
    for chunk in chunks(item_ids):
        rows = conn.execute(
            "SELECT i.id, i.path, i.kind, i.title, i.artist, COALESCE(i.show, i.album), i.duration,"
            " i.rg_track_gain, i.rg_track_peak, i.rg_album_gain, i.rg_album_peak, i.cover_key, rp.position,"
            " i.spoken IS NOT NULL"
            " FROM items i LEFT JOIN resume_points rp ON rp.item_id = i.id"
            f" WHERE i.id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        out.update((int(r[0]), QueueFields._make(r)) for r in rows)
    return out
