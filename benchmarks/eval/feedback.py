"""Listening and rating as the player records them, at simulated times.

A playback is classified by the player's thresholds (``companion.core.events.thresholds``) and
stored as the recorder stores it: one event at the moment it ended, ``data.started_at`` set.
(The recorder itself stamps events with the wall clock, so a replay cannot go through it.)
Stars and dislikes go through ``companion.core.events.ratings`` so ``ratings`` stays consistent.
"""

from __future__ import annotations

import sqlite3

from benchmarks.common.product import classify, record_event, set_liked, set_stars


def listen(
    conn: sqlite3.Connection,
    item_id: int,
    *,
    ts: float,
    position: float,
    duration: float,
    end_reason: str,
    start_reason: str,
    context: str | None,
    session_id: str,
) -> str | None:
    """Record one playback started at ``ts`` and left at ``position``; returns the event type or None."""
    kind = classify(position, position, duration, end_reason)
    if kind is not None:
        record_event(
            conn,
            item_id,
            kind,
            ts=ts + position,
            tz_offset_min=0,
            position=position,
            duration=duration,
            start_reason=start_reason,
            end_reason=end_reason,
            context=context,
            session_id=session_id,
            data={"started_at": round(ts, 3), "listened": round(position, 3)},
        )
    return kind


def rate(conn: sqlite3.Connection, item_id: int, stars: float | None, *, ts: float) -> None:
    set_stars(conn, item_id, stars, ts=ts)


def dislike(conn: sqlite3.Connection, item_id: int, *, ts: float) -> None:
    set_liked(conn, item_id, -1, ts=ts)
