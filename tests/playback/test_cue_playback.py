"""Tracks of a CUE sheet play their span of the album's file, gaplessly, each recorded as itself."""

from __future__ import annotations

import pytest

from companion.core.jobs.scan import run_scan
from companion.core.media.synth import music_like, write_audio
from tests.playback.conftest import stored, wait_position

SHEET = """PERFORMER "The Testers"
TITLE "One File"
FILE "album.flac" WAVE
  TRACK 01 AUDIO
    TITLE "First"
    INDEX 01 00:00:00
  TRACK 02 AUDIO
    TITLE "Second"
    INDEX 01 00:02:00
  TRACK 03 AUDIO
    TITLE "Third"
    INDEX 01 00:04:00
"""


@pytest.fixture
def tracks(store, profile, tmp_path):
    music = tmp_path / "music"
    write_audio(music / "album.flac", music_like(6.0))
    (music / "album.cue").write_text(SHEET, encoding="utf-8")
    conn = store.conn()
    run_scan(conn, profile, [str(music)])
    return [r[0] for r in conn.execute("SELECT id FROM items WHERE status = 'ok' ORDER BY track_no")]


def test_tracks_play_one_after_another_in_one_file_and_each_is_completed(qtbot, player, store, tracks):
    assert len(tracks) == 3
    player.set_playback_rate(2.0)
    current = []
    player.currentChanged.connect(lambda e: current.append(e.item_id if e else None))
    loads = []
    player._engine.active.sourceChanged.connect(lambda url: loads.append(url))
    player.play_items(tracks)
    qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
    assert player.duration() == pytest.approx(2.0, abs=0.05)
    qtbot.waitUntil(lambda: current[-1:] == [None] or len(stored(player, store)) == 3, timeout=20_000)
    events = stored(player, store)
    assert [(e["item_id"], e["type"], e["end_reason"]) for e in events] == [
        (tracks[0], "completed", "ended"),
        (tracks[1], "completed", "ended"),
        (tracks[2], "completed", "ended"),
    ]
    assert all(e["position"] == pytest.approx(2.0, abs=0.3) for e in events)
    assert current[:3] == tracks
    assert (
        len([u for u in loads if not u.isEmpty()]) == 1
    )  # the file was opened once: no reload between tracks


def test_a_track_starts_at_its_start_and_a_skip_is_recorded_for_it(qtbot, player, store, tracks):
    player.set_playback_rate(2.0)
    player.play_items(tracks, start=1)
    wait_position(qtbot, player, 0.8)
    assert player.position() < 2.0  # track-relative: the file is at 2 s and more
    assert player._engine.active.position() / 1000 >= 2.0
    player.next()
    qtbot.waitUntil(
        lambda: player.current() is not None and player.current().item_id == tracks[2], timeout=5000
    )
    player.stop()
    events = stored(player, store)
    assert [(e["item_id"], e["end_reason"]) for e in events][0] == (tracks[1], "next")
    assert events[0]["position"] == pytest.approx(1.0, abs=0.6)


def test_seeking_is_within_the_track(qtbot, player, store, tracks):
    player.play_items([tracks[2]])
    wait_position(qtbot, player, 0.2)
    player.pause()
    player.seek(1.0)
    qtbot.waitUntil(lambda: abs(player._engine.active.position() / 1000 - 5.0) < 0.3, timeout=5000)
    assert player.position() == pytest.approx(1.0, abs=0.3)
    player.stop()
