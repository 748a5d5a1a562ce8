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
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np

from companion.core.db import arrays
from companion.core.paths import Profile
from companion.core.settings import load_settings
from companion.core.taste import model as mdl
from companion.core.taste import named as nm
from companion.core.taste import signals as sg
from companion.core.taste import state as shared
from companion.core.taste.context import DAY, Moment, moment
from companion.core.taste.eventlog import EventLog, load_events
from companion.core.taste.homerows import HOME_ROWS, MIX_LIMIT, Built, Draft, HomeRow, spec_for
from companion.core.taste.library import Library
from companion.core.taste.ordering import order_rows, start_weights
from companion.core.taste.rows import Row
from companion.core.taste.view import View

MAX_PAST_MODELS = 4


@dataclass
class _State:
    data: shared.Loaded  # the library and event log (the radio reads the same)
    model: mdl.Model | None = None
    past: dict[int, mdl.Model] = field(default_factory=dict)  # replays: events-before count -> model
    cache: dict[Any, Any] = field(default_factory=dict)
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
        by_name = nm.fresh(conn, st.lib, st.log.named)  # imported plays with no file (by artist)
        if by_name is not st.log.named:
            st.log.named = by_name
            st.past.clear()
            st.cache.clear()
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
        decay_ts = sg.latest_evidence(st.log, n, m.ts)
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


def view_at(conn: sqlite3.Connection, profile: Profile, at: datetime | None = None) -> View:
    """The taste engine's view of the library at ``at`` (now): what rows and flows (core/taste/flow_arcs.py) read."""
    return _view(conn, profile, at)[0]


def _materialise(v: View, row: Draft | Row, limit: int) -> Row:
    """A built row with its first ``limit`` items made (only the cards that are shown cost anything)."""
    if isinstance(row, Row):
        return row if len(row.items) <= limit else replace(row, items=row.items[:limit])
    picks = row.picks[:limit]
    score = row.score if row.score is not None else np.zeros(len(v.lib))
    items = tuple(v.item(i, float(score[i]), row.leads.get(i)) for i in picks)
    return Row(id=row.id, title=row.title, kind=row.kind, reason=row.reason, items=items)


def _size(row: Draft | Row) -> int:
    return len(row.picks) if isinstance(row, Draft) else len(row.items)


def _build(v: View, spec: HomeRow, limit: int, built: Built) -> list[Draft | Row]:
    """The rows of one registered kind that are big enough to show; remembered in ``built``."""
    out = [r for r in spec.build(v, limit, built) if r is not None and _size(r) >= min(spec.min_items, limit)]
    for r in out:
        if isinstance(r, Draft):
            built.drafts[r.id] = r
    return out


def _distinct_titles(rows: list[Row]) -> list[Row]:
    """No two rows with the same title (the builders keep them apart; this is the last guard)."""
    seen: set[str] = set()
    out = []
    for r in rows:
        key = r.title.casefold()
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _needed_by(spec: HomeRow) -> list[HomeRow]:
    """The registered rows ``spec`` must be built after (its ``after``, and theirs), in registry order."""
    need: set[str] = set()
    todo = [spec]
    while todo:
        for key in todo.pop().after:
            for other in HOME_ROWS:
                if other.id not in need and other is not spec and other.owns(key):
                    need.add(other.id)
                    todo.append(other)
    return [s for s in HOME_ROWS if s.id in need]


def build_home(conn: sqlite3.Connection, profile: Profile, at: datetime | None = None) -> list[Row]:
    """The home's rows in display order for ``at`` (default now), from events before ``at`` only.

    Every registered row (``homerows.HOME_ROWS``) is built in base order, so that later rows can stay apart
    from earlier ones (those are built as whole mixes); the home shows the first ``home_limit`` items of
    each, the start of the mix that ``get_row`` opens.
    """
    v, st = _view(conn, profile, at)
    if not len(v.lib):
        return []
    built = Built()
    rows: list[Row] = []
    kept_apart_from = {other.id for spec in HOME_ROWS for other in _needed_by(spec)}
    for spec in HOME_ROWS:
        # a row others keep apart from is built whole; the rest only as far as the home shows (the same
        # first cards as the whole mix: see mixer.diversify's first-page cap)
        limit = MIX_LIMIT if spec.id in kept_apart_from else spec.home_limit
        rows.extend(_materialise(v, r, spec.home_limit) for r in _build(v, spec, limit, built))
    ordered = order_rows(rows, start_weights(v.log, v.sig.n_events, v.moment), v.sig.has_history)
    return _distinct_titles(ordered)


def get_row(
    conn: sqlite3.Connection,
    profile: Profile,
    row_id: str,
    at: datetime | None = None,
    limit: int | None = None,
) -> Row | None:
    """One whole mix (up to ``limit``, default 50 items), or None when there is no such row now.

    The rows it must stay apart from are built first, as on the home, so the home's row is the start of
    the mix it opens."""
    limit = MIX_LIMIT if limit is None else max(1, int(limit))
    spec = spec_for(row_id)
    if spec is None:
        return None
    v, _ = _view(conn, profile, at)
    if not len(v.lib):
        return None
    built = Built()
    size = max(limit, MIX_LIMIT)
    for other in _needed_by(spec):
        _build(v, other, size, built)
    found = next((r for r in _build(v, spec, size, built) if r.id == row_id), None)
    if found is None and spec.find is not None:
        found = spec.find(v, size, built, row_id)
    return _materialise(v, found, limit) if found is not None else None


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
