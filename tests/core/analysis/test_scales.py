"""The derived 0..1 scales at the anchor points docs/analysis.md gives, and the mood map's corners."""

from __future__ import annotations

import math

import pytest

from companion.core.analysis import scales as s


def test_scales_meet_their_documented_anchors_and_stay_in_range():
    assert s.brightness(200.0) == 0.0 and s.brightness(4000.0) == pytest.approx(1.0)
    assert s.brightness(0.0) == 0.0 and s.brightness(20_000.0) == 1.0
    assert s.loudness_scale(None) == 0.0 and s.loudness_scale(-35.0) == 0.0 and s.loudness_scale(-8.0) == 1.0
    assert s.tempo_fit(120.0) == 1.0 and s.tempo_fit(None) == 0.0
    assert s.tempo_fit(120.0 * 2**0.4) == pytest.approx(0.52, abs=0.02)  # about half, 0.4 octave away
    assert s.clip01(math.nan) == 0.0 and s.clip01(-1.0) == 0.0 and s.clip01(2.0) == 1.0
    assert s.energy(-8.0, 0.5, 6.0) == pytest.approx(1.0) and s.energy(None, 0.0, 0.0) == 0.0
    assert s.danceability(1.0, 120.0, 1.0) == pytest.approx(1.0) and s.danceability(0.0, 120.0, 1.0) == 0.0
    assert s.acousticness(0.0, 0.0, 12.0) == pytest.approx(1.0) and s.acousticness(1.0, 0.3, None) == 0.0
    assert s.valence("major", 1.0, 1.0, 160.0) == pytest.approx(1.0)
    assert s.valence("minor", 1.0, 0.0, 60.0) == 0.0
    assert s.valence(None, 0.0, 0.0, None) == pytest.approx(0.4 * 0.5 + 0.3 * 0.3)


@pytest.mark.parametrize(
    ("energy", "valence", "dance", "label"),
    [
        (0.8, 0.6, 0.7, "party"),
        (0.8, 0.2, 0.7, "energetic"),
        (0.5, 0.7, 0.0, "happy"),
        (0.5, 0.2, 0.0, "melancholic"),
        (0.5, 0.45, 0.0, "focus"),
        (0.2, 0.1, 0.9, "melancholic"),
        (0.2, 0.5, 0.6, "chill"),
        (0.2, 0.5, 0.1, "calm"),
    ],
)
def test_every_mood_of_the_map_is_reached(energy, valence, dance, label):
    assert s.mood(energy, valence, dance) == label
    assert label in s.MOODS
