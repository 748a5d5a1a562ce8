"""The job system's Qt face: work off the UI thread, results on it.

``TaskRunner`` is ``companion.core.jobs.threads.Threads`` whose callbacks arrive on the main thread
(queued through a relay object that lives there): ``run(fn, on_done, on_error)`` calls ``fn()`` on a
worker thread and delivers its result (or exception); ``run_generator`` delivers each yielded value to
``on_progress``, and ``Job.cancel()`` stops it between two values. A job in a process of its own (a
scan, analysis, an import: ``companion.core.jobs.runner``; the taste service) reaches the window the
same way: its generator, or its future's callback through ``to_main``. ``inline=True`` runs everything
at once on the calling thread (for tests that need determinism).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from companion.core.jobs.threads import Job, Threads

__all__ = ["Job", "TaskRunner", "all_runners"]

_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


class _Relay(QObject):
    """Lives on the main thread; signals emitted from workers arrive there queued."""

    deliver = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.closed = False
        self.deliver.connect(self._call)

    @Slot(object, object)
    def _call(self, callback: Callable[[Any], None], value: Any) -> None:
        if not self.closed:  # a result queued just before shutdown must not reach a closed window
            callback(value)


class TaskRunner(Threads):
    """Runs callables and generators on worker threads and brings their results to the UI thread."""

    def __init__(self, inline: bool = False, max_threads: int = 2) -> None:
        self._relay = _Relay()
        super().__init__(max_threads, name="companion-task", inline=inline, deliver=self._relay.deliver.emit)
        _RUNNERS.add(self)

    def to_main(self, callback: Callable[[Any], None], value: Any = None) -> None:
        """Call ``callback(value)`` on the main thread (queued when called from a worker)."""
        self._relay.deliver.emit(callback, value)

    def shutdown(self, timeout_s: float = 10.0, *, cancel: bool = True) -> bool:
        """Cancel every job and wait for the workers; True when all stopped in time.
        Nothing is delivered to the UI after this, not even results already on their way."""
        self._relay.closed = True
        return super().shutdown(timeout_s, cancel=cancel)


def all_runners() -> list[TaskRunner]:
    return list(_RUNNERS)
