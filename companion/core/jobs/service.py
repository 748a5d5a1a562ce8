"""A long-lived service process and the window's handle on it: start, restart, hang check, close.

Heavy, stateful work (the taste engine: its library arrays, event log and fitted model) lives in one
spawned process, so the window's interpreter never computes it: in a thread of the window it would
share the interpreter lock with the UI thread, and every frame would wait. The window only sends a
request over a pipe and, on a reader thread that waits without holding the lock, receives the small,
picklable answer (``protocol``).

- ``Service(target, args, operations, ...)`` spawns ``target(*args, conn, prefetch)``.
  ``submit(op, *args)`` returns a ``concurrent.futures.Future``; ``call(op, *args)`` waits for it.
- A process that dies (killed, crashed) is started again and the requests it had not answered are
  sent once more; after ``MAX_RESTARTS`` deaths within ``RESTART_WINDOW_S`` requests fail instead
  (``WorkerDied``); a request it died on twice fails on its own (``RequestCrashed``).
- A process that hangs (a request waiting ``HUNG_AFTER_S`` while it used no CPU; Linux, where /proc
  tells) is ended, and so handled as one that died.
- ``close()`` stops it (a request still computing is not waited for); the process also ends by itself
  when the window's process is gone (its pipe closes, and ``watch_parent`` waits for that), so a
  crashed window leaves no process behind.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable, Collection
from concurrent.futures import Future
from multiprocessing.connection import wait
from typing import Any

from companion.core.jobs.process_start import helper_context
from companion.core.jobs.protocol import GO, STOP, Reply, Request, RequestCrashed, WorkerClosed, WorkerDied

log = logging.getLogger(__name__)

MAX_RESTARTS = 3  # deaths within RESTART_WINDOW_S after which requests fail instead of restarting
RESTART_WINDOW_S = 60.0
STOP_GRACE_S = 0.5  # close(): how long a request still computing may take before the process is ended
PARENT_CHECK_S = 1.0  # where the parent cannot be waited for: how often the watchdog looks for it
HUNG_CHECK_S = 5.0  # the window's reader looks this often whether a waited-on service still works ...
HUNG_AFTER_S = 60.0  # ... and ends it after this long with requests waiting and no CPU used


def watch_parent() -> None:
    """End this process when the process that started it is gone (the window, for the service; the job,
    for a pool's worker), even in the middle of a request or a task: an orphan would live on with nobody to
    ask it. It waits on multiprocessing's parent sentinel (a pipe the parent holds open; a pool's worker
    started by a fork server has it too, where its process parent is the server); else it looks at the
    parent's pid every ``PARENT_CHECK_S``."""
    parent = mp.parent_process()
    parent_pid = os.getppid()

    def watch() -> None:
        if hasattr(signal, "pthread_sigmask"):
            # signals go to the main thread: the scan's read limit (SIGALRM) must interrupt a read there
            signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        if parent is not None and parent.sentinel is not None:
            wait([parent.sentinel])
            os._exit(0)
        while True:
            time.sleep(PARENT_CHECK_S)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="companion-watchdog", daemon=True).start()


def _cpu_ticks(pid: int) -> int | None:
    """User + system clock ticks a process has used (Linux /proc), or None where that cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


class _HangWatch:
    """Tells a process that is stuck (waited on, and using no CPU) from one that is busy: a refit of a big
    library may take minutes, but it computes all along."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.last: int | None = None
        self.still_since: float | None = None

    def hung(self, waiting: bool) -> bool:
        ticks = _cpu_ticks(self.pid) if waiting else None
        now = time.monotonic()
        if ticks is None or ticks != self.last:
            self.last, self.still_since = ticks, (now if ticks is not None else None)
            return False
        return self.still_since is not None and now - self.still_since >= HUNG_AFTER_S


