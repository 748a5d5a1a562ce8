"""Work on threads of this process: a small pool for calls and generators, and ordered lanes.

``Threads(max_threads)`` runs ``run(fn, on_done, on_error)`` and ``run_generator(make, on_progress,
on_done, on_error)`` on up to ``max_threads`` threads (Picard's ``run_task``, napari's generator
workers). Every callback goes through ``deliver(callback, value)``: by default it is called on the
worker thread; the window's ``TaskRunner`` (``companion.ui.tasks``) delivers on the UI thread. A
:class:`Job` handle cancels (a generator stops between two values; a call not started yet never runs)
and says whether it is done. With one thread, calls run one after another in the order they came (the
player's recorder writes listening history that way); ``flush()`` waits for what was handed over
before. ``inline=True`` runs everything at once on the calling thread (tests that need determinism).

Only light work belongs on these threads: they share the interpreter lock with the UI thread.
Anything that computes for long is a job in a process of its own (``runner``, ``service``).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

Deliver = Callable[[Callable[[Any], None], Any], None]
IDLE_EXIT_S = 30.0  # a thread with nothing to do for this long ends (the next job starts another)


def _call(callback: Callable[[Any], None], value: Any) -> None:
    callback(value)


class Job:
    """A handle on submitted work: cancel it, ask whether it is finished, or wait for that."""

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

    def wait(self, timeout_s: float | None = None) -> bool:
        return self._done.wait(timeout_s)


class Threads:
    """Runs calls and generators on up to ``max_threads`` threads, in the order they were handed over."""

    def __init__(
        self,
        max_threads: int = 2,
        *,
        name: str = "companion-worker",
        inline: bool = False,
        deliver: Deliver = _call,
    ) -> None:
        self.max_threads, self.name, self.inline, self._deliver = max(1, max_threads), name, inline, deliver
        self._cond = threading.Condition()
        self._queue: deque[tuple[Job, Callable[[], None]]] = deque()
        self._jobs: list[Job] = []
        self._threads = 0
        self._idle = 0
        self._running = 0
        self._closed = False
        self._started = 0

    # --- handing work over
    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        """Call ``fn()`` on a thread; its result goes to ``on_done``, an exception to ``on_error``."""
        job = Job()
        return self._submit(job, lambda: self._settle(job, fn, on_done, on_error))

    def run_generator(
        self,
        make: Callable[[], Iterator[Any]],
        on_progress: Callable[[Any], None] | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        min_interval_s: float = 0.1,
    ) -> Job:
        """Iterate ``make()`` on a thread; values go to ``on_progress`` (at most one per ``min_interval_s``,
        the newest, so a fast generator cannot flood the receiver); stops early on cancel (the generator is
        closed); ``on_done`` gets how many values there were."""
        job = Job()

        def drain() -> int:
            return self._drain(job, make(), on_progress, min_interval_s)

        return self._submit(job, lambda: self._settle(job, drain, on_done, on_error))

    def _settle(
        self,
        job: Job,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        """Run ``work``: its result goes to ``on_done``, an exception to ``on_error`` (neither after a cancel)."""
        try:
            result = work()
        except BaseException as e:  # delivered, never lost in a thread
            if on_error and not job.cancelled:
                self._deliver(on_error, e)
        else:
            if on_done and not job.cancelled:
                self._deliver(on_done, result)

    def _drain(
        self, job: Job, gen: Iterator[Any], on_progress: Callable[[Any], None] | None, min_interval_s: float
    ) -> int:
        count, last_sent = 0, 0.0
        pending: list[Any] = []
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
                        self._deliver(on_progress, value)
                    else:
                        pending[:] = [value]
            if pending and on_progress and not job.cancelled:
                self._deliver(on_progress, pending[0])
        finally:
            close = getattr(gen, "close", None)
            if close:
                close()
        return count

    def _submit(self, job: Job, body: Callable[[], None]) -> Job:
        with self._cond:
            self._jobs = [j for j in self._jobs if not j.done]
            if self._closed:
                job.cancel()
                job._done.set()
                return job
            self._jobs.append(job)
            if not self.inline:
                self._queue.append((job, body))
                if self._idle == 0 and self._threads < self.max_threads:
                    self._threads += 1
                    self._started += 1
                    threading.Thread(
                        target=self._work, name=f"{self.name}-{self._started}", daemon=True
                    ).start()
                self._cond.notify()
                return job
        self._run_one(job, body)
        return job

    # --- the threads
    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closed:
                    self._idle += 1
                    woke = self._cond.wait(IDLE_EXIT_S)
                    self._idle -= 1
                    if not woke and not self._queue:
                        break
                if not self._queue:
                    self._threads -= 1
                    self._cond.notify_all()
                    return
                job, body = self._queue.popleft()
                self._running += 1
            self._run_one(job, body)
            with self._cond:
                self._running -= 1
                self._cond.notify_all()

    @staticmethod
    def _run_one(job: Job, body: Callable[[], None]) -> None:
        try:
            if not job.cancelled:  # cancelled before it started: it never runs
                body()
        finally:
            job._done.set()

    # --- state and the end
    def active(self) -> int:
        """Jobs running now."""
        with self._cond:
            return self._running

    def wait_idle(self, timeout_s: float = 10.0) -> bool:
        """Wait until nothing runs or waits; False on timeout."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._running or self._queue:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Wait until everything handed over before this call has finished; False on timeout."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            jobs = list(self._jobs)
        return all(j.wait(max(0.0, deadline - time.monotonic())) for j in jobs)

    def shutdown(self, timeout_s: float = 10.0, *, cancel: bool = True) -> bool:
        """Take no more work and wait for the threads; True when all stopped in time. ``cancel`` (the
        default) cancels every job first (what waits never runs); otherwise what was handed over finishes."""
        with self._cond:
            self._closed = True
            if cancel:
                for job in self._jobs:
                    job.cancel()
                while self._queue:
                    self._queue.popleft()[0]._done.set()
            self._cond.notify_all()
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._threads:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True
