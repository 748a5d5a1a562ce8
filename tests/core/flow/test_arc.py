"""arc: the mood words are moved inside what the library holds, and energy is weighed on its range."""

from __future__ import annotations

import random

from companion.core.flow.arc import Candidate, Feel, plan_arc, spearman, within_reach
from companion.core.flow.order import PITCHES, Sound


def narrow_library(seed: int = 3, n: int = 48) -> list[Candidate]:
    """Like the demo library as analysed: energies only 0.46-0.73, keys at random, taste uneven."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        energy = rng.uniform(0.46, 0.73)
        sound = Sound(
            i, 60 + 120 * (energy - 0.46) + rng.gauss(0, 15), rng.choice(PITCHES),
            rng.choice(("major", "minor")), -20 + 10 * energy, energy,
        )  # fmt: skip
        out.append(Candidate(sound, rng.random(), 180.0, f"artist {i % 8}"))
    return out


def test_calm_means_the_calmest_the_library_has():
    pool = narrow_library()
    feels, unit = within_reach([Feel.mood("calm"), Feel.mood("energetic")], pool)
    energies = sorted(c.sound.energy for c in pool)
    assert energies[0] <= feels[0].energy < 0.5 and 0.7 < feels[1].energy <= energies[-1]
    assert feels[0].label == "calm" and 0.02 <= unit < 0.025  # 8% of the library's range
    wide = [Candidate(Sound(i, 100.0, None, None, None, i / 99), 0.5) for i in range(100)]
    feels, unit = within_reach([Feel.mood("calm")], wide)
    assert feels[0].energy == 0.12 and round(unit, 3) == 0.073  # a library that spans it keeps the word


def test_calm_to_energetic_rises_on_a_narrow_library():
    for seed in range(3):
        chosen = plan_arc(narrow_library(seed), [Feel.mood("calm"), Feel.mood("energetic")], 24 * 180)
        energy = [c.sound.energy for c in chosen]
        assert len(chosen) == 24
        assert spearman(list(range(24)), energy) >= 0.8, energy
