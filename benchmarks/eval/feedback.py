"""Listening and rating as the player records them, at simulated times.

A playback is classified by the player's thresholds (``companion.core.events.thresholds``) and
stored as the recorder stores it: one event at the moment it ended, ``data.started_at`` set.
(The recorder itself stamps events with the wall clock, so a replay cannot go through it.)
Stars and dislikes go through ``companion.core.events.ratings`` so ``ratings`` stays consistent.
"""

from __future__ import annotations

import sqlite3

from companion.core.events.record import record_event

try:
    from companion.core.events.ratings import set_liked, set_stars
    from companion.core.events.thresholds import classify
except ImportError:  # pragma: no cover - only while the player's modules are not in the tree
    def classify(listened: float, position: float, duration: float | None, end_reason: str) -> str | None:
        threshold = min(30.0, 0.5 * duration) if duration else 30.0
        if listened >= threshold:
            return "completed" if end_reason == "ended" or (duration and position >= 0.9 * duration) else "play"
        return "skip" if end_reason in ("ended", "next", "previous") else None

    def set_stars(conn: sqlite3.Connection, item_id: int, stars: float | None, *, ts: float | None = None):
        record_event(conn, item_id, "rating", ts=ts, value=stars)
        with conn:
            conn.execute("INSERT INTO ratings(item_id, stars, liked, updated_at) VALUES (?,?,0,?) ON CONFLICT"
                         "(item_id) DO UPDATE SET stars=excluded.stars, updated_at=excluded.updated_at",
                         (item_id, stars, ts))

    def set_liked(conn: sqlite3.Connection, item_id: int, liked: int, *, ts: float | None = None):
        record_event(conn, item_id, {1: "like", -1: "dislike", 0: "unlike"}[liked], ts=ts)
        with conn:
            conn.execute("INSERT INTO ratings(item_id, stars, liked, updated_at) VALUES (?,NULL,?,?) ON CONFLICT"
                         "(item_id) DO UPDATE SET liked=excluded.liked, updated_at=excluded.updated_at",
                         (item_id, liked, ts))


def listen(conn: sqlite3.Connection, item_id: int, *, ts: float, position: float, duration: float,
           end_reason: str, start_reason: str, context: str | None, session_id: str) -> str | None:
    """Record one playback started at ``ts`` and left at ``position``; returns the event type or None."""
    kind = classify(position, position, duration, end_reason)
    if kind is not None:
        record_event(conn, item_id, kind, ts=ts + position, tz_offset_min=0, position=position,
                     duration=duration, start_reason=start_reason, end_reason=end_reason, context=context,
                     session_id=session_id, data={"started_at": round(ts, 3), "listened": round(position, 3)})
    return kind


def rate(conn: sqlite3.Connection, item_id: int, stars: float | None, *, ts: float) -> None:
    set_stars(conn, item_id, stars, ts=ts)


def dislike(conn: sqlite3.Connection, item_id: int, *, ts: float) -> None:
    set_liked(conn, item_id, -1, ts=ts)
