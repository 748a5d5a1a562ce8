""" "Not now": what the person skips early at this moment (the same day-part and kind of day).

Someone who loves a genre in the evening and skips it within seconds every morning has said, every
morning, "not now". The moment's row leaves such items and genres out even when it would otherwise be
short (its artist cap used up, a small library): a shorter row is better than one padded with "not now".

Evidence is recency-weighted (the person's tuned half-life) and counted only from events in the moment's
day-part (night, morning, afternoon, evening) on the same kind of day (weekday or weekend).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste.context import DAY, Moment, moment_kind_of
from companion.core.taste.library import Library

ITEM_SKIPS = 0.5  # decayed early skips of an item at this moment (one recent skip) ...
GENRE_SKIPS = 2.0  # ... and of a genre, before it is "not now"
GENRE_RATIO = 2.0  # a genre's early skips must also outnumber its plays here this many times


@dataclass(frozen=True)
class NotNow:
    items: np.ndarray  # bool per entry
    genres: np.ndarray  # bool per genre group (Library.genre_groups)


def not_now(lib: Library, log: ev.EventLog, n: int, m: Moment, half_life_days: float) -> NotNow:
    """Items and genres skipped early at this day-part and kind of day more than they were played there."""
    g, ng = lib.genre_groups
    size = len(lib)
    item = log.item[:n]
    idx = np.flatnonzero(item >= 0)
    if not len(idx):
        return NotNow(np.zeros(size, bool), np.zeros(ng, bool))
    idx = idx[log.moment[idx] == moment_kind_of(m)]
    decay = np.exp2(-np.maximum(0.0, m.ts - log.ts[idx]) / (half_life_days * DAY))
    trust = np.where(log.imported[idx], ev.IMPORT_WEIGHT, 1.0)
    early = (log.type[idx] == ev.SKIP) & (log.neg[idx] >= 0.99 * trust)
    played = log.pos[idx] > 0
    it = item[idx]
    skips = np.bincount(it, decay * early, size)
    plays = np.bincount(it, decay * played, size)
    gs, gp = np.bincount(g, skips, ng), np.bincount(g, plays, ng)
    items = (skips >= ITEM_SKIPS) & (skips > plays)
    genres = (gs >= GENRE_SKIPS) & (gs >= GENRE_RATIO * gp)
    return NotNow(items, genres)
