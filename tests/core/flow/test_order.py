"""order: Camelot keys, transition scores, and flow order with smaller tempo and key jumps than shuffled."""

from __future__ import annotations

import random

from companion.core.flow.order import (
    PITCHES,
    Sound,
    camelot_label,
    flow_order,
    key_distance,
    path_cost,
    transition_score,
)
from companion.core.flow.transition import tempo_distance


def test_camelot_wheel():
    assert camelot_label("A", "minor") == "8A" and camelot_label("C", "major") == "8B"
    assert camelot_label("G", "major") == "9B" and camelot_label("E", "minor") == "9A"
    assert camelot_label("F", "major") == "7B" and camelot_label("D", "minor") == "7A"
    assert camelot_label("B", "major") == "1B" and camelot_label(None, "major") is None
    a_min, c_maj, g_maj, fs_maj = (
        Sound(1, key=k, mode=m) for k, m in [("A", "minor"), ("C", "major"), ("G", "major"), ("F#", "major")]
    )
    assert (
        key_distance(a_min, c_maj) == 1
        and key_distance(c_maj, g_maj) == 1
        and key_distance(c_maj, fs_maj) == 6
    )


def test_transition_score_counts_half_and_double_time_as_close():
    a = Sound(1, bpm=128, key="A", mode="minor", loudness=-8, energy=0.8)
    assert transition_score(a, Sound(2, bpm=64, key="C", mode="major", loudness=-8, energy=0.8)) > 0.85
    assert transition_score(a, Sound(3, bpm=97, key="D#", mode="major", loudness=-20, energy=0.2)) < 0.1


def random_sounds(n: int, seed: int) -> list[Sound]:
    rng = random.Random(seed)
    return [
        Sound(
            i,
            bpm=rng.uniform(70, 170),
            key=rng.choice(PITCHES),
            mode=rng.choice(("major", "minor")),
            loudness=rng.uniform(-20, -6),
            energy=rng.uniform(0.05, 0.95),
        )
        for i in range(n)
    ]


def jumps(order: list[Sound]) -> tuple[float, float]:
    pairs = list(zip(order, order[1:], strict=False))
    tempo = sum(tempo_distance(a.bpm, b.bpm) for a, b in pairs) / len(pairs)
    key = sum(key_distance(a, b) for a, b in pairs) / len(pairs)
    return tempo, key


def test_flow_order_halves_tempo_and_key_jumps_of_a_shuffle():
    ratios_t, ratios_k = [], []
    for seed in range(10):
        sounds = random_sounds(30, seed)
        flowed = flow_order(sounds)
        assert flowed[0] == sounds[0] and sorted(s.item_id for s in flowed) == list(range(30))
        shuffled = sounds[:]
        random.Random(seed).shuffle(shuffled)
        t_flow, k_flow = jumps(flowed)
        t_shuf, k_shuf = jumps(shuffled)
        ratios_t.append(t_shuf / t_flow)
        ratios_k.append(k_shuf / k_flow)
        assert path_cost(flowed) < path_cost(shuffled)
    assert min(ratios_t) >= 2.0 and sum(ratios_k) / len(ratios_k) >= 2.0


def test_unanalysed_tracks_keep_their_order_at_the_end():
    sounds = [Sound(9), *random_sounds(5, 1), Sound(8)]
    flowed = flow_order(sounds)
    assert [s.item_id for s in flowed[-2:]] == [9, 8]
