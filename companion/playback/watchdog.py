"""Noticing a file that opens but never really plays, so the queue cannot hang on it.

Some files open without an error yet never play: a still image FFmpeg takes for a video sits
in "buffering" forever, a broken stream reports "buffered" while its position never moves.
While the player should be playing, ``StallWatchdog`` fires ``stalled`` when the active
media stays loading / buffering, or its position does not move, for ``stall_seconds`` (8 s by default). The
player then treats the file like one that failed to open.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtMultimedia import QMediaPlayer

from companion.playback.engine import Engine, Status
from companion.playback.qtfix import emit

STALL_SECONDS = 8.0
_WAITING = (Status.LoadingMedia, Status.BufferingMedia, Status.StalledMedia)


class StallWatchdog(QObject):
    stalled = Signal()

    def __init__(
        self, engine: Engine, parent: QObject | None = None, stall_seconds: float = STALL_SECONDS
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self.stall_seconds = stall_seconds
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._since_progress = self._since_ready = time.monotonic()
        self._last_position = -1

    def arm(self) -> None:
        """A new item was asked to play: it must get going within STALL_SECONDS."""
        self._since_progress = self._since_ready = time.monotonic()
        self._last_position = -1
        self._timer.start(int(min(1000.0, self.stall_seconds * 250)))

    def disarm(self) -> None:
        self._timer.stop()

    def _check(self) -> None:
        active = self._engine.active
        now = time.monotonic()
        if active.playbackState() != QMediaPlayer.PlaybackState.PlayingState:
            self._since_progress = self._since_ready = now  # paused or stopped: nothing is due
            return
        if active.mediaStatus() not in _WAITING:
            self._since_ready = now
        position = active.position()
        if position != self._last_position:
            self._last_position, self._since_progress = position, now
        if now - self._since_ready > self.stall_seconds or now - self._since_progress > self.stall_seconds:
            self.disarm()
            emit(self.stalled)
