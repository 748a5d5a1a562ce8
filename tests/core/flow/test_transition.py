"""transition: when crossfades happen (never in album order, video, spoken word), how long, and the curves."""

from __future__ import annotations

import math

import pytest

from companion.core.errors import UsageError
from companion.core.flow.transition import (
    TrackEnds,
    equal_power,
    gapless_pair,
    parse_setting,
    plan,
    schedule,
    smart_length,
    tempo_distance,
)
from companion.core.settings import Settings


def ends(item_id: int, **kw) -> TrackEnds:
    base = dict(path=f"/m/{item_id}.flac", duration=200.0, outro_start=190.0, intro_end=1.5)
    return TrackEnds(item_id=item_id, **{**base, **kw})


def test_setting_values():
    assert parse_setting("off") == "off" and parse_setting("Smart") == "smart"
    assert parse_setting("6") == 6.0 and parse_setting("12s") == 12.0
    for bad in ("0", "13", "fast", "nan"):
        with pytest.raises(UsageError, match="crossfade must be"):
            parse_setting(bad)
    assert Settings().crossfade == "smart"
    with pytest.raises(UsageError):
        Settings(crossfade="20").validated()


def test_fixed_length_starts_at_outro_and_skips_leading_silence():
    t = plan(6.0, ends(1), ends(2, intro_end=2.25))
    assert (t.fade_at, t.length, t.incoming_start) == (190.0, 6.0, 2.25)


def test_never_in_album_order_same_file_video_or_spoken_word():
    a = ends(1, album="Blue", album_artist="J", track_no=3, disc_no=1)
    assert plan("smart", a, ends(2, album="Blue", album_artist="J", track_no=4, disc_no=1)) is None
    assert plan("smart", a, ends(3, album="Blue", album_artist="J", track_no=1, disc_no=2)) is None
    # out of album order (shuffled, or another record): fades
    assert plan("smart", a, ends(4, album="Blue", album_artist="J", track_no=7, disc_no=1)) is not None
    assert plan("smart", a, ends(5, album="Green", album_artist="J", track_no=4)) is not None
    assert gapless_pair(ends(6, path="/m/x.cue.flac"), ends(7, path="/m/x.cue.flac"))
    assert plan(4.0, ends(1, kind="video"), ends(2)) is None
    assert plan(4.0, ends(1), ends(2, spoken=True)) is None
    assert plan("off", ends(1), ends(2)) is None


def test_smart_length_from_energy_and_tempo():
    calm = smart_length(ends(1, energy_out=0.1, bpm=80), ends(2, energy_in=0.15, bpm=160))
    loud = smart_length(ends(1, energy_out=0.9, bpm=128), ends(2, energy_in=0.8, bpm=128))
    clash = smart_length(ends(1, energy_out=0.9, bpm=128), ends(2, energy_in=0.8, bpm=100))
    assert calm > 8 and 4 <= loud < 5.5 and clash < loud
    assert tempo_distance(80, 160) == 0 and tempo_distance(120, 126) < 0.08


def test_unanalysed_track_fades_over_its_last_seconds():
    t = plan(5.0, ends(1, outro_start=None, duration=100.0), ends(2, intro_end=None))
    assert (t.fade_at, t.length, t.incoming_start) == (95.0, 5.0, 0.0)
    assert plan(5.0, ends(1, outro_start=None, duration=None), ends(2)) is None


def test_equal_power_keeps_the_summed_power_constant():
    for p in (0.0, 0.2, 0.5, 0.9, 1.0):
        out, inc = equal_power(p)
        assert out**2 + inc**2 == pytest.approx(1.0)
    steps = schedule(2.0, 0.02)
    assert steps[0] == (0.0, 1.0, 0.0) and steps[-1][0] == 2.0
    assert steps[-1][1] == pytest.approx(0.0, abs=1e-9) and steps[-1][2] == pytest.approx(1.0)
    assert steps[len(steps) // 2][1] == pytest.approx(math.sqrt(0.5), abs=0.02)
