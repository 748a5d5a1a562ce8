"""A video stopped past the first minute resumes where it was left; frames reach the window's sink."""

from __future__ import annotations

import pytest
from PySide6.QtMultimedia import QVideoSink

from companion.core.events.resume import resume_point
from tests.playback.conftest import stored, wait_position


def test_video_resume_point(qtbot, player, store, make_video):
    film = make_video("film.mp4", seconds=80.0, fps=2)
    sink = QVideoSink()
    frames = []
    sink.videoFrameChanged.connect(lambda f: frames.append(f.size().width()))
    player.set_video_output(sink)
    player.play_items([film])
    wait_position(qtbot, player, 0.2)
    player.seek(70.0)
    wait_position(qtbot, player, 71.0)
    player.stop()
    assert player.flush()
    point = resume_point(store.conn(), film)
    assert point is not None and point.position == pytest.approx(71.0, abs=0.6)
    assert 64 in frames  # real decoded frames reached the sink
    assert stored(player, store) == []  # ~1.5 s watched: neither a play nor a skip

    with qtbot.waitSignal(player.currentChanged) as sig:
        player.play_items([film])
    assert (sig.args[0].start_reason, sig.args[0].start_position) == ("resume", point.position)
    qtbot.waitUntil(lambda: player.position() >= point.position, timeout=5_000)
    player.seek(79.0)
    qtbot.waitUntil(lambda: len(stored(player, store)) == 1, timeout=10_000)
    (ev,) = stored(player, store)
    assert (ev["type"], ev["start_reason"]) == ("skip", "resume")  # jumped to the end: not watched
    assert resume_point(store.conn(), film) is None  # finished: no resume point left