class Service:
    """The window's handle on a service process: thread-safe submit, restart after a death, clean close.

    ``target`` runs in the spawned process as ``target(*args, conn, prefetch)`` and answers
    requests with ``protocol.serve``; ``operations`` names what it answers (anything else is refused
    here). ``prefetch`` is True only for the first process: it may start on its likely first request."""

    def __init__(
        self,
        target: Callable[..., None],
        args: tuple[Any, ...],
        operations: Collection[str],
        *,
        name: str,
        label: str,
        prefetch: bool = True,
    ) -> None:
        self._target, self._args, self.operations = target, args, operations
        self.name, self.label = name, label  # process name; what the log and errors call it
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pending: dict[
            int, tuple[Future[Any], str, tuple[Any, ...], int]
        ] = {}  # id -> (future, op, args, tries)
        self._closed = False
        self._deaths: list[float] = []
        self.restarts = 0
        self._proc: Any = None
        self._conn: Any = None
        self._reader: threading.Thread | None = None
        with self._lock:
            self._start(prefetch)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def is_alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def _start(self, prefetch: bool) -> None:  # under the lock
        ctx = helper_context()
        mine, theirs = ctx.Pipe(duplex=True)
        proc = ctx.Process(
            target=self._target,
            args=(*self._args, theirs, prefetch),
            name=self.name,
            daemon=True,
        )
        proc.start()
        theirs.close()
        self._proc, self._conn = proc, mine
        self._reader = threading.Thread(
            target=self._read, args=(proc, mine), name=f"{self.name}-reader", daemon=True
        )
        self._reader.start()

    def submit(self, op: str, *args: Any) -> Future[Any]:
        """Ask the service; the future holds the answer (or the error it raised)."""
        if op not in self.operations:
            raise ValueError(f"unknown {self.label} operation: {op}")
        fut: Future[Any] = Future()
        with self._lock:
            if self._closed:
                fut.set_exception(WorkerClosed(f"the {self.label} is closed"))
                return fut
            if self._proc is None:  # it died while idle: start it again now that it is needed
                if not self._may_restart():
                    fut.set_exception(WorkerDied(f"the {self.label} keeps stopping; see the log"))
                    return fut
                self._start(prefetch=False)
            rid = next(self._ids)
            self._pending[rid] = (fut, op, args, 0)
            self._send(rid, op, args)
        return fut

    def call(self, op: str, *args: Any, timeout: float | None = None) -> Any:
        return self.submit(op, *args).result(timeout)

    def _send(self, rid: int, op: str, args: tuple[Any, ...]) -> None:  # under the lock
        with contextlib.suppress(OSError, ValueError):  # the process is gone: the reader sends it again
            self._conn.send(Request(rid, op, args))

    def _read(self, proc: Any, conn: Any) -> None:
        """On its own thread: deliver answers as they come; when the process goes, restart it if needed."""
        watch = _HangWatch(proc.pid)
        while True:
            try:
                while not conn.poll(HUNG_CHECK_S):
                    with self._lock:
                        waiting = bool(self._pending) and proc is self._proc
                    if watch.hung(waiting):
                        log.warning(
                            "the %s answered nothing for %.0f s and used no CPU: ending it",
                            self.label,
                            HUNG_AFTER_S,
                        )
                        with contextlib.suppress(OSError, ValueError):
                            proc.kill()  # the pipe closes: handled below as a death (requests sent again)
                reply = Reply(*conn.recv())
            except (EOFError, OSError):
                break
            except Exception as e:  # an answer that cannot be read: fail that request, keep going
                log.warning("%s: unreadable answer: %s", self.label, e)
                continue
            with self._lock:
                entry = self._pending.pop(reply.id, None)
            if entry is not None and not entry[0].done():
                if reply.ok:
                    entry[0].set_result(reply.value)
                else:
                    entry[0].set_exception(reply.value)
        self._gone(proc, conn)

    def _may_restart(self) -> bool:  # under the lock
        now = time.monotonic()
        self._deaths = [t for t in self._deaths if now - t < RESTART_WINDOW_S]
        return len(self._deaths) <= MAX_RESTARTS

    def _gone(self, proc: Any, conn: Any) -> None:
        with self._lock:
            if self._closed or proc is not self._proc:
                return
            proc.join(timeout=2)
            log.warning("the %s stopped (exit code %s)", self.label, proc.exitcode)
            with contextlib.suppress(OSError):
                conn.close()
            self._proc = self._conn = None
            self._deaths.append(time.monotonic())
            pending, self._pending = self._pending, {}
            if not pending:
                return  # started again by the next request
            if not self._may_restart():
                for fut, *_rest in pending.values():
                    fut.set_exception(WorkerDied(f"the {self.label} keeps stopping; see the log"))
                return
            self.restarts += 1
            self._start(prefetch=False)
            for rid, (fut, op, args, tries) in pending.items():
                if tries >= 1:  # asked twice, and the process died both times: that request is the problem
                    fut.set_exception(RequestCrashed(f"the {self.label} stopped while answering {op}"))
                    continue
                self._pending[rid] = (fut, op, args, tries + 1)
                self._send(rid, op, args)

    def go(self) -> None:
        """Tell a process started before the database was open that it is (``protocol.GO``); a process
        started again later is told by its start (it may read the database at once)."""
        with self._lock:
            if self._conn is not None and not self._closed:
                with contextlib.suppress(OSError, ValueError):
                    self._conn.send(GO)

    def close(self, grace_s: float = STOP_GRACE_S) -> None:
        """Stop the process and the reader; unanswered requests fail with ``WorkerClosed``."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pending, self._pending = self._pending, {}
            proc, conn, reader = self._proc, self._conn, self._reader
            if conn is not None:
                with contextlib.suppress(OSError, ValueError):
                    conn.send(STOP)
        for fut, *_rest in pending.values():
            if not fut.done():
                fut.set_exception(WorkerClosed(f"the {self.label} is closed"))
        if proc is not None:
            proc.join(grace_s)
            if proc.is_alive():
                proc.terminate()  # still computing: nothing it does is lost (its caches are rebuilt)
                proc.join(3)
            if proc.is_alive():
                proc.kill()
                proc.join(3)
        if reader is not None and reader is not threading.current_thread():
            reader.join(3)
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()
        if proc is not None:
            with contextlib.suppress(ValueError):
                proc.close()
        with self._lock:
            self._proc = self._conn = None
