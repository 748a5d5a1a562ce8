"""The home: ordered rows of mixes for a moment, computed only from events before it.

Public API (the window, tray, CLI and evaluation call these):
- ``build_home(conn, profile, at=None) -> list[Row]``
- ``get_row(conn, profile, row_id, at=None, limit=None) -> Row | None``
- ``refresh_after_event(conn, profile, event_id)``: fold a new event in without refitting
- ``refit(conn, profile) -> Model``: the full fit (embeddings, modes, tuning), saved to the cache

Per process the library and event log are kept in memory (``state``, shared with the radio) and topped
up with the events added since the last look, so a new play changes the next home at once; the
fitted model comes from ``profile.model_dir`` and is refitted only when the library
changed or enough new events arrived. Callers on a UI thread run these in a worker.
"""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from companion.core.db import arrays
from companion.core.paths import Profile
from companion.core.taste import model as mdl
from companion.core.taste import rows_music as rm
from companion.core.taste import rows_video as rv
from companion.core.taste import signals as sg
from companion.core.taste import state as shared
from companion.core.taste.context import DAY, Moment, moment
from companion.core.taste.eventlog import EventLog, load_events
from companion.core.taste.library import Library
from companion.core.taste.moods import MOODS
from companion.core.taste.ordering import order_rows, start_weights
from companion.core.taste.rows import Row
from companion.core.taste.view import View

HOME_LIMITS = {"now": 50}
ROW_LIMIT = 25
MIX_LIMIT = 50
MAX_PAST_MODELS = 4


@dataclass
class _State:
    data: shared.Loaded  # the library and event log (the radio reads the same)
    model: mdl.Model | None = None
    past: dict[int, mdl.Model] = field(default_factory=dict)  # replays: events-before count -> model
    cache: dict = field(default_factory=dict)
    history: int = 0  # ``data.history`` when the above were made (a new view starts at 0)

    @property
    def lib(self) -> Library:
        return self.data.lib

    @property
    def log(self) -> EventLog:
        return self.data.log

    @property
    def lock(self) -> threading.RLock:
        return self.data.lock


_STATES: dict[str, _State] = {}
_STATES_LOCK = threading.Lock()


def _state(conn: sqlite3.Connection, profile: Profile) -> _State:
    """This profile's state: the shared library and event log, topped up with new events, and what the
    home made of them (a new library keeps the model; a history read again from the start drops it)."""
    data = shared.loaded(conn, profile.model_dir)
    key = str(profile.db_path)
    with _STATES_LOCK:
        st = _STATES.get(key)
        if st is None or st.data is not data:
            st = _State(data=data, model=st.model if st else None)
            _STATES[key] = st
    with st.lock:
        if st.history != data.history:
            st.past.clear()
            st.cache.clear()
            st.model = None
            st.history = data.history
    return st


def forget_state(profile: Profile | None = None) -> None:
    """Drop the in-memory state (all profiles, or one); the next look reloads from the database."""
    with _STATES_LOCK:
        if profile is None:
            _STATES.clear()
        else:
            _STATES.pop(str(profile.db_path), None)
    shared.forget(None if profile is None else profile.db_path)


def _exploration(conn: sqlite3.Connection) -> float:
    from companion.core.settings import load_settings

    return float(load_settings(conn).exploration)


def _model_for(
    st: _State, profile: Profile, m: Moment, stars: np.ndarray, liked: np.ndarray, exploration: float
) -> mdl.Model:
    if st.model is None:
        st.model = mdl.load(profile.model_dir)
    if st.model is not None and st.model.usable_at(st.lib, st.log, m.ts):
        return st.model
    n = st.log.before(m.ts)
    if st.model is not None and st.model.fits(st.lib) and st.model.cutoff_ts > m.ts:
        # a replay of the past: fit on what was known then, keep it in memory only
        past = st.past.get(n)
        if past is None or not past.fits(st.lib):
            past = mdl.fit(st.lib, st.log, m, stars, liked, exploration)
            if len(st.past) >= MAX_PAST_MODELS:
                st.past.pop(next(iter(st.past)))
            st.past[n] = past
        return past
    st.model = mdl.fit(st.lib, st.log, m, stars, liked, exploration)
    mdl.save(st.model, profile.model_dir)
    return st.model


def _playlist_boost(conn: sqlite3.Connection, lib: Library) -> np.ndarray | None:
    """Items in the person's playlists get a small lift (a weak signal; the playlists engineer's 0006)."""
    rows = arrays.playlist_entry_counts(conn)
    if not rows:
        return None
    boost = np.zeros(len(lib))
    idx = lib.index_of([r[0] for r in rows])
    ok = idx >= 0
    boost[idx[ok]] = 0.3 * np.log1p(np.asarray([r[1] for r in rows], float)[ok])
    return boost


# blocks of 2.5-4 hours that never cross a day-part boundary (night 22-5, morning 5-12, afternoon 12-17,
# evening 17-22): the home holds still within a block, and the block is in the part its title names
CONTEXT_BLOCKS = (
    (1.0, 5.0),
    (5.0, 8.0),
    (8.0, 12.0),
    (12.0, 14.5),
    (14.5, 17.0),
    (17.0, 19.5),
    (19.5, 22.0),
    (22.0, 25.0),
)


