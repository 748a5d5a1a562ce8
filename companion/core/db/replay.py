"""Replay's reads: the plays of a period of local time with their items, and the months with listening."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from companion.core.db.events import PLAYS_SQL

MAX_OFFSET_S = 14 * 3600  # the widest local offset: widens the indexed ts range around a local period


class PeriodPlay(NamedTuple):
    event_id: int
    item_id: int
    type: str
    ts: float
    tz_offset_min: int
    position: float | None
    duration: float | None  # the event's, else the item's
    source: str
    context: str | None
    kind: str | None  # music | video | None (the item is gone)
    title: str | None
    artist: str | None  # artist, album artist, or the show for episodes
    album: str | None
    genres: str | None  # JSON list
    show: str | None


def plays_between(conn: sqlite3.Connection, start_local: float, end_local: float) -> list[PeriodPlay]:
    """Plays (``play`` and ``completed``) whose local time (ts + the offset they were recorded with) is in
    [start_local, end_local), oldest first."""
    rows = conn.execute(
        "SELECT e.id, e.item_id, e.type, e.ts, e.tz_offset_min, e.position, COALESCE(e.duration, i.duration),"
        " e.source, e.context, i.kind, i.title, COALESCE(i.artist, i.album_artist, i.show), i.album, i.genres,"
        " i.show"
        f" FROM events e LEFT JOIN items i ON i.id = e.item_id WHERE e.type IN ({PLAYS_SQL})"
        " AND e.ts >= ? AND e.ts < ? AND e.ts + e.tz_offset_min * 60 >= ? AND e.ts + e.tz_offset_min * 60 < ?"
        " ORDER BY e.ts, e.id",
        (start_local - MAX_OFFSET_S, end_local + MAX_OFFSET_S, start_local, end_local),
    ).fetchall()
    return [PeriodPlay._make(r) for r in rows]


def months_with_plays(conn: sqlite3.Connection) -> list[str]:
    """'YYYY-MM' of every local month with a play, newest first."""
    rows = conn.execute(
        "SELECT DISTINCT strftime('%Y-%m', ts + tz_offset_min * 60, 'unixepoch') AS m"
        f" FROM events WHERE type IN ({PLAYS_SQL}) ORDER BY m DESC"
    ).fetchall()
    return [r[0] for r in rows if r[0]]
