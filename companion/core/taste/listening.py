"""What radio needs to know about the person's listening: recent plays, early skips, dislikes, taste.

Taste fit comes from the taste engine (``signals``): its smoothed
*satisfaction* per item (plays against position-weighted skips, ratings and likes, backed off
to the artist and genre), so an unplayed track by a loved artist already fits.
"""

from __future__ import annotations

import sqlite3
import time

import numpy as np

from companion.core.db import events as event_db
from companion.core.events.thresholds import PLAY_MIN_SECONDS
from companion.core.taste.context import moment
from companion.core.taste.signals import Params, compute, rating_state
from companion.core.taste.state import loaded

RECENT_HOURS = 6.0  # played this recently: not again on the radio
RECENT_PLAYS = 50  # ... nor among the last this many plays
EARLY_SKIP_DAYS = 30.0  # skipped within the first PLAY_MIN_SECONDS this recently: left out


def recently_played(conn: sqlite3.Connection, now: float | None = None) -> set[int]:
    now = time.time() if now is None else now
    return event_db.recently_played(conn, now - RECENT_HOURS * 3600, RECENT_PLAYS)


def skipped_early(conn: sqlite3.Connection, now: float | None = None) -> set[int]:
    """Items skipped before the play threshold lately, unless played through since."""
    now = time.time() if now is None else now
    return event_db.skipped_early(conn, now - EARLY_SKIP_DAYS * 86400, PLAY_MIN_SECONDS)


def taste_fit(conn: sqlite3.Connection, item_ids: np.ndarray) -> np.ndarray:
    """0..1 per item: how well it fits the person's taste (0.5 when nothing is known).

    The library and the event log are the taste engine's, shared with the home (``taste.state``): new
    events are read incrementally, so a call after each played track is cheap.
    """
    out = np.full(len(item_ids), 0.5)
    view = loaded(conn)
    with view.lock:  # another thread may fold new events into the log meanwhile
        lib, log = view.lib, view.log
        if not len(lib):
            return out
        m = moment(None)
        n = log.before(m.ts)
        stars, liked = rating_state(conn, lib, log, n, m.ts)
        signals = compute(lib, log, m, Params(), stars, liked, n=n)
    pos = lib.index_of(np.asarray(item_ids, np.int64))
    known = pos >= 0
    out[known] = signals.satisfaction[pos[known]]
    return out
