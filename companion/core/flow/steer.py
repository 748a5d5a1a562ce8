"""Radio that learns from what you just did: the session so far, and "less like this for now".

``session_context`` is the current listening session (plays since the last 30-minute gap) and a
``NextUp`` (session kNN and sequence rules) over the sessions before it. ``steer_away`` reads the latest outcomes: two early skips
in a row (within ``STEER_WINDOW_S``) mean the radio should move away from what was skipped.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Collection

from companion.core.db.flow import latest_outcomes, recent_plays
from companion.core.flow.moments import SESSION_GAP_S
from companion.core.flow.nextup import NextUp, split_sessions

STEER_WINDOW_S = 30 * 60  # the two skips must be this recent


def session_context(
    conn: sqlite3.Connection, now: float | None = None, drop: Collection[int] = ()
) -> tuple[list[int], NextUp]:
    """(the current session's items, what followed what in the earlier sessions); the session is empty
    after a long gap. ``drop``: event ids of plays that teach nothing (kept out of the taste): they are left
    out, and the sequence they were in ends there (what came before and after them never followed each
    other)."""
    now = time.time() if now is None else now
    times, items, ids = recent_plays(conn)
    sessions = split_sessions(times, items, SESSION_GAP_S, ids, set(drop))
    current: list[int] = []
    if sessions and times and now - times[-1] <= SESSION_GAP_S:
        current = sessions.pop()
    return current, NextUp([s for s in sessions if s])


def steer_away(conn: sqlite3.Connection, now: float | None = None) -> list[int]:
    """The two items just skipped early in a row (newest first), or [] when that did not happen."""
    now = time.time() if now is None else now
    latest = latest_outcomes(conn, 2)
    if len(latest) == 2 and all(t == "skip" and now - ts <= STEER_WINDOW_S for t, _i, ts in latest):
        return [i for _t, i, _ts in latest]
    return []
