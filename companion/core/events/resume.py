"""Resume points ("continue watching") and "up next" for episodes.

A resume point is kept only between the first minute and the last few percent
(``thresholds.keeps_resume_point``); finishing an item, or stopping outside that
window, clears it. Reads and writes run inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from companion.core.db import events as event_db
from companion.core.db import items as item_db
from companion.core.db import playback as playback_db
from companion.core.events.thresholds import keeps_resume_point


@dataclass(frozen=True)
class ResumePoint:
    item_id: int
    position: float
    duration: float | None
    updated_at: float


def update_after_playback(
    conn: sqlite3.Connection, item_id: int, kind: str, position: float, duration: float | None, ts: float
) -> None:
    """Keep, move or clear the item's resume point after a playback stopped at ``position``.

    The player knows only music or video; whether a music-kind item is spoken word (an audiobook, a
    podcast: resumed whatever its length) is the library's to say.
    """
    if kind == "music" and item_db.is_spoken(conn, item_id):
        kind = "spoken"
    if keeps_resume_point(kind, position, duration):
        playback_db.put_resume_point(conn, playback_db.ResumeRow(item_id, round(position, 3), duration, ts))
    else:
        playback_db.delete_resume_point(conn, item_id)


def resume_point(conn: sqlite3.Connection, item_id: int) -> ResumePoint | None:
    row = playback_db.resume_point(conn, item_id)
    return ResumePoint(*row) if row else None


def resume_points(conn: sqlite3.Connection, limit: int = 50) -> list[ResumePoint]:
    """Unfinished items, most recently watched first (for a "Continue" row)."""
    return [ResumePoint(*r) for r in playback_db.latest_resume_points(conn, limit)]


def next_episode(conn: sqlite3.Connection, item_id: int) -> int | None:
    """The episode after ``item_id`` in the same show (next in season, else first of a later season)."""
    return item_db.next_episode(conn, item_id)


def up_next(conn: sqlite3.Connection, limit: int = 20) -> list[int]:
    """Next episodes of shows whose latest watched episode was finished, newest first."""
    out: list[int] = []
    for finished in event_db.last_completed_episodes(conn):
        nxt = next_episode(conn, finished)
        if nxt is not None and resume_point(conn, nxt) is None and not event_db.has_completed(conn, nxt):
            out.append(nxt)
        if len(out) >= limit:
            break
    return out
