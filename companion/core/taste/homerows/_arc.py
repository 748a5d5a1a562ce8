"""Shared by the "Warm up" and "Wind down" rows: an arc from the person's own such moments (core/flow)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from companion.core.flow.arc import Feel
from companion.core.flow.moments import Moments, find_moments, in_hours
from companion.core.taste.rows import Row
from companion.core.taste.view import View

ARC_MINUTES = 40


def moments_of(v: View, window: tuple[float, float], rising: bool) -> Moments | None:
    """The history's sessions of that kind (plays before the moment, music with a known energy)."""
    if v.lib.features is None:
        return None
    log, n = v.log, v.sig.n_events
    plays = np.flatnonzero((log.item[:n] >= 0) & (log.pos[:n] > 0))
    if len(plays) < 4:
        return None
    energy = v.lib.features[log.item[plays], 0].astype(float)
    return find_moments(log.ts[plays], log.local[plays], energy, window, rising)


def arc_row(v: View, row_id: str, title: str, window: tuple[float, float], rising: bool) -> list[Row]:
    """The row, when the moment is in ``window`` and the history has such sessions; else none."""
    if not in_hours(v.moment.hour, window):
        return []
    found = moments_of(v, window, rising)
    if found is None:
        return []
    # breaks a cycle: flow_arcs reads the home, whose rows include this one
    from companion.core.taste.flow_arcs import arc_from_view

    feels = [Feel(found.start_energy, None, "start"), Feel(found.end_energy, None, "end")]
    flow = arc_from_view(v, feels, ARC_MINUTES, row_id=row_id, title=title)
    when = "mornings" if rising else "late evenings"
    how = "start calm and build up" if rising else "slow down towards the end"
    reason = f"Your {when} often {how} ({found.count} times): {ARC_MINUTES} minutes that do the same"
    verb = "building up" if rising else "winding down"
    n = len(flow.row.items)
    items = tuple(replace(it, reason=f"{verb}, step {k + 1} of {n}") for k, it in enumerate(flow.row.items))
    return [Row(id=row_id, title=title, kind="music", reason=reason, items=items)]
