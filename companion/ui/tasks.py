"""Running long work off the UI thread (Picard's ``run_task``/``to_main``, napari's generator workers).

``TaskRunner.run(fn, on_done, on_error)`` calls ``fn()`` on a ``QThreadPool`` and
delivers its result (or exception) on the main thread. ``run_generator`` does the
same for a generator: each yielded value becomes an ``on_progress`` call, and
``Job.cancel()`` stops it between yields. ``inline=True`` runs everything at once
on the calling thread (for tests that need determinism).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

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


class Job:
    """A handle on submitted work: cancel it, or ask whether it is finished."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return self._done.is_set()


class _Runnable(QRunnable):
    def __init__(self, body: Callable[[], None]) -> None:
        super().__init__()
        self._body = body
        self.setAutoDelete(True)

    def run(self) -> None:
        self._body()


class TaskRunner:
    """Submits callables and generators to a thread pool and brings results back to the UI thread."""

    def __init__(self, pool: QThreadPool | None = None, inline: bool = False, max_threads: int = 2) -> None:
        self.pool = pool or QThreadPool()
        if pool is None:
            self.pool.setMaxThreadCount(max_threads)
        self.inline = inline
        self._relay = _Relay()
        self._jobs: list[Job] = []
        _RUNNERS.add(self)

    def to_main(self, callback: Callable[[Any], None], value: Any = None) -> None:
        """Call ``callback(value)`` on the main thread (queued when called from a worker)."""
        self._relay.deliver.emit(callback, value)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        job = Job()

        def body() -> None:
            try:
                result = fn()
            except BaseException as e:  # delivered to the UI, never lost in a worker
                if on_error and not job.cancelled:
                    self.to_main(on_error, e)
            else:
                if on_done and not job.cancelled:
                    self.to_main(on_done, result)
            finally:
                job._done.set()

        return self._submit(job, body)

    def run_generator(
        self,
        make: Callable[[], Iterator[Any]],
        on_progress: Callable[[Any], None] | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        min_interval_s: float = 0.1,
    ) -> Job:
        """Iterate ``make()`` in a worker; values go to ``on_progress`` (at most one per ``min_interval_s``,
        the newest, so a fast generator cannot flood the UI thread); stops early on cancel."""
        job = Job()

        def body() -> None:
            count = 0
            last_sent = 0.0
            pending: list[Any] = []
            try:
                gen = make()
                try:
                    for value in gen:
                        if job.cancelled:
                            break
                        count += 1
                        if on_progress:
                            now = time.monotonic()
                            if now - last_sent >= min_interval_s:
                                last_sent = now
                                pending.clear()
                                self.to_main(on_progress, value)
                            else:
                                pending[:] = [value]
                    if pending and on_progress and not job.cancelled:
                        self.to_main(on_progress, pending[0])
                finally:
                    close = getattr(gen, "close", None)
                    if close:
                        close()
            except BaseException as e:
                if on_error and not job.cancelled:
                    self.to_main(on_error, e)
            else:
                if on_done and not job.cancelled:
                    self.to_main(on_done, count)
            finally:
                job._done.set()

        return self._submit(job, body)

    def _submit(self, job: Job, body: Callable[[], None]) -> Job:
        self._jobs = [j for j in self._jobs if not j.done]
        self._jobs.append(job)
        if self.inline:
            body()
        else:
            self.pool.start(_Runnable(body))
        return job

    def active(self) -> int:
        return self.pool.activeThreadCount()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel every job and wait for the workers; True when all stopped in time.
        Nothing is delivered to the UI after this, not even results already on their way."""
        self._relay.closed = True
        for job in self._jobs:
            job.cancel()
        self.pool.clear()
        return bool(self.pool.waitForDone(timeout_ms))


def all_runners() -> list[TaskRunner]:
    return list(_RUNNERS)
