"""Play item ids in a real player in its own process (for the null-sink crossfade test), then quit."""

from __future__ import annotations

import sys


def main(data_dir: str, seconds: str, *item_ids: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from companion.core.paths import resolve_profile
    from companion.core.store import Store
    from companion.playback.player import Player

    app = QApplication([])
    player = Player(Store(resolve_profile(data_dir)), recover=False)
    player.currentChanged.connect(lambda e: print(f"current {e.item_id if e else None}", flush=True))
    player.play_items([int(i) for i in item_ids])
    QTimer.singleShot(int(float(seconds) * 1000), lambda: (player.close(), app.quit()))
    app.exec()
    print(f"fades {player.crossfade.count}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
