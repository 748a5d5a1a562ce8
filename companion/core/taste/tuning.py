"""Self-tuning by walk-forward validation on the person's own history.

For each of the most recent sessions (up to ``MAX_POINTS``), the engine is asked for
its ranking at the moment the session started, using only the events before it, and
scored by how many of the items the person then played positively were in its top
``TOP_K`` (recall; in a small library the top quarter). The recency half-life and the weight of context with the best mean
recall win; then, if context matters, how sharp "this hour" is (the kernel width). The discovery share is the share of those sessions' plays that were new
to the person (never played or skipped before), so a radio-style listener gets more
discovery than an album listener. With too little history the defaults stay.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste import signals as sg
from companion.core.taste.context import Moment
from companion.core.taste.library import Library

HALF_LIVES = (7.0, 30.0, 120.0, 720.0)  # days (sudden changes are caught by signals.turned-away)
CONTEXT_WEIGHTS = (0.0, 0.3, 0.6, 0.85)
HOUR_WIDTHS = (1.5, 2.5, 4.0)  # tried second, with the best half-life and context weight
SOUND_WEIGHTS = (0.0, 0.5, 1.5)  # tried third: does this person choose by the sound of the moment?
MAX_POINTS = 8
MIN_SESSIONS = 6
TOP_K = 50
MAX_HISTORY = 250_000  # events before each validation point that it is ranked from (years, for most people)


def validation_points(log: ev.EventLog, n: int) -> list[tuple[int, np.ndarray]]:
    """(first event index, items played positively) for recent sessions worth predicting."""
    if n < 20:
        return []
    sess = log.sessions(n)
    if sess[-1] + 1 < MIN_SESSIONS:
        return []
    types = log.type[:n]
    good = ((types == ev.PLAY) | (types == ev.COMPLETED)) & (log.item[:n] >= 0)
    starts = np.searchsorted(sess, np.arange(int(sess[-1]) + 2))  # session s is events starts[s]:starts[s+1]
    points = []
    earliest = int(sess[-1] * 0.4)
    for s in range(int(sess[-1]), earliest, -1):
        lo, hi = int(starts[s]), int(starts[s + 1])
        items = np.unique(log.item[lo:hi][good[lo:hi]])
        if len(items) >= 2 and lo > 10:
            points.append((lo, items))
        if len(points) >= MAX_POINTS:
            break
    return points


def _history(log: ev.EventLog, first: int) -> tuple[ev.EventLog, int]:
    """The events before ``first``, at most the last ``MAX_HISTORY`` of them (a view, no copy)."""
    start = max(0, first - MAX_HISTORY)
    return (log if start == 0 else log.window(start, first)), first - start


def tune(
    lib: Library, log: ev.EventLog, n: int, stars: np.ndarray, liked: np.ndarray, exploration: float
) -> tuple[sg.Params, dict[Any, Any]]:
    """The best Params for this person, plus a small report of how they were chosen. One piece on purpose: one
    pass over the held-out sessions scores every setting of the grid, and the report is made from the same
    arrays."""
    points = validation_points(log, n)
    if not points:
        return sg.Params(), {"points": 0, "note": "too little history: defaults"}
    recall = np.zeros((len(HALF_LIVES), len(CONTEXT_WEIGHTS)))
    new_share = []
    moments = []
    for first, items in points:
        m = Moment(
            ts=float(log.ts[first]),
            local=float(log.local[first]),
            offset_min=int(round((log.local[first] - log.ts[first]) / 60)),
        )
        pool = np.flatnonzero(lib.is_video == lib.is_video[items[0]])
        new_share.append(float(np.mean(~_heard(log, first, len(lib))[items])))
        hist, upto = _history(log, first)
        moments.append((m, hist, upto, items, pool))
        for h, half_life in enumerate(HALF_LIVES):
            s = sg.compute(
                lib, hist, m, sg.Params(half_life_days=half_life), stars, liked, exploration, n=upto
            )
            for c, cw in enumerate(CONTEXT_WEIGHTS):
                recall[h, c] += _recall(s.score(cw), pool, items)
    recall /= len(points)
    # ties (a small library, where the top of every setting holds the session) keep the defaults
    recall[
        HALF_LIVES.index(sg.Params().half_life_days), CONTEXT_WEIGHTS.index(sg.Params().context_weight)
    ] += 1e-9
    h, c = (int(x) for x in np.unravel_index(int(np.argmax(recall)), recall.shape))
    best = float(recall[h, c])
    width = sg.Params().hour_width
    if CONTEXT_WEIGHTS[c] > 0:
        for w in HOUR_WIDTHS:
            if w == width:
                continue
            p = sg.Params(half_life_days=HALF_LIVES[h], hour_width=w)
            r = np.mean(
                [
                    _recall(
                        sg.compute(lib, hist, m, p, stars, liked, exploration, n=upto).score(
                            CONTEXT_WEIGHTS[c]
                        ),
                        pool,
                        items,
                    )
                    for m, hist, upto, items, pool in moments
                ]
            )
            if r > best + 1e-9:
                best, width = float(r), w
    sound = sg.Params().sound_weight
    if CONTEXT_WEIGHTS[c] > 0:
        scores = {}
        for sw in SOUND_WEIGHTS:
            p = sg.Params(half_life_days=HALF_LIVES[h], hour_width=width, sound_weight=sw)
            scores[sw] = float(
                np.mean(
                    [
                        _recall(
                            sg.compute(lib, hist, m, p, stars, liked, exploration, n=upto).score(
                                CONTEXT_WEIGHTS[c]
                            ),
                            pool,
                            items,
                        )
                        for m, hist, upto, items, pool in moments
                    ]
                )
            )
        sound = max(SOUND_WEIGHTS, key=lambda sw: (round(scores[sw], 6), -abs(sw - sound)))
        best = max(best, scores[sound])
    share = float(np.clip(np.mean(new_share), 0.05, 0.5))
    params = sg.Params(
        half_life_days=HALF_LIVES[h],
        context_weight=CONTEXT_WEIGHTS[c],
        discovery_share=share,
        hour_width=width,
        sound_weight=sound,
    )
    report = {
        "points": len(points),
        "recall_at_50": round(best, 4),
        "reference_recall_at_50": round(
            float(recall[HALF_LIVES.index(120.0), CONTEXT_WEIGHTS.index(0.6)]), 4
        ),
        "half_life_days": params.half_life_days,
        "context_weight": params.context_weight,
        "hour_width": width,
        "sound_weight": sound,
        "discovery_share": round(share, 3),
    }
    return params, report


def _heard(log: ev.EventLog, first: int, size: int) -> np.ndarray:
    """Per item: played or skipped before event ``first`` (in the whole history, not just the window)."""
    types, item = log.type[:first], log.item[:first]
    heard = ((types == ev.PLAY) | (types == ev.COMPLETED) | (types == ev.SKIP)) & (item >= 0)
    return np.bincount(item[heard], minlength=size) > 0


def _recall(score: np.ndarray, pool: np.ndarray, items: np.ndarray) -> float:
    """Share of ``items`` in the top TOP_K of ``pool``; in a library of under 200 items, its top quarter
    (a top 50 of 45 items holds everything, whatever the setting)."""
    k = min(TOP_K, max(5, len(pool) // 4), len(pool))
    top = pool[np.argpartition(-score[pool], k - 1)[:k]]
    return float(np.isin(items, top).mean())
