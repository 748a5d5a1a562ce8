"""Ratings: 0-5 stars and like / dislike, as events plus the current state in ``ratings``.

Every change is a ``rating`` / ``like`` / ``dislike`` / ``unlike`` event (append-only, so
taste can be rebuilt) and the ``ratings`` row is updated in the same transaction. A
dislike means "never in mixes" (``disliked_ids``) and is reversed by ``unlike``.
Explicit ratings are recorded even in a private session: the person asked for them.
"""

from __future__ import annotations

import math
import sqlite3
import time
from dataclasses import dataclass

from companion.core.db import events as event_db
from companion.core.db import ratings as rating_db
from companion.core.db.events import EventType
from companion.core.errors import UsageError
from companion.core.events.record import insert_event


@dataclass(frozen=True)
class RatingState:
    item_id: int
    stars: float | None
    liked: int  # 1 like, -1 dislike, 0 neither

    def to_json(self) -> dict[str, object]:
        return {
            "item_id": self.item_id,
            "stars": self.stars,
            "liked": {1: "like", -1: "dislike"}.get(self.liked),
        }


_LIKE_TYPES = {1: EventType.LIKE, -1: EventType.DISLIKE, 0: EventType.UNLIKE}
_LIKED_BY_TYPE = {t: liked for liked, t in _LIKE_TYPES.items()}


def check_stars(stars: float) -> float:
    """Stars as a float 0..5 in half steps, or UsageError."""
    try:
        value = float(stars)
    except (TypeError, ValueError):
        raise UsageError(f"stars must be a number from 0 to 5, not {stars!r}") from None
    if math.isnan(value) or not 0.0 <= value <= 5.0:
        raise UsageError(f"stars must be from 0 to 5, not {stars!r}")
    return round(value * 2) / 2


def rating_state(conn: sqlite3.Connection, item_id: int) -> RatingState:
    row = rating_db.get(conn, item_id)
    return RatingState(item_id, row.stars if row else None, row.liked if row else 0)


def set_stars(
    conn: sqlite3.Connection, item_id: int, stars: float | None, *, ts: float | None = None
) -> RatingState:
    """Rate an item 0..5 stars (None clears the stars, keeps like/dislike)."""
    value = None if stars is None else check_stars(stars)
    with conn:
        insert_event(conn, item_id, EventType.RATING, ts=ts, value=value)
        _write_state(conn, item_id, stars=value, liked=None, ts=ts)
    return rating_state(conn, item_id)


def set_liked(conn: sqlite3.Connection, item_id: int, liked: int, *, ts: float | None = None) -> RatingState:
    """1 like, -1 dislike ("never in mixes"), 0 undo either."""
    if liked not in (1, -1, 0):
        raise ValueError(f"liked must be 1, -1 or 0, not {liked!r}")
    with conn:
        insert_event(conn, item_id, _LIKE_TYPES[liked], ts=ts)
        _write_state(conn, item_id, stars=None, liked=liked, ts=ts, keep_stars=True)
    return rating_state(conn, item_id)


def clear(conn: sqlite3.Connection, item_id: int, *, ts: float | None = None) -> RatingState:
    """Forget stars and like/dislike (both recorded as events)."""
    state = rating_state(conn, item_id)
    with conn:
        if state.stars is not None:
            insert_event(conn, item_id, EventType.RATING, ts=ts, value=None)
        if state.liked:
            insert_event(conn, item_id, EventType.UNLIKE, ts=ts)
        rating_db.delete(conn, item_id)
    return rating_state(conn, item_id)


def disliked_ids(conn: sqlite3.Connection) -> set[int]:
    """Items the person said never to play in mixes."""
    return rating_db.disliked_ids(conn)


def rebuild_ratings(conn: sqlite3.Connection) -> int:
    """Recompute the ``ratings`` table from app events (it is derived data); return rows written."""
    state: dict[int, rating_db.Rating] = {}
    for e in event_db.opinions(conn):
        stars, liked = (state[e.item_id].stars, state[e.item_id].liked) if e.item_id in state else (None, 0)
        if e.type == EventType.RATING:
            stars = e.value
        else:
            liked = _LIKED_BY_TYPE[EventType(e.type)]
        state[e.item_id] = rating_db.Rating(e.item_id, stars, liked, e.ts)
    kept = [r for r in state.values() if r.stars is not None or r.liked]
    with conn:
        rating_db.replace_all(conn, kept)
    return len(kept)


def _write_state(
    conn: sqlite3.Connection,
    item_id: int,
    *,
    stars: float | None,
    liked: int | None,
    ts: float | None,
    keep_stars: bool = False,
) -> None:
    now = time.time() if ts is None else ts
    old = rating_state(conn, item_id)
    new_stars = old.stars if keep_stars else stars
    new_liked = old.liked if liked is None else liked
    if new_stars is None and not new_liked:
        rating_db.delete(conn, item_id)
        return
    rating_db.put(conn, rating_db.Rating(item_id, new_stars, new_liked, now))
