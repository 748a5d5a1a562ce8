"""Tempo on click tracks and music-like signals written to real files: within 2%, or an exact
half/double flagged as such."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.analysis.features import analyse_file
from companion.core.media.synth import click_track, music_like
from tests.core.analysis.signals import dance_like


def _tempo_ok(found: dict, truth: float) -> bool:
    bpm = found["bpm"]
    if bpm is None:
        return False
    if abs(bpm - truth) <= 0.02 * truth:
        return True
    for factor, flag in ((2.0, "half"), (0.5, "double")):
        # reported double the truth: half of it is the truth, so the flag must say "half"
        if abs(bpm - truth * factor) <= 0.02 * truth * factor and found["tempo_flag"] == flag:
            return True
    return False


@pytest.mark.parametrize("bpm", [70, 90, 120, 128, 174])
def test_click_track_tempo(audio_file, bpm):
    f = analyse_file(str(audio_file(click_track(30, bpm))))
    assert _tempo_ok(f, bpm), (bpm, f["bpm"], f["tempo_flag"])
    assert f["tempo_flag"] is None  # an even click track is not ambiguous
    assert f["bpm_confidence"] > 0.5
    assert f["beat_strength"] > 0.5


@pytest.mark.parametrize("bpm", [60, 80, 100])
def test_accented_beats_with_soft_offbeats_are_flagged_as_ambiguous(audio_file, bpm):
    """Strong beats with offbeats 10 dB softer can be heard at either tempo: whichever is reported,
    the other is flagged."""
    strong = click_track(30, bpm)
    soft = np.roll(strong, int(30 / bpm * 22050)) * 0.3
    f = analyse_file(str(audio_file(strong + soft)))
    assert (abs(f["bpm"] - bpm) <= 0.02 * bpm and f["tempo_flag"] == "double") or (
        abs(f["bpm"] - 2 * bpm) <= 0.04 * bpm and f["tempo_flag"] == "half"
    ), (f["bpm"], f["tempo_flag"])


@pytest.mark.parametrize(("bpm", "ext"), [(70, ".flac"), (128, ".mp3"), (174, ".ogg")])
def test_music_like_tempo_long_file_uses_excerpts(audio_file, bpm, ext):
    """A track over a minute is read as three excerpts found by seeking; the tempo still comes out right."""
    f = analyse_file(str(audio_file(music_like(64, bpm=bpm, seed=bpm), name=f"m{bpm}{ext}")))
    assert f["duration"] == pytest.approx(64, abs=0.5)
    assert _tempo_ok(f, bpm), (bpm, f["bpm"], f["tempo_flag"])


def test_dance_pattern_with_offbeat_hats_reports_the_kick_tempo(audio_file):
    f = analyse_file(str(audio_file(dance_like(30, bpm=128))))
    assert _tempo_ok(f, 128), (f["bpm"], f["tempo_flag"])


def test_checker_rejects_wrong_tempi():
    """The tolerance used above really fails a wrong answer."""
    assert not _tempo_ok({"bpm": 123.0, "tempo_flag": None}, 120)
    assert not _tempo_ok({"bpm": 240.0, "tempo_flag": None}, 120)
    assert _tempo_ok({"bpm": 240.0, "tempo_flag": "half"}, 120)


def test_the_estimate_reads_the_onset_envelope_of_a_click_track():
    """estimate_tempo on the spectral flux of clicks, without a file: the beat, confidently and strongly."""
    from companion.core.analysis.spectral import onset_envelope, stft
    from companion.core.analysis.tempo import estimate_tempo

    spec = stft(click_track(12.0, 96.0), 22050)
    found = estimate_tempo([onset_envelope(spec)], spec.frame_rate)
    assert found.bpm is not None and abs(found.bpm - 96.0) <= 2.0, found
    assert found.confidence > 0.5 and found.beat_strength > 0.5, found


def test_no_pulse_no_tempo():
    """Silence, a steady tone, or less than four seconds: no BPM, rather than a made-up one."""
    from companion.core.analysis.spectral import onset_envelope, stft
    from companion.core.analysis.tempo import estimate_tempo
    from companion.core.media.synth import tone

    for signal in (np.zeros(22050 * 8, dtype=np.float32), tone(8.0, freq=440), click_track(3.0, 120.0)):
        spec = stft(signal, 22050)
        assert estimate_tempo([onset_envelope(spec)], spec.frame_rate).bpm is None
    assert estimate_tempo([], 43.0).bpm is None
