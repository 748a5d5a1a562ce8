"""QMediaPlayer.stop() right after play() could wait for ever inside Qt's FFmpeg backend (about one release
in 200; it hung the window's teardown in tests). The engine never calls stop(): an empty source instead.
Run in a child process, so a hang fails the test instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys

STRESS = """
import random, sys, time
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication([])
from companion.playback.engine import Engine
random.seed(7)
for _ in range(int(sys.argv[2])):
    e = Engine()
    e.load(sys.argv[1])
    e.active.play()
    end = time.monotonic() + random.uniform(0.0, 0.3)
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    if random.random() < 0.5:
        e.halt()
    e.release()
    e.deleteLater()
    QCoreApplication.processEvents()
print("released")
"""


def test_releasing_players_right_after_play_never_hangs(tmp_path):
    from companion.core.media.synth import tone, write_audio

    song = write_audio(tmp_path / "song.flac", tone(3.0))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", STRESS, str(song), "150"], env=env, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0 and "released" in result.stdout, result.stderr[-2000:]
