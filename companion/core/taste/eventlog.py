"""The event history as numpy arrays, read incrementally (only ids above the last one seen).

Each event gets its static feedback weights here, once: a completion is a full
positive, a play counts by how far it got, a skip is negative by how early it
happened (an early skip is a strong "not now", a late one a weak one). Imported
history and tag evidence are scaled down as weaker evidence.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import numpy as np

from companion.core.taste.library import Library

TYPE_CODES = {"play": 0, "completed": 1, "skip": 2, "rating": 3, "like": 4, "dislike": 5, "unlike": 6,
              "row_start": 7, "resume": 8}
PLAY, COMPLETED, SKIP, RATING, LIKE, DISLIKE, UNLIKE, ROW_START, RESUME = range(9)
EARLY_SKIP_SECONDS = 30.0
SESSION_GAP = 30 * 60.0
IMPORT_WEIGHT = 0.4
TAGS_WEIGHT = 0.5


@dataclass
class EventLog:
    id: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    item: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))    # library position, -1 unknown
    type: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    ts: np.ndarray = field(default_factory=lambda: np.zeros(0))
    local: np.ndarray = field(default_factory=lambda: np.zeros(0))   # ts + offset: local clock seconds
    pos: np.ndarray = field(default_factory=lambda: np.zeros(0))     # positive weight (before recency)
    neg: np.ndarray = field(default_factory=lambda: np.zeros(0))     # negative weight
    value: np.ndarray = field(default_factory=lambda: np.zeros(0))   # stars for ratings, nan otherwise
    frac: np.ndarray = field(default_factory=lambda: np.zeros(0))    # share of the item reached, nan unknown
    imported: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    context: list[str | None] = field(default_factory=list)           # row id a playback started from
    last_id: int = 0

    def __len__(self) -> int:
        return len(self.id)

    def extend(self, other: EventLog) -> None:
        if not len(other):
            return
        for name in ("id", "item", "type", "ts", "local", "pos", "neg", "value", "frac", "imported"):
            setattr(self, name, np.concatenate([getattr(self, name), getattr(other, name)]))
        self.context.extend(other.context)
        self.last_id = max(self.last_id, other.last_id)
        if len(self.ts) > 1 and np.any(np.diff(self.ts) < 0):
            self._sort()

    def _sort(self) -> None:
        order = np.argsort(self.ts, kind="stable")
        for name in ("id", "item", "type", "ts", "local", "pos", "neg", "value", "frac", "imported"):
            setattr(self, name, getattr(self, name)[order])
        self.context = [self.context[i] for i in order]

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


def load_events(conn: sqlite3.Connection, lib: Library, after_id: int = 0) -> EventLog:
    """Events with id > ``after_id``, sorted by time, with their feedback weights."""
    rows = conn.execute(
        "SELECT e.id, e.item_id, e.type, e.ts, e.tz_offset_min, e.position, "
        "coalesce(e.duration, i.duration), e.value, e.source, e.context "
        "FROM events e LEFT JOIN items i ON i.id = e.item_id WHERE e.id > ? ORDER BY e.id", (after_id,),
    ).fetchall()
    rows.sort(key=lambda r: r[3])   # by time (stable: ties keep id order); SQL would walk the ts index
    log = EventLog()
    n = len(rows)
    if n == 0:
        log.last_id = after_id
        return log
    cols = list(zip(*rows, strict=True))
    log.id = np.asarray(cols[0], np.int64)
    log.item = lib.index_of(np.asarray(cols[1], np.int64)).astype(np.int32)
    log.type = np.asarray([TYPE_CODES.get(t, -1) for t in cols[2]], np.int8)
    log.ts = np.asarray(cols[3], float)
    log.local = log.ts + np.asarray([o or 0 for o in cols[4]], float) * 60.0
    position = np.asarray([np.nan if p is None else p for p in cols[5]], float)
    duration = np.asarray([np.nan if d is None else d for d in cols[6]], float)
    log.value = np.asarray([np.nan if v is None else v for v in cols[7]], float)
    sources = cols[8]
    log.imported = np.asarray([s is not None and s.startswith("import:") for s in sources], bool)
    trust = np.where(log.imported, IMPORT_WEIGHT, 1.0)
    trust = np.where(np.asarray([s == "tags" for s in sources]), TAGS_WEIGHT, trust)
    log.pos, log.neg = feedback_weights(log.type, position, duration)
    with np.errstate(invalid="ignore", divide="ignore"):
        log.frac = np.where(duration > 0, position / duration, np.nan)
    log.pos *= trust
    log.neg *= trust
    log.context = list(cols[9])
    log.last_id = int(log.id.max())
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
