"""Run a real player in its own process (for tests/core/events/test_recorder.py's kill test): plays item ids, prints positions."""

from __future__ import annotations

import sys


def main(data_dir: str, *item_ids: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from companion.core.paths import resolve_profile
    from companion.core.store import Store
    from companion.playback.player import Player

    app = QApplication([])
    player = Player(Store(resolve_profile(data_dir)))
    player.currentChanged.connect(lambda e: print(f"current {e.item_id if e else None}", flush=True))
    timer = QTimer()
    timer.timeout.connect(lambda: print(f"pos {player.position():.3f}", flush=True))
    timer.start(100)
    player.play_items([int(i) for i in item_ids])
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:])
