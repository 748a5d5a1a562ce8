"""Noticing a file that opens but never plays (playback/watchdog.py): while the engine should be playing, no
progress for the stall time fires ``stalled``; a stopped engine, or one that plays on, never does."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from companion.core.media.synth import cover_jpeg, tone, write_audio
from companion.playback.engine import Engine
from companion.playback.watchdog import StallWatchdog


def test_a_still_image_taken_for_a_video_is_noticed(qtbot, tmp_path):
    still = tmp_path / "still.mkv"
    still.write_bytes(cover_jpeg(3))  # FFmpeg opens it, and it never moves
    engine = Engine()
    dog = StallWatchdog(engine, stall_seconds=0.3)
    fired: list[int] = []
    dog.stalled.connect(lambda: fired.append(1))
    engine.active.setSource(QUrl.fromLocalFile(str(still)))
    engine.active.play()
    dog.arm()
    qtbot.waitUntil(lambda: bool(fired), timeout=5_000)
    assert fired == [1], "once: it disarms itself"
    engine.release()


def test_nothing_is_due_while_stopped_or_while_playing_on(qtbot, tmp_path):
    engine = Engine()
    dog = StallWatchdog(engine, stall_seconds=0.5)
    fired: list[int] = []
    dog.stalled.connect(lambda: fired.append(1))
    dog.arm()
    qtbot.wait(400)  # stopped: nothing to notice
    dog.disarm()  # (armed, the file's opening below would count: this test times only the playing)
    song = write_audio(tmp_path / "song.flac", tone(4.0))
    engine.active.setSource(QUrl.fromLocalFile(str(song)))
    engine.active.audioOutput().setVolume(0.0)
    engine.active.play()
    qtbot.waitUntil(lambda: engine.active.position() > 0, timeout=5_000)
    dog.arm()
    armed_at = engine.active.position()
    qtbot.wait(900)  # the stall time and more, playing on
    assert fired == [] and engine.active.position() > armed_at
    dog.disarm()
    engine.release()
