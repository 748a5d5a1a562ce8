"""What radio needs to know about the person's listening: recent plays, early skips, dislikes, taste.

Taste fit comes from the taste engine (``companion.core.taste.signals``): its smoothed
*satisfaction* per item (plays against position-weighted skips, ratings and likes, backed off
to the artist and genre), so an unplayed track by a loved artist already fits.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import numpy as np

from companion.core.events.thresholds import PLAY_MIN_SECONDS

RECENT_HOURS = 6.0  # played this recently: not again on the radio
RECENT_PLAYS = 50  # ... nor among the last this many plays
EARLY_SKIP_DAYS = 30.0  # skipped within the first PLAY_MIN_SECONDS this recently: left out


def recently_played(conn: sqlite3.Connection, now: float | None = None) -> set[int]:
    now = time.time() if now is None else now
    rows = conn.execute(
        "SELECT item_id FROM events WHERE type IN ('play', 'completed') AND ts >= ? "
        "UNION SELECT item_id FROM (SELECT item_id FROM events WHERE type IN ('play', 'completed') "
        "ORDER BY ts DESC LIMIT ?)",
        (now - RECENT_HOURS * 3600, RECENT_PLAYS),
    )
    return {int(r[0]) for r in rows}


def skipped_early(conn: sqlite3.Connection, now: float | None = None) -> set[int]:
    """Items skipped before the play threshold lately, unless played through since."""
    now = time.time() if now is None else now
    rows = conn.execute(
        "SELECT s.item_id FROM events s WHERE s.type = 'skip' AND s.ts >= ? AND coalesce(s.position, 0) < ? "
        "AND NOT EXISTS (SELECT 1 FROM events p WHERE p.item_id = s.item_id AND p.type IN ('play', 'completed') "
        "AND p.ts > s.ts)",
        (now - EARLY_SKIP_DAYS * 86400, PLAY_MIN_SECONDS),
    )
    return {int(r[0]) for r in rows}


_cache: dict[str, tuple[tuple, object, object]] = {}
_lock = threading.Lock()


def taste_fit(conn: sqlite3.Connection, item_ids: np.ndarray) -> np.ndarray:
    """0..1 per item: how well it fits the person's taste (0.5 when nothing is known).

    The library and the event log are cached per database; new events are read incrementally
    (the taste engine's ``load_events(after_id=...)``), so a call after each played track is cheap.
    """
    from companion.core.taste.context import moment
    from companion.core.taste.eventlog import load_events
    from companion.core.taste.library import items_fingerprint, load_library
    from companion.core.taste.signals import Params, compute, rating_state

    out = np.full(len(item_ids), 0.5)
    db_file = conn.execute("PRAGMA database_list").fetchone()[2] or f"memory:{id(conn)}"
    last_event = conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
    fingerprint = items_fingerprint(conn)
    with _lock:  # one thread at a time extends a cached log
        cached = _cache.get(db_file)
        if cached is not None and cached[0] == fingerprint and cached[2].last_id <= last_event:
            _, lib, log = cached
            log.extend(load_events(conn, lib, after_id=log.last_id))
        else:
            lib = load_library(conn)
            log = load_events(conn, lib)
        _cache[db_file] = (fingerprint, lib, log)
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
