"""Loudness: sines at known levels (BS.1770: a 997 Hz sine at L dBFS in one channel reads L - 3.01 LUFS),
stereo, K-weighting itself, and ReplayGain tags taking precedence."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.analysis.features import analyse_file
from companion.core.analysis.loudness import integrated_loudness, k_weighting_power, sub_block_power
from companion.core.media.synth import tone


@pytest.mark.parametrize("level", [-6.0, -20.0, -35.0])
def test_mono_sine_levels(audio_file, level):
    f = analyse_file(str(audio_file(tone(20, 22050, 997.0, level))))
    assert f["loudness"] == pytest.approx(level - 3.01, abs=1.0)
    assert f["loudness_source"] == "measured"
    assert f["rms"] == pytest.approx(level - 3.01, abs=0.5)  # a sine's RMS is 3 dB under its peak


def test_stereo_sine_at_minus_23(audio_file):
    """EBU Tech 3341 case 1: a -23 dBFS 1 kHz sine in both channels is -23 LUFS."""
    f = analyse_file(str(audio_file(tone(20, 44100, 1000.0, -23.0), rate=44100, channels=2)))
    assert f["loudness"] == pytest.approx(-23.0, abs=1.0)


def test_k_weighting_response():
    db = 10 * np.log10(k_weighting_power(np.array([997.0, 5000.0, 20.0])))
    assert db[0] == pytest.approx(0.691, abs=0.05)  # the -0.691 in BS.1770 cancels this gain
    assert db[1] == pytest.approx(4.0, abs=0.2)  # the high shelf: about +4 dB
    assert db[2] < -10  # the high pass cuts deep bass


def test_gating_ignores_silence_between_notes():
    """Gating: 30 s of silence after 10 s of tone barely moves integrated loudness (ungated: -6 dB)."""
    x = tone(10, 22050, 997.0, -20.0)
    padded = np.concatenate([x, np.zeros(22050 * 30, dtype=np.float32)])
    a = integrated_loudness([sub_block_power(x, 22050)])
    b = integrated_loudness([sub_block_power(padded, 22050)])
    assert a == pytest.approx(b, abs=0.2)


def test_replaygain_tag_wins_when_present(audio_file):
    path = str(audio_file(tone(10, 22050, 997.0, -20.0)))
    f = analyse_file(path, rg_track_gain=-4.5)
    assert f["loudness"] == pytest.approx(-13.5)
    assert f["loudness_source"] == "replaygain"
