"""Warm-up and wind-down moments in the person's history: listening sessions whose energy rises (mornings)
or falls (late evenings). The home offers a "Warm up" or "Wind down" arc only when the history has them.

A session is a run of plays with no gap over ``SESSION_GAP_S``; it "rises" when the Spearman correlation
of its tracks' energy with their position is at least ``TREND``, "falls" at most ``-TREND``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from companion.core.flow.arc import spearman

SESSION_GAP_S = 30 * 60
MIN_TRACKS = 4  # analysed plays a session needs to show a trend
TREND = 0.5
MIN_MOMENTS = 2  # sessions of that kind the history needs before the home offers the arc ...
MIN_SHARE = 0.35  # ... and their share of the sessions at that time of day (chance alone gives about 15 %)
MORNING = (5.0, 11.0)  # local hours a warm-up session may start
LATE_EVENING = (20.0, 3.0)  # ... and a wind-down one (wrapping past midnight)


@dataclass(frozen=True)
class Moments:
    """The sessions of one kind: how many, and the typical energy where they start and end."""

    count: int
    start_energy: float
    end_energy: float


def sessions(ts: np.ndarray, gap: float = SESSION_GAP_S) -> list[np.ndarray]:
    """Indices of ``ts`` (ascending) split where the gap between plays exceeds ``gap``."""
    if len(ts) == 0:
        return []
    cuts = np.flatnonzero(np.diff(ts) > gap) + 1
    return np.split(np.arange(len(ts)), cuts)


def in_hours(hour: float, window: tuple[float, float]) -> bool:
    lo, hi = window
    return lo <= hour < hi if lo < hi else hour >= lo or hour < hi


def find_moments(
    ts: np.ndarray, local: np.ndarray, energy: np.ndarray, window: tuple[float, float], rising: bool
) -> Moments | None:
    """Sessions starting in the local-hour ``window`` whose energy rises (or falls); None when there are fewer
    than MIN_MOMENTS or they are under MIN_SHARE of the sessions in that window.

    ``ts``/``local`` are the plays' UTC and local-clock seconds, ``energy`` their tracks' energy (nan unknown).
    """
    starts, ends = [], []
    seen = 0
    for idx in sessions(ts):
        if not in_hours((local[idx[0]] % 86400) / 3600.0, window):
            continue
        e = energy[idx]
        e = e[~np.isnan(e)]
        if len(e) < MIN_TRACKS:
            continue
        seen += 1
        trend = spearman(list(range(len(e))), [float(x) for x in e])
        if (trend >= TREND) if rising else (trend <= -TREND):
            third = max(1, len(e) // 3)
            starts.append(float(np.mean(e[:third])))
            ends.append(float(np.mean(e[-third:])))
    if len(starts) < max(MIN_MOMENTS, MIN_SHARE * seen):
        return None
    return Moments(len(starts), float(np.median(starts)), float(np.median(ends)))
