"""Key and mode of chord progressions in known keys."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.analysis.features import analyse_file
from companion.core.analysis.key import PITCH_CLASSES, estimate_key
from tests.core.analysis.signals import chord_progression


@pytest.mark.parametrize(
    ("key", "mode"),
    [
        ("C", "major"),
        ("G", "major"),
        ("F#", "major"),
        ("A#", "major"),
        ("A", "minor"),
        ("E", "minor"),
        ("C#", "minor"),
        ("F", "minor"),
    ],
)
def test_chord_progressions(audio_file, key, mode):
    f = analyse_file(str(audio_file(chord_progression(key, mode))))
    assert (f["key"], f["mode"]) == (key, mode)
    assert f["key_confidence"] > 0.5
    assert f["key"] in PITCH_CLASSES


def test_no_pitch_means_no_key():
    assert estimate_key(np.zeros(12)).key is None
    flat = estimate_key(np.ones(12))
    assert flat.key is None and flat.confidence == 0.0


def test_major_scores_higher_valence_than_minor(audio_file):
    major = analyse_file(str(audio_file(chord_progression("D", "major"))))
    minor = analyse_file(str(audio_file(chord_progression("D", "minor"))))
    assert major["valence"] > minor["valence"]