def _context_moment(m: Moment) -> Moment:
    """The moment's context rounded to the middle of its block, so the home holds still within it."""
    h = m.hour if m.hour >= 1.0 else m.hour + 24.0
    start, end = next(b for b in CONTEXT_BLOCKS if b[0] <= h < b[1])
    centre = (start + end) / 2
    day_start = (m.local // DAY) * DAY
    if h >= 24.0:  # 00:00-01:00 belongs to the block that started the evening before
        day_start -= DAY
    return Moment(ts=m.ts, local=day_start + centre * 3600.0, offset_min=m.offset_min)


def _view(conn: sqlite3.Connection, profile: Profile, at: datetime | None) -> tuple[View, _State]:
    st = _state(conn, profile)
    m = moment(at)
    with st.lock:
        n = st.log.before(m.ts)
        stars, liked = sg.rating_state(conn, st.lib, st.log, n, m.ts)
        exploration = _exploration(conn)
        model = _model_for(st, profile, m, stars, liked, exploration)
        decay_ts = float(st.log.ts[n - 1]) + 1.0 if n else m.ts
        sig = sg.compute(
            st.lib,
            st.log,
            _context_moment(m),
            model.params,
            stars,
            liked,
            exploration,
            n=n,
            decay_ts=decay_ts,
        )
        last_id = int(st.log.id[:n].max()) if n else 0
    # a shallow copy: another thread may fold in new events while these rows are being built
    v = View(
        conn=conn,
        lib=st.lib,
        log=copy.copy(st.log),
        model=model,
        sig=sig,
        moment=m,
        exploration=exploration,
        last_event_id=last_id,
        playlist_boost=_playlist_boost(conn, st.lib),
        _cache=st.cache,
    )
    return v, st


def _builders(v: View) -> list[Callable[[int], list[Row | None]]]:
    return [
        lambda k: [rm.now_row(v, k)],
        lambda k: [rv.continue_row(v, k)],
        lambda k: list(rm.daily_rows(v, k)),
        lambda k: list(rm.because_rows(v, k)),
        lambda k: [rm.discover_row(v, k)],
        lambda k: [rm.on_repeat_row(v, k)],
        lambda k: [rv.up_next_row(v, k)],
        lambda k: [rv.recommended_videos_row(v, k)],
        lambda k: [rm.new_row(v, k)],
        lambda k: [rm.rediscover_row(v, k)],
        lambda k: list(rm.mood_rows(v, k)),
    ]


def build_home(conn: sqlite3.Connection, profile: Profile, at: datetime | None = None) -> list[Row]:
    """The home's rows in display order for ``at`` (default now), from events before ``at`` only."""
    v, st = _view(conn, profile, at)
    if not len(v.lib):
        return []
    rows: list[Row] = []
    for i, build in enumerate(_builders(v)):
        rows.extend(r for r in build(HOME_LIMITS.get("now", ROW_LIMIT) if i == 0 else ROW_LIMIT) if r)
    return order_rows(rows, start_weights(v.log, v.sig.n_events, v.moment), v.sig.has_history)


def get_row(
    conn: sqlite3.Connection,
    profile: Profile,
    row_id: str,
    at: datetime | None = None,
    limit: int | None = None,
) -> Row | None:
    """One whole mix (up to ``limit``, default 50 items), or None when there is no such row now."""
    limit = MIX_LIMIT if limit is None else max(1, int(limit))
    v, _ = _view(conn, profile, at)
    if not len(v.lib):
        return None
    simple = {
        "now": rm.now_row,
        "continue": rv.continue_row,
        "discover": rm.discover_row,
        "rediscover": rm.rediscover_row,
        "on-repeat": rm.on_repeat_row,
        "new": rm.new_row,
        "recommended-videos": rv.recommended_videos_row,
        "up-next": rv.up_next_row,
    }
    if row_id in simple:
        return simple[row_id](v, limit)
    if row_id.startswith("daily-"):
        return next((r for r in rm.daily_rows(v, limit) if r.id == row_id), None)
    if row_id.startswith("mood-") and row_id[5:] in MOODS:
        return next((r for r in rm.mood_rows(v, limit) if r.id == row_id), None)
    if row_id.startswith("because-") and row_id[8:].isdigit():
        idx = int(v.lib.index_of([int(row_id[8:])])[0])
        return rm.because_row(v, idx, limit) if idx >= 0 and v.usable[idx] else None
    return None


def refresh_after_event(conn: sqlite3.Connection, profile: Profile, event_id: int) -> None:
    """Fold new events (up to and including ``event_id``) into the in-memory state; no refit."""
    st = _state(conn, profile)
    if st.log.last_id < event_id:  # e.g. written by another connection not yet visible: read again
        with st.lock:
            st.log.extend(load_events(conn, st.lib, after_id=st.log.last_id))


def refit(conn: sqlite3.Connection, profile: Profile) -> mdl.Model:
    """Fit embeddings, listening modes and tuned parameters on all events now, and cache them."""
    st = _state(conn, profile)
    m = moment(None)
    with st.lock:
        n = st.log.before(m.ts)
        stars, liked = sg.rating_state(conn, st.lib, st.log, n, m.ts)
        st.model = mdl.fit(st.lib, st.log, m, stars, liked, _exploration(conn))
        mdl.save(st.model, profile.model_dir)
        return st.model
