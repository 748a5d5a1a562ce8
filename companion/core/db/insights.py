"""The reads behind the Insights page: plays (``play`` and ``completed`` events) by local time, with
their items. Local time is each event's own (UTC + its offset)."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from companion.core.db.events import PLAYS_SQL, EventType

_PLAYS = f"type IN ({PLAYS_SQL})"


class HourCount(NamedTuple):
    weekday: int  # 0 Monday .. 6 Sunday
    hour: int
    plays: int


def plays_by_weekday_hour(conn: sqlite3.Connection) -> list[HourCount]:
    rows = conn.execute(
        "SELECT (CAST(strftime('%w', ts + tz_offset_min * 60, 'unixepoch') AS INTEGER) + 6) % 7,"
        " CAST(strftime('%H', ts + tz_offset_min * 60, 'unixepoch') AS INTEGER), COUNT(*)"
        f" FROM events WHERE {_PLAYS} GROUP BY 1, 2"
    )
    return [HourCount(int(w), int(h), int(n)) for w, h, n in rows]


class PlayedAt(NamedTuple):
    hour: int  # local hour of the play
    artist: str | None
    show: str | None
    genres: str | None  # JSON list, as stored


def plays_with_items(conn: sqlite3.Connection) -> list[PlayedAt]:
    """Every play of an item in the library, with its local hour."""
    rows = conn.execute(
        "SELECT CAST(strftime('%H', e.ts + e.tz_offset_min * 60, 'unixepoch') AS INTEGER),"
        f" i.artist, i.show, i.genres FROM events e JOIN items i ON i.id = e.item_id WHERE e.{_PLAYS}"
    )
    return [PlayedAt._make(r) for r in rows]


def plays_and_items_played(conn: sqlite3.Connection) -> tuple[int, int]:
    """(plays, distinct items played)."""
    row = conn.execute(f"SELECT COUNT(*), COUNT(DISTINCT item_id) FROM events WHERE {_PLAYS}").fetchone()
    return int(row[0]), int(row[1])


def first_plays(conn: sqlite3.Connection) -> dict[int, float]:
    """item id -> when it was first played."""
    return {
        int(i): ts
        for i, ts in conn.execute(f"SELECT item_id, MIN(ts) FROM events WHERE {_PLAYS} GROUP BY item_id")
    }


def plays_between(conn: sqlite3.Connection, start: float, end: float) -> list[tuple[int, float]]:
    """(item id, ts) of the plays in [start, end)."""
    rows = conn.execute(f"SELECT item_id, ts FROM events WHERE {_PLAYS} AND ts >= ? AND ts < ?", (start, end))
    return [(int(i), ts) for i, ts in rows]


class ArtistPlays(NamedTuple):
    who: str  # artist, or show
    genres: str | None  # JSON list of one of its items
    bpm: float | None  # average over its plays
    mood: str | None
    plays: int


def music_artist_plays(conn: sqlite3.Connection) -> list[ArtistPlays]:
    """Per artist of music played: its plays and what it sounds like."""
    rows = conn.execute(
        "SELECT COALESCE(i.artist, i.show) AS who, i.genres, AVG(i.bpm), i.mood, COUNT(*)"
        f" FROM events e JOIN items i ON i.id = e.item_id WHERE e.{_PLAYS} AND i.kind = 'music'"
        " AND COALESCE(i.artist, i.show) IS NOT NULL GROUP BY who"
    )
    return [ArtistPlays._make(r) for r in rows]


class Totals(NamedTuple):
    plays: int
    seconds: float  # listened: the position reached (else the length) of each play
    skips: int


def totals(conn: sqlite3.Connection) -> Totals:
    row = conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM(COALESCE(position, duration, 0)), 0) FROM events WHERE {_PLAYS}"
    ).fetchone()
    skips = conn.execute(f"SELECT COUNT(*) FROM events WHERE type = '{EventType.SKIP.value}'").fetchone()[0]
    return Totals(int(row[0]), float(row[1]), int(skips))
