"""Crossfades in the real player: the volume schedule it applies on its two outputs, when it fades and when not."""

from __future__ import annotations

import math

import pytest

from companion.core.analysis import table
from companion.core.settings import update_setting
from tests.playback.conftest import wait_position


def analysed(store, item_id: int, *, intro: float, outro: float, energy: float = 0.5) -> None:
    table.write_results(
        store.conn(),
        2,
        [
            (
                item_id,
                {"intro_end": intro, "outro_start": outro, "energy_in": energy, "energy_out": energy},
                None,
            )
        ],
    )


def check_schedule(applied, length: float, level: float = 1.0) -> None:
    """Equal-power ramps: outgoing from full to 0, incoming from 0 to full, on a tick of a few ms."""
    steps = list(applied)
    assert len(steps) >= length / 0.05, "the timer ticked too rarely"
    times = [t for t, _, _ in steps]
    # one late tick is the scheduler on a loaded machine (0.16-0.23 s seen at load 6-11); the count above
    # holds the rate, and every step's level below follows the clock, not the tick
    assert max(b - a for a, b in zip(times, times[1:], strict=False)) < 0.3
    assert steps[0][1] == pytest.approx(level, abs=0.03) and steps[-1][1] == pytest.approx(0.0, abs=1e-6)
    assert steps[-1][2] == pytest.approx(level, abs=1e-6) and times[-1] >= length
    for t, out, inc in steps:
        p = min(1.0, t / length)
        assert out == pytest.approx(level * math.cos(p * math.pi / 2), abs=1e-6)
        assert inc == pytest.approx(level * math.sin(p * math.pi / 2), abs=1e-6)
        assert out**2 + inc**2 == pytest.approx(level**2, abs=1e-6)


def test_fades_from_the_outro_into_the_next_tracks_music(qtbot, player, store, make_track):
    update_setting(store.conn(), "crossfade", "2")
    a, b = make_track("a.flac", 6.0), make_track("bb.flac", 6.0)
    analysed(store, a, intro=0.0, outro=3.0)
    analysed(store, b, intro=0.8, outro=5.5)
    player.play_items([a, b])
    at_fade: list[float] = []
    player.currentChanged.connect(
        lambda e: at_fade.append(player._engine.fading.position() / 1000) if e else None
    )
    qtbot.waitUntil(lambda: player.current() is not None and player.current().item_id == b, timeout=15_000)
    assert at_fade and at_fade[0] == pytest.approx(3.0, abs=0.35)  # the fade began at a's outro
    wait_position(qtbot, player, 0.8)  # b started after its leading silence
    assert player.position() < 1.8
    qtbot.waitUntil(lambda: not player.crossfade.running(), timeout=5_000)
    check_schedule(player.crossfade.applied, 2.0)
    assert player._engine.fading is None and player.output_volume() == pytest.approx(1.0)


def test_album_in_order_stays_gapless_and_off_means_off(qtbot, player, store, make_track):
    tags = dict(album="Blue", album_artist="J", disc_no=1)
    a, b = make_track("a.flac", 3.0, track_no=1, **tags), make_track("bb.flac", 2.0, track_no=2, **tags)
    analysed(store, a, intro=0.0, outro=1.5)
    player.play_items([a, b])
    qtbot.waitUntil(lambda: player.current() is not None and player.current().item_id == b, timeout=15_000)
    assert player.crossfade.count == 0 and player._engine.swaps >= 1
    update_setting(store.conn(), "crossfade", "off")
    c = make_track("ccc.flac", 3.0)
    analysed(store, c, intro=0.0, outro=1.0)
    player.play_items([c, a])
    qtbot.waitUntil(lambda: player.current() is not None and player.current().item_id == a, timeout=15_000)
    assert player.crossfade.count == 0


def test_skip_and_stop_fade_for_a_second_video_never(qtbot, player, store, make_track, make_video):
    a, b = make_track("a.flac", 20.0), make_track("bb.flac", 20.0)
    player.play_items([a, b])
    wait_position(qtbot, player, 0.5)
    player.next()
    assert player.crossfade.running() and player._engine.fading is not None
    qtbot.waitUntil(lambda: not player.crossfade.running(), timeout=5_000)
    check_schedule(player.crossfade.applied, 1.0)
    wait_position(qtbot, player, 0.5)
    player.stop()
    assert player.state() == "stopped" and player.crossfade.running()  # stopped at once, heard fading out
    qtbot.waitUntil(lambda: not player.crossfade.running(), timeout=5_000)
    steps = list(player.crossfade.applied)
    assert steps[-1][1] == pytest.approx(0.0, abs=1e-9) and all(
        inc == pytest.approx(1.0) for _, _, inc in steps
    )
    v = make_video("v.mp4", 6.0)
    player.play_items([v, a])
    wait_position(qtbot, player, 0.5)
    count = player.crossfade.count
    player.next()
    assert player.crossfade.count == count and not player.crossfade.running()
