"""Whether the system has a sound output, followed as devices come and go (a headset plugged in or out).

``SoundOutput.hearing`` is False while there is none; ``changed(bool)`` tells when that flips. A new
default output is handed to the engine as it appears, so playback moves to it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtMultimedia import QMediaDevices

from companion.playback.engine import Engine
from companion.playback.override_cache import settle_overrides
from companion.playback.qtfix import emit


class SoundOutput(QObject):
    changed = Signal(bool)  # True: a sound output appeared; False: the last one went

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._devices = settle_overrides(QMediaDevices(self))  # PulseAudio's thread never waits for Python
        self._devices.audioOutputsChanged.connect(self._outputs_changed)
        self.hearing = bool(QMediaDevices.audioOutputs())

    def _outputs_changed(self) -> None:
        hearing = bool(QMediaDevices.audioOutputs())
        if hearing:
            self._engine.set_device(QMediaDevices.defaultAudioOutput())
        if hearing != self.hearing:
            self.hearing = hearing
            emit(self.changed, hearing)
