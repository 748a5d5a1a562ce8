"""The event history as numpy arrays, read incrementally (only ids above the last one seen).

Each event gets its static feedback weights here, once: a completion is a full
positive, a play counts by how far it got, a skip is negative by how early it
happened (an early skip is a strong "not now", a late one a weak one). Imported
history and tag evidence are scaled down as weaker evidence.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from companion.core.db import arrays
from companion.core.db.events import EventType
from companion.core.taste import keepout
from companion.core.taste.context import moment_kind
from companion.core.taste.library import Library

if TYPE_CHECKING:
    from companion.core.taste.named import NamedPlays

# the type codes of the log: each EventType's position in the enum (the snapshot keeps logs with them)
TYPE_CODES = {t.value: t.code for t in EventType}
PLAY, COMPLETED, SKIP, RATING, LIKE, DISLIKE, UNLIKE, ROW_START, RESUME = (t.code for t in EventType)
EARLY_SKIP_SECONDS = 30.0
SESSION_GAP = 30 * 60.0
IMPORT_WEIGHT = 0.4
TAGS_WEIGHT = 0.5


_ARRAYS = ("id", "item", "type", "ts", "local", "pos", "neg", "value", "frac", "imported", "moment")


@dataclass
class EventLog:
    id: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    item: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # library position, -1 unknown
    type: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    ts: np.ndarray = field(default_factory=lambda: np.zeros(0))
    local: np.ndarray = field(default_factory=lambda: np.zeros(0))  # ts + offset: local clock seconds
    pos: np.ndarray = field(default_factory=lambda: np.zeros(0))  # positive weight (before recency)
    neg: np.ndarray = field(default_factory=lambda: np.zeros(0))  # negative weight
    value: np.ndarray = field(default_factory=lambda: np.zeros(0))  # stars for ratings, nan otherwise
    frac: np.ndarray = field(default_factory=lambda: np.zeros(0))  # share of the item reached, nan unknown
    imported: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    moment: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # day-part + 4 on weekends
    context: list[str | None] = field(default_factory=list)  # row id a playback started from
    last_id: int = 0
    named: NamedPlays | None = None  # imported plays with no file, by artist/album (named.py)
    kept_key: str = ""  # the keep-out rules this log was read with (keepout.py; "" none)

    def __len__(self) -> int:
        return len(self.id)

    def extend(self, other: EventLog) -> None:
        """Add newer events (by id); those stamped earlier than events we hold are merged into time order."""
        if not len(other):
            return
        late = len(self) > 0 and other.ts[0] < self.ts[-1]
        if late and not np.any(np.diff(other.ts) < 0):
            # a late event (a play is stamped with its start): merge, after the events of the same time we hold
            # (what a stable sort of the two would do) -- no full sort of a million events per play
            at = np.searchsorted(self.ts, other.ts, side="right")
            for name in _ARRAYS:
                setattr(self, name, np.insert(getattr(self, name), at, getattr(other, name)))
            merged: list[str | None] = []  # a new list: views of the log share the old one
            prev = 0
            for j, a in enumerate(at.tolist()):
                merged.extend(self.context[prev:a])
                merged.append(other.context[j])
                prev = a
            merged.extend(self.context[prev:])
            self.context = merged
            self.last_id = max(self.last_id, other.last_id)
            return
        for name in _ARRAYS:
            setattr(self, name, np.concatenate([getattr(self, name), getattr(other, name)]))
        self.context.extend(other.context)
        self.last_id = max(self.last_id, other.last_id)
        if late:
            self._sort()

    def _sort(self) -> None:
        order = np.argsort(self.ts, kind="stable")
        for name in _ARRAYS:
            setattr(self, name, getattr(self, name)[order])
        self.context = [self.context[i] for i in order]

    def window(self, start: int, end: int) -> EventLog:
        """Events ``start:end`` as a log of their own (array views: no copy)."""
        out = EventLog(**{name: getattr(self, name)[start:end] for name in _ARRAYS})
        out.context = self.context[start:end]
        out.named = self.named  # read by time, like the events: the moment decides what counts
        out.last_id = int(out.id.max()) if len(out) else 0
        return out

    def before(self, at_ts: float) -> int:
        """How many events (a prefix, the log is sorted by time) happened before ``at_ts``."""
        return int(np.searchsorted(self.ts, at_ts, side="left"))

    def sessions(self, n: int | None = None) -> np.ndarray:
        """A listening-session number per event of the first ``n``: a new one after a 30-minute gap.

        (``events.session_id`` is one per playback, not per listening session, so time decides.)
        """
        n = len(self) if n is None else n
        if n == 0:
            return np.zeros(0, np.int64)
        new = np.ones(n, bool)
        new[1:] = np.diff(self.ts[:n]) > SESSION_GAP
        return np.cumsum(new) - 1


CHUNK = 50_000  # rows per fetch: a million events never exist as Python tuples at once


def load_events(conn: sqlite3.Connection, lib: Library, after_id: int = 0, keep_out: bool = True) -> EventLog:
    """Events with id > ``after_id``, sorted by time, with their feedback weights; listening the person
    keeps out of their taste is left out (``keepout.apply``) unless ``keep_out`` is False.

    Read in chunks of ``CHUNK`` rows straight into arrays; the (rare) row ids of ``context`` come from a
    second query, so no per-event Python object outlives its chunk.
    """
    parts = list(arrays.event_arrays(conn, after_id, CHUNK))  # columns: arrays.EVENT_COLUMNS
    log = EventLog()
    if not parts:
        log.last_id = after_id
        if keep_out:
            keepout.apply(conn, lib, log)
        return log
    a = parts[0] if len(parts) == 1 else np.concatenate(parts)
    del parts
    ids = a[:, 0].astype(np.int64)
    context: list[str | None] = [None] * len(ids)
    names: dict[str, str] = {}
    for rows in arrays.event_contexts(conn, after_id, CHUNK):
        at = np.searchsorted(ids, np.fromiter((r[0] for r in rows), np.int64, len(rows)))
        for k, r in zip(at.tolist(), rows, strict=True):
            if k < len(ids) and ids[k] == r[0]:
                context[k] = names.setdefault(r[1], r[1])
    if np.all(a[1:, 3] >= a[:-1, 3]):

        def col(j: int) -> np.ndarray:
            return a[:, j]
    else:  # by time (stable: ties keep id order); SQL would walk the ts index
        order = np.argsort(a[:, 3], kind="stable")
        ids = ids[order]
        context = [context[i] for i in order]

        def col(j: int) -> np.ndarray:
            return a[order, j]

    log.id = ids
    log.item = lib.index_of(np.nan_to_num(col(1), nan=-1.0).astype(np.int64)).astype(np.int32)
    log.type = col(2).astype(np.int8)
    log.ts = col(3).copy()
    log.local = log.ts + np.nan_to_num(col(4)) * 60.0
    log.moment = moment_kind(log.local)
    position, duration = col(5), col(6)
    known = log.item >= 0
    duration = np.where(np.isnan(duration) & known, lib.duration[np.where(known, log.item, 0)], duration)
    log.value = col(7).copy()
    log.imported = col(8) > 0
    trust = np.where(log.imported, IMPORT_WEIGHT, 1.0)
    trust = np.where(col(9) > 0, TAGS_WEIGHT, trust)
    log.pos, log.neg = feedback_weights(log.type, position, duration)
    with np.errstate(invalid="ignore", divide="ignore"):
        log.frac = np.where(duration > 0, position / duration, np.nan)
    log.pos *= trust
    log.neg *= trust
    log.context = context
    log.last_id = int(log.id.max())
    if keep_out:
        keepout.apply(conn, lib, log)
    return log


def feedback_weights(types: np.ndarray, position: np.ndarray, duration: np.ndarray) -> tuple[np.ndarray, ...]:
    """Position-weighted implicit feedback: (positive, negative) weight per event."""
    frac = np.clip(np.where(duration > 0, position / np.where(duration > 0, duration, 1), np.nan), 0, 1)
    known = ~np.isnan(frac)
    pos = np.zeros(len(types))
    neg = np.zeros(len(types))
    pos[types == COMPLETED] = 1.0
    play = types == PLAY
    pos[play] = np.where(known[play], 0.5 + 0.5 * np.nan_to_num(frac[play]), 0.75)
    skip = types == SKIP
    early = (np.nan_to_num(position, nan=0.0) < EARLY_SKIP_SECONDS) | (np.nan_to_num(frac, nan=0.0) < 0.15)
    late = np.where(known, 0.1 + 0.5 * (1 - np.nan_to_num(frac)), 0.4)
    neg[skip] = np.where(early[skip], 1.0, late[skip])
    return pos, neg
