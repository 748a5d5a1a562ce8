"""Row order: the rows this person starts more often at this hour and weekday move up.

``row_start`` events (context = row id) are weighted by the same hour x weekday
kernel as plays, and by recency; a row family (a registered id prefix such as
``daily-``, ``because-``, ``mood-``) shares what its members learned, since their
ids change over time. Base order and families come from ``homerows.HOME_ROWS``.
``now`` stays the first row whenever there is any listening history.
"""

from __future__ import annotations

import math

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste.context import Moment, kernel
from companion.core.taste.homerows import base_order, family
from companion.core.taste.rows import Row

HALF_LIFE_DAYS = 30.0


def start_weights(log: ev.EventLog, n: int, m: Moment) -> dict[str, float]:
    """Context- and recency-weighted count of row starts, by exact id and by family."""
    idx = np.flatnonzero(log.type[:n] == ev.ROW_START)
    if not len(idx):
        return {}
    w = kernel(log.local[idx], m) * np.exp2(-(m.ts - log.ts[idx]) / (HALF_LIFE_DAYS * 86400.0))
    out: dict[str, float] = {}
    for i, weight in zip(idx, w, strict=True):
        rid = log.context[i]
        if not rid:
            continue
        out[rid] = out.get(rid, 0.0) + float(weight)
        fam = family(rid)
        if fam != rid:
            out["family:" + fam] = out.get("family:" + fam, 0.0) + float(weight) * 0.5
    return out


def order_rows(rows: list[Row], weights: dict[str, float], has_history: bool) -> list[Row]:
    def base(row: Row) -> int:
        return base_order(row.id)

    def boost(row: Row) -> float:
        return math.log1p(weights.get(row.id, 0.0) + weights.get("family:" + family(row.id), 0.0))

    pinned = [r for r in rows if r.id == "now" and has_history]
    rest = [r for r in rows if r not in pinned]
    # stable sort: within equal boosts the base order, then the builders' order (daily-1 before daily-2)
    ranked = sorted(enumerate(rest), key=lambda p: (-round(boost(p[1]), 3), base(p[1]), p[0]))
    return pinned + [r for _, r in ranked]
