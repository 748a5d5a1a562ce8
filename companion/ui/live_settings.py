"""The window's settings, observed: read once when the window is built, then every view follows ``changed``.

The one copy of the settings in the window's process is ``Backend.settings()`` (the core's typed,
immutable ``Settings``; safe to read from any thread: the player's recorder reads it on its writer
thread). ``LiveSettings`` is its Qt face for the views:

- ``value()`` is that copy; a view that shows a setting reads it when built and again on ``changed``;
- ``set(name, value)`` is how any view (the Settings page, the sidebar's private badge, the tray)
  changes one: it is in effect as soon as the task runner takes it, then stored off the UI thread;
- ``changed(name)`` is emitted on the UI thread once it is stored (the taste worker's process reads
  settings from the database, so the home is refreshed only then), and also after a change that was
  refused or could not be stored, once the old value is back (so the view that showed it shows the
  old one again); ``failed(text)`` then says why, in one line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from companion.core.settings import Settings
from companion.ui.backend import Backend
from companion.ui.tasks import TaskRunner


class LiveSettings(QObject):
    changed = Signal(str)  # the setting's name
    failed = Signal(str)  # why a change was not kept

    def __init__(self, backend: Backend, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend, self._runner = backend, runner

    def value(self) -> Settings:
        return self._backend.settings()

    def set(self, name: str, value: Any) -> None:
        def refused(error: BaseException) -> None:
            self.failed.emit(f"{name} not changed: {error}" if str(error) else f"{name} not changed")
            self.changed.emit(name)

        self._runner.run(
            lambda: self._backend.update_setting(name, value), lambda _s: self.changed.emit(name), refused
        )
