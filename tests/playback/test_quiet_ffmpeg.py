"""QA session 2, C15: every play printed FFmpeg's "Input #0, ... from ..." dump on the terminal."""

from __future__ import annotations

import os
import subprocess
import sys

from companion.core.media.synth import tone, write_audio

PLAY = """
import sys
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QApplication
import companion.playback.engine  # noqa: F401  (sets the logging rules)
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
app = QApplication([])
player, out = QMediaPlayer(), QAudioOutput()
player.setAudioOutput(out)
player.setSource(QUrl.fromLocalFile(sys.argv[1]))
player.play()
QTimer.singleShot(1500, app.quit)
app.exec()
"""


def test_playing_a_file_prints_no_ffmpeg_dump(tmp_path):
    song = write_audio(tmp_path / "song.flac", tone(1.0))
    env = {k: v for k, v in os.environ.items() if k != "QT_LOGGING_RULES"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", PLAY, str(song)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Input #0" not in result.stderr and "Using Qt multimedia with FFmpeg" not in result.stderr
    loud = subprocess.run(
        [sys.executable, "-c", PLAY, str(song)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "QT_LOGGING_RULES": "qt.multimedia.ffmpeg*=true"},
    )
    assert "Input #0" in loud.stderr, "QT_LOGGING_RULES still wins for whoever debugs"
