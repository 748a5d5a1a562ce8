"""Arcs: a mix whose energy and tempo move from one feel to another (through waypoints) with smooth steps.

A ``Feel`` is a point in (energy 0..1, tempo). The arc's targets are spread evenly over the positions,
moving in straight lines between the feels (tempo on a log scale). Each position takes the unused
candidate closest to its target, counting also the step from the track before (``order.transition_cost``,
and again its key and tempo distance), the person's taste and a rest for an artist just heard. It stops
once the wanted length is filled.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from companion.core.flow.order import TEMPO_UNIT as TEMPO_UNIT_STEP
from companion.core.flow.order import Sound, key_distance, transition_cost
from companion.core.flow.transition import tempo_distance

# What the mood words mean as feels (energy, BPM): the centres of the mood regions of scales.mood.
MOOD_FEELS = {
    "calm": (0.12, 72.0),
    "chill": (0.3, 90.0),
    "focus": (0.45, 100.0),
    "happy": (0.58, 116.0),
    "energetic": (0.8, 130.0),
    "party": (0.85, 124.0),
}
ENERGY_SHARE = 0.08  # energy off target that costs 1, as a share of the library's range (REACH..1-REACH)
MIN_ENERGY_UNIT = 0.02
TEMPO_UNIT = 0.1  # log2 tempo off target that costs 1
STEP_WEIGHT = 0.35
KEY_STEP = 0.8  # extra weight on the key step: many tracks fit a target, few of them in a neighbouring key
TEMPO_STEP = 1.0  # extra weight on the tempo step (per order.TEMPO_UNIT, capped at 4): where tempo does not
# follow energy (measured on analysed generated audio, benchmarks/flow_real.py) the energy fit alone let
# neighbours jump in tempo (1.4x smaller than shuffled; with this 4.2x, goal 2x)
TASTE_WEIGHT = 2.0
SAME_ARTIST = 3.0  # cost of an artist heard in the last three tracks
TOO_FAR = 6.25  # a pick this far off its target's energy (units: half the library's range) is not made: the
# arc passes over that target. A small library used up would otherwise end a calm-to-energetic arc on its
# calmest leftovers
REACH = 0.05  # feels beyond the library's 5th..95th percentile of energy (of tempo) are moved to them


@dataclass(frozen=True)
class Feel:
    energy: float
    bpm: float | None
    label: str

    @classmethod
    def mood(cls, word: str) -> Feel:
        energy, bpm = MOOD_FEELS[word]
        return cls(energy, bpm, word)


@dataclass(frozen=True)
class Candidate:
    sound: Sound  # energy known
    taste: float  # 0..1, higher = more the person's
    duration: float | None = None
    artist: str | None = None


def targets(feels: Sequence[Feel], n: int) -> list[Feel]:
    """``n`` feels spread evenly along the path through ``feels`` (one feel: a steady line)."""
    if not feels or n <= 0:
        return []
    if len(feels) == 1 or n == 1:
        return [feels[0]] * n
    out = []
    legs = len(feels) - 1
    for i in range(n):
        x = i / (n - 1) * legs
        leg = min(int(x), legs - 1)
        f = x - leg
        a, b = feels[leg], feels[leg + 1]
        energy = a.energy + (b.energy - a.energy) * f
        if a.bpm and b.bpm:
            bpm: float | None = a.bpm * (b.bpm / a.bpm) ** f
        else:
            bpm = a.bpm or b.bpm
        out.append(Feel(energy, bpm, ""))
    return out


def within_reach(feels: Sequence[Feel], pool: Sequence[Candidate]) -> tuple[list[Feel], float]:
    """The feels moved inside what the library holds (its ``REACH`` quantiles of energy and of tempo),
    and the energy off target that costs 1 (``ENERGY_SHARE`` of the library's energy range).

    The mood words are points on the analysis' scales, but a library may not span them: the demo
    library's analysed energies lie in 0.46-0.73, so every track was far from "calm" (0.12), the
    differences between them were small against a fixed unit, and the arc's start chose by key and
    step alone. "Calm" then means the calmest the library has, and energy is weighed on its range.
    """
    energies = sorted(c.sound.energy for c in pool if c.sound.energy is not None)
    bpms = sorted(c.sound.bpm for c in pool if c.sound.bpm)
    out = []
    for f in feels:
        energy = _clamp(f.energy, energies)
        bpm = _clamp(f.bpm, bpms) if f.bpm else f.bpm
        out.append(Feel(energy, bpm, f.label))
    low, high = _quantiles(energies) or (0.0, 1.0)
    return out, max(MIN_ENERGY_UNIT, ENERGY_SHARE * (high - low))


def _quantiles(known: Sequence[float]) -> tuple[float, float] | None:
    if len(known) < 2:
        return None
    return known[int(REACH * (len(known) - 1))], known[int((1 - REACH) * (len(known) - 1))]


def _clamp(value: float, known: Sequence[float]) -> float:
    q = _quantiles(known)
    return value if q is None else min(q[1], max(q[0], value))


def fit_cost(s: Sound, target: Feel, energy_unit: float) -> float:
    cost = abs((s.energy or 0.0) - target.energy) / energy_unit
    if s.bpm and target.bpm:
        cost += min(
            3.0, abs(math.log2(s.bpm / target.bpm)) / TEMPO_UNIT
        )  # half time is not the same feel here
    return cost


def plan_arc(candidates: Sequence[Candidate], feels: Sequence[Feel], seconds: float) -> list[Candidate]:
    """Pick and order candidates along the arc through ``feels``, about ``seconds`` long."""
    pool = [c for c in candidates if c.sound.energy is not None]
    if not pool or not feels:
        return []
    durations = sorted(c.duration for c in pool if c.duration)
    typical = durations[len(durations) // 2] if durations else 240.0
    n = max(3, min(len(pool), round(seconds / typical)))
    chosen: list[Candidate] = []
    used: set[int] = set()
    reachable, unit = within_reach(feels, pool)
    for target in targets(reachable, n):
        prev = chosen[-1] if chosen else None
        recent = frozenset(c.artist for c in chosen[-3:] if c.artist)
        left = [c for c in pool if c.sound.item_id not in used]
        if not left:
            break

        def cost(
            c: Candidate, t: Feel = target, p: Candidate | None = prev, r: frozenset[str] = recent
        ) -> float:
            return _cost(c, t, p, r, unit)

        best = min(left, key=cost)
        if len(chosen) >= 3 and abs((best.sound.energy or 0.0) - target.energy) > TOO_FAR * unit:
            continue  # nothing left fits this part of the arc (a small library): pass over it
        chosen.append(best)
        used.add(best.sound.item_id)
    return chosen


def _cost(c: Candidate, target: Feel, prev: Candidate | None, recent: frozenset[str], unit: float) -> float:
    value = fit_cost(c.sound, target, unit) - TASTE_WEIGHT * c.taste
    if prev is not None:
        value += STEP_WEIGHT * transition_cost(prev.sound, c.sound)
        k = key_distance(prev.sound, c.sound)
        value += KEY_STEP * (k if k is not None else 1.5)
        if prev.sound.bpm and c.sound.bpm:
            value += TEMPO_STEP * min(4.0, tempo_distance(prev.sound.bpm, c.sound.bpm) / TEMPO_UNIT_STEP)
    return value + (SAME_ARTIST if c.artist and c.artist in recent else 0.0)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman rank correlation (average ranks for ties); 0 when either side is constant."""

    def ranks(v: Sequence[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r

    if len(xs) < 2:
        return 0.0
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = math.sqrt(sum((a - mx) ** 2 for a in rx))
    vy = math.sqrt(sum((b - my) ** 2 for b in ry))
    return 0.0 if vx == 0 or vy == 0 else cov / (vx * vy)
