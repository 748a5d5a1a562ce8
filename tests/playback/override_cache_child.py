"""Run in its own process by test_override_cache.py: play, pause and attach a video output, again and again.

Before ``settle_overrides`` this froze within a few seconds: the window's thread waited for Qt's connection
lock inside ``setVideoOutput`` or ``stop`` while holding Python's lock, and the audio renderer's thread held
Qt's lock while it waited for Python's. Prints the number of rounds when it ends.
"""

from __future__ import annotations

import sys
import time


def main(first: str, second: str, seconds: str) -> None:
    from PySide6.QtMultimediaWidgets import QVideoWidget
    from PySide6.QtWidgets import QApplication

    from companion.playback.engine import Engine

    app = QApplication([])
    rounds, end = 0, time.monotonic() + float(seconds)
    while time.monotonic() < end:
        engine = Engine()
        engine.load(first)
        engine.active.play()
        playing_until = time.monotonic() + 0.15
        while time.monotonic() < playing_until:
            app.processEvents()
        engine.active.pause()  # the audio renderer is torn down in its own thread ...
        surface = QVideoWidget()
        engine.set_video_output(surface)  # ... while these take Qt's connection lock
        app.processEvents()
        engine.set_video_output(None)
        engine.active.stop()
        engine.load(second)
        surface.deleteLater()
        engine.deleteLater()
        app.processEvents()
        rounds += 1
    print(f"rounds {rounds}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
