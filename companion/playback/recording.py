"""Recording off the UI thread: one writer thread runs the recorder's calls in order.

The player classifies playbacks itself (pure, instant) and hands snapshots here, so
a slow disk or a database busy with a scan never freezes the window. ``flush`` waits
until everything handed over is written (used when closing and by tests).
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from companion.core.events.recorder import Recorder

log = logging.getLogger(__name__)


class RecordingThread:
    def __init__(
        self,
        recorder: Recorder,
        on_error: Callable[[str], None] | None = None,
        on_done: Callable[[str, tuple[Any, ...], Any], None] | None = None,
    ) -> None:
        self.recorder = recorder
        self._on_error = on_error
        self._on_done = on_done
        self._jobs: queue.Queue[tuple[str, tuple[Any, ...]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="companion-recorder", daemon=True)
        self._thread.start()

    def submit(self, method: str, *args: Any) -> None:
        """Run ``recorder.<method>(*args)`` on the writer thread, after everything submitted before."""
        if self._thread.is_alive():
            self._jobs.put((method, args))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted call ran; False on timeout."""
        done = threading.Event()
        self._jobs.put(("__flush__", (done,)))
        return done.wait(timeout) if self._thread.is_alive() else True

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            method, args = job
            if method == "__flush__":
                args[0].set()
                continue
            try:
                result = getattr(self.recorder, method)(*args)
            except Exception as e:  # the writer must outlive any one failure
                log.warning("recording %s failed: %s", method, e, exc_info=not isinstance(e, sqlite3.Error))
                if self._on_error is not None:
                    self._on_error(f"Could not save listening history: {e}")
                continue
            if self._on_done is not None:
                self._on_done(method, args, result)
