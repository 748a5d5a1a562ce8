"""A window session started with no sound output, run as its own process by test_nowplaying.py (Qt looks
for sound devices once per process). Prints one line: OK, or what went wrong."""

from __future__ import annotations

import sys
from pathlib import Path


def main(profile_dir: str, music: str, add_sink) -> str:
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop

    from companion.app import build
    from companion.core.paths import resolve_profile

    def wait(cond, s=30.0) -> bool:
        end = time.monotonic() + s
        while not cond() and time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)  # processEvents returns at once when nothing is pending: no busy loop
        return cond()

    profile = resolve_profile(profile_dir).ensure()
    parts = build(profile, background=False)
    w, c, player = parts.window, parts.controller, parts.player
    try:
        w.resize(1100, 700)
        w.show()
        done = []
        c.scanFinished.connect(done.append)
        c.scan([music])
        if not wait(lambda: done and c.home_data is not None, 60):
            return "the scan did not finish"
        if player.can_play_sound() or not w.sound_notice.isVisible():
            return "no notice without a sound output"
        w.grab().save(str(Path(profile_dir) / "no-sound.png"))
        song = int(c.backend.store.conn().execute("SELECT id FROM items LIMIT 1").fetchone()[0])
        player.play_items([song, song])
        wait(lambda: False, 2.5)
        if player.position() != 0.0 or player.state() == "playing":
            return f"a clock over silence: {player.position()} s, {player.state()}"
        player.play()
        player.next()
        player.stop()
        player.flush()
        if c.backend.store.conn().execute("SELECT COUNT(*) FROM events").fetchone()[0]:
            return "plays or skips were recorded while nothing could be heard"
        add_sink()
        if not wait(lambda: player.can_play_sound() and not w.sound_notice.isVisible(), 15):
            return "the notice did not clear when a sound output appeared"
        recorded = []
        player.eventRecorded.connect(lambda kind, _i: recorded.append(kind))
        player.set_playback_rate(4.0)
        player.play_items([song])
        if not wait(lambda: recorded, 30):
            return "nothing recorded once sound could be heard"
        return "OK"
    finally:
        parts.close()
        w.close()


if __name__ == "__main__":
    import subprocess

    server = sys.argv[3]
    add = lambda: subprocess.run(  # noqa: E731
        ["pactl", "load-module", "module-null-sink"], env={"PULSE_SERVER": server}, check=True, timeout=10
    )
    print(main(sys.argv[1], sys.argv[2], add))
