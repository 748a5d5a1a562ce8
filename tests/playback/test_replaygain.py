"""ReplayGain (playback/replaygain.py): the factor that levels tracks, album or track mode with each falling back
to the other, untagged files lowered, and never past full scale."""

from __future__ import annotations

import pytest

from companion.playback.replaygain import UNTAGGED_DB, gain_factor


def test_modes_fall_back_and_never_clip():
    assert gain_factor("off", -6.0, 0.5, -3.0, 0.5) == 1.0
    assert gain_factor("track", -6.0, 0.5, -3.0, 0.5) == pytest.approx(10 ** (-6 / 20))
    assert gain_factor("album", -6.0, 0.5, -3.0, 0.5) == pytest.approx(10 ** (-3 / 20))
    assert gain_factor("album", -6.0, 0.5, None, None) == pytest.approx(10 ** (-6 / 20)), "no album gain"
    assert gain_factor("track", None, None, -3.0, None) == pytest.approx(10 ** (-3 / 20)), "no track gain"
    assert gain_factor("track", None, None, None, None) == pytest.approx(10 ** (UNTAGGED_DB / 20))
    assert gain_factor("track", -1.0, 1.25, None, None) == pytest.approx(0.8), "the peak limits it"
    assert gain_factor("track", 4.0, 0.2, None, None) == 1.0, "a quiet track is not amplified"
