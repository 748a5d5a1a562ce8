"""Running a crossfade: equal-power volume ramps on the engine's two audio outputs, on a precise timer.

``Crossfader.start(outgoing, length)`` ramps the outgoing player's output down and the active one's
up (``transition.equal_power``) over ``length`` seconds, then has the engine unload the outgoing
player. The gains follow the monotonic clock, not the count of timer ticks, so a late tick never
stretches a fade. ``applied`` keeps the (seconds, outgoing, incoming) volumes actually set: the volume
schedule the tests check.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtMultimedia import QMediaPlayer

from companion.core.flow.transition import equal_power
from companion.playback.engine import Engine

TICK_MS = 10


class Crossfader(QObject):
    def __init__(
        self, engine: Engine, incoming_level: Callable[[], float], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._incoming_level = incoming_level  # the volume the incoming track plays at when faded in
        self._outgoing: QMediaPlayer | None = None
        self._out_level = 0.0
        self._length = 0.0
        self._started = 0.0
        self._fade_in = True
        self.applied: deque[tuple[float, float, float]] = deque(maxlen=5000)
        self.count = 0  # fades run (tests, diagnostics)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def running(self) -> bool:
        return self._outgoing is not None

    def start(self, outgoing: QMediaPlayer, length: float, *, fade_in: bool = True) -> None:
        """Fade ``outgoing`` (already handed over by the engine) out over ``length`` s, and the active player
        in (``fade_in=False``: the active player is silent or starts at full volume)."""
        self._outgoing = outgoing
        self._out_level = outgoing.audioOutput().volume()
        self._length = max(0.01, float(length))
        self._fade_in = fade_in
        self._started = time.monotonic()
        self.applied.clear()
        self.count += 1
        self._tick()
        self._timer.start()

    def finish(self) -> None:
        """End the fade now: the outgoing player stops, the incoming one plays at its full level."""
        if self._outgoing is None:
            return
        self._timer.stop()
        self._outgoing = None
        self._engine.end_fade()
        self._engine.audio.setVolume(self._incoming_level())

    def abandon(self) -> None:
        """Stop ramping and leave both players to ``Engine.release`` (the app is quitting: unloading one here,
        while it may still be opening, is what release() waits to do safely)."""
        self._timer.stop()
        self._outgoing = None

    def _tick(self) -> None:
        if self._outgoing is None:
            return
        elapsed = time.monotonic() - self._started
        out_gain, in_gain = equal_power(elapsed / self._length)
        if not self._fade_in:
            in_gain = 1.0
        out_volume, in_volume = self._out_level * out_gain, self._incoming_level() * in_gain
        self._outgoing.audioOutput().setVolume(out_volume)
        self._engine.audio.setVolume(in_volume)
        self.applied.append((elapsed, out_volume, in_volume))
        if elapsed >= self._length:
            self.finish()
