"""Ordering tracks so that they flow: close tempo (half and double count as close), compatible keys
(Camelot wheel neighbours), similar loudness and energy between neighbours.

``transition_cost(a, b)`` is the price of playing ``b`` after ``a`` (0 = seamless); ``transition_score``
turns it into 0..1 for people and JSON. ``flow_order`` starts from the item that fits the moment best
(the first one given: mixes are sorted that way), builds a path by always taking the cheapest next
step, then improves it with 2-opt moves (reversing stretches) until no move helps. Tracks without
analysis keep their relative order at the end.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from companion.core.flow.transition import tempo_distance

PITCHES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
# Camelot numbers of major keys by pitch class (C = 8B); a minor key is its relative major's number, "A".
_MAJOR_NUMBER = {p: ((7 * i) % 12) + 8 for i, p in enumerate(PITCHES)}

TEMPO_WEIGHT, KEY_WEIGHT, LOUDNESS_WEIGHT, ENERGY_WEIGHT = 1.0, 1.0, 0.3, 0.6
# key 1.0 (was 0.8): on analysed generated audio the rows played as a flow had key distances only 1.75x
# (demo) and 2.14x (varied) smaller than shuffled, now 2.0x and 2.5x; tempo stays 2.5-3.1x (benchmarks/flow_real.py)
TEMPO_UNIT = 0.06  # log2 tempo ratio that costs 1 (about 4 %)
LOUDNESS_UNIT = 4.0  # LU that cost 1
ENERGY_UNIT = 0.15


@dataclass(frozen=True)
class Sound:
    """What ordering reads of one track (all optional: unanalysed tracks have none)."""

    item_id: int
    bpm: float | None = None
    key: str | None = None
    mode: str | None = None
    loudness: float | None = None
    energy: float | None = None

    @classmethod
    def of(cls, item_id: int, features: Mapping[str, Any] | None) -> Sound:
        f = features or {}
        return cls(item_id, f.get("bpm"), f.get("key"), f.get("mode"), f.get("loudness"), f.get("energy"))

    @property
    def analysed(self) -> bool:
        return self.energy is not None


def camelot(key: str | None, mode: str | None) -> tuple[int, str] | None:
    """(1..12, "A" minor / "B" major) on the Camelot wheel, e.g. A minor -> (8, "A"), C major -> (8, "B")."""
    if key not in _MAJOR_NUMBER or mode not in ("major", "minor"):
        return None
    if mode == "major":
        return ((_MAJOR_NUMBER[key] - 1) % 12) + 1, "B"
    relative = PITCHES[(PITCHES.index(key) + 3) % 12]
    return ((_MAJOR_NUMBER[relative] - 1) % 12) + 1, "A"


def camelot_label(key: str | None, mode: str | None) -> str | None:
    c = camelot(key, mode)
    return None if c is None else f"{c[0]}{c[1]}"


def key_distance(a: Sound, b: Sound) -> float | None:
    """Steps on the Camelot wheel: 0 same key, 1 a neighbour (one number round, or relative major/minor)."""
    ca, cb = camelot(a.key, a.mode), camelot(b.key, b.mode)
    if ca is None or cb is None:
        return None
    d = abs(ca[0] - cb[0]) % 12
    return float(min(d, 12 - d) + (ca[1] != cb[1]))


def transition_cost(a: Sound, b: Sound) -> float:
    """Weighted distance of neighbours; unknown parts cost a middling amount (not free, not forbidden)."""
    cost = 0.0
    if a.bpm and b.bpm:
        cost += TEMPO_WEIGHT * min(4.0, tempo_distance(a.bpm, b.bpm) / TEMPO_UNIT)
    else:
        cost += TEMPO_WEIGHT * 1.5
    k = key_distance(a, b)
    cost += KEY_WEIGHT * (_key_cost(k) if k is not None else 1.5)
    if a.loudness is not None and b.loudness is not None:
        cost += LOUDNESS_WEIGHT * min(3.0, abs(a.loudness - b.loudness) / LOUDNESS_UNIT)
    if a.energy is not None and b.energy is not None:
        cost += ENERGY_WEIGHT * min(4.0, abs(a.energy - b.energy) / ENERGY_UNIT)
    return cost


def _key_cost(steps: float) -> float:
    """A neighbour on the wheel costs little (it is a standard harmonic mix), further keys a step each."""
    return 0.4 * steps if steps <= 1 else steps - 0.6


def transition_score(a: Sound, b: Sound) -> float:
    """0..1: how smoothly ``b`` follows ``a`` (1 = same tempo, key, loudness and energy)."""
    return round(math.exp(-transition_cost(a, b) / 3.0), 3)


def path_cost(order: Sequence[Sound]) -> float:
    return sum(transition_cost(a, b) for a, b in zip(order, order[1:], strict=False))


def flow_order(sounds: Sequence[Sound]) -> list[Sound]:
    """The same tracks, ordered to flow, starting with the first one (see the module docstring)."""
    known = [s for s in sounds if s.analysed]
    rest = [s for s in sounds if not s.analysed]
    if len(known) <= 2:
        return [*known, *rest]
    cost = [[transition_cost(a, b) for b in known] for a in known]
    path = [0]
    left = set(range(1, len(known)))
    while left:
        here = path[-1]
        nxt = min(left, key=lambda j: (cost[here][j], j))
        path.append(nxt)
        left.remove(nxt)
    path = two_opt(path, cost)
    return [*(known[i] for i in path), *rest]


def two_opt(path: list[int], cost: Sequence[Sequence[float]], max_rounds: int = 50) -> list[int]:
    """Reverse stretches of an open path (its first stop fixed) while that lowers the total cost."""
    n = len(path)
    for _ in range(max_rounds):
        improved = False
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                a, b = path[i - 1], path[i]
                c = path[j]
                d = path[j + 1] if j + 1 < n else None
                before = cost[a][b] + (cost[c][d] if d is not None else 0.0)
                after = cost[a][c] + (cost[b][d] if d is not None else 0.0)
                if after + 1e-9 < before:
                    path[i : j + 1] = reversed(path[i : j + 1])
                    improved = True
        if not improved:
            break
    return path
