"""A job (a scan, sound analysis, a history import) in a child process, with its progress and a cancel.

A job is a generator function ``steps(*args, stop)`` that yields picklable progress values and stops
soon after ``stop`` (an Event) is set. ``in_child(steps, *args, cancel=...)`` runs it in a spawned,
lower-priority process and yields here what it yields; ``cancel`` (an Event or a callable) asks it to
stop, and a job that has not wound down ``STOP_GRACE_S`` later is ended. The window hands such a
generator to ``TaskRunner.run_generator`` (``companion.ui.tasks``), which brings each value to the UI
thread; the command line runs the same work in its own process.

Why a process: a job in a thread of the window's process competes with the UI thread for Python's
interpreter lock (tag parsing, batch writes, decoding, a worker pool's result threads), which shows as
stutter; here the thread in the window only waits. Progress travels over a pipe written by the job's
own thread (no queue feeder thread: the job's process stays single-threaded, so the scan's pool can fork
its readers instead of starting a fork server). A value arrives as soon as it is sent; a cancel is
noticed within ``CANCEL_CHECK_S``.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait
from typing import Any

from companion.core.errors import CompanionError
from companion.core.jobs.process_start import helper_context
from companion.core.paths import Profile, keep_private

CANCEL_CHECK_S = 0.2
CHILD_NICENESS = 10  # the window (and whatever plays) comes first; the job's own workers inherit this
STOP_GRACE_S = 3.0  # after a cancel, how long the job may take to wind down before it is ended
END_GRACE_S = 30.0  # after its last value, how long the job's process may take to exit

Steps = Callable[..., Iterator[Any]]
Cancel = threading.Event | Callable[[], bool] | None


# --- the jobs ----------------------------------------------------------------------------------------
def scan_steps(profile: Profile, folders: list[str] | None, stop: Any) -> Iterator[Any]:
    """The library scanner's ``ScanProgress`` values and, last, its ``ScanSummary``."""
    # loaded in the job's process only
    from companion.core.jobs.scan import scan
    from companion.core.store import Store

    store = Store(profile)
    try:
        yield from scan(store, profile, folders, cancel=stop.is_set)
    finally:
        store.close_all()


def analysis_steps(profile: Profile, stop: Any) -> Iterator[Any]:
    """Sound analysis of what is not analysed yet: ``AnalysisProgress`` values."""
    # loaded in the job's process only
    from companion.core.jobs.analysis import analyze_pending

    yield from analyze_pending(profile, cancel=stop.is_set)


def import_steps(profile: Profile, paths: list[str], netflix_profile: str | None, stop: Any) -> Iterator[Any]:
    """``ImportProgress`` steps of importing history files; stops between two steps (what was imported
    is kept: importing the same file again adds only the rest)."""
    # loaded in the job's process only
    from companion.core.db import open_profile_db
    from companion.core.importers.run import iter_import_history

    conn = open_profile_db(profile)
    steps = iter_import_history(conn, paths, netflix_profile)
    try:
        for step in steps:
            yield step
            if stop.is_set():
                break
    finally:
        steps.close()
        conn.close()


def scan_in_process(profile: Profile, folders: list[str] | None, cancel: Cancel = None) -> Iterator[Any]:
    return in_child(scan_steps, profile, folders, cancel=cancel)


def analysis_in_process(profile: Profile, cancel: Cancel = None) -> Iterator[Any]:
    return in_child(analysis_steps, profile, cancel=cancel)


def import_in_process(
    profile: Profile, paths: Iterable[str], netflix_profile: str | None = None, cancel: Cancel = None
) -> Iterator[Any]:
    return in_child(import_steps, profile, list(paths), netflix_profile, cancel=cancel)


def last(values: Iterable[Any]) -> Any:
    """The last value a job yields (a scan's ``ScanSummary``), None when it yields nothing."""
    value = None
    for value in values:  # noqa: B007 (the last one is the point)
        pass
    return value


# --- running one in a child process ------------------------------------------------------------------
def _child(steps: Steps, args: tuple[Any, ...], out: Any, stop: Any) -> None:
    keep_private()  # what the job writes is the owner's, however it was started (process_start.py)
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(CHILD_NICENESS)
    try:
        for step in steps(*args, stop):
            out.send(("step", step))
    except BaseException as e:  # one clear line travels back; the window shows it
        with contextlib.suppress(OSError, ValueError):
            out.send(("error", str(e) or e.__class__.__name__))
    finally:
        with contextlib.suppress(OSError, ValueError):
            out.send(("end", None))
        out.close()


def _cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def in_child(steps: Steps, *args: Any, cancel: Cancel = None) -> Iterator[Any]:
    """Yield what ``steps(*args, stop_event)`` yields, computed in a child process; ``cancel`` stops it
    (then nothing more is yielded). A job that fails raises ``CompanionError`` with its one line."""
    ctx = helper_context()
    mine, theirs = ctx.Pipe(duplex=False)
    stop = ctx.Event()
    proc = ctx.Process(target=_child, args=(steps, args, theirs, stop), name=f"companion-{steps.__name__}")
    proc.start()
    theirs.close()
    stopping_since: float | None = None
    ended = False
    try:
        while True:
            if stopping_since is None and _cancelled(cancel):
                stop.set()
                stopping_since = time.monotonic()
            if stopping_since is not None and time.monotonic() - stopping_since > STOP_GRACE_S:
                break  # asked to stop and still busy: the finally below ends it
            ready = wait([mine, proc.sentinel], timeout=CANCEL_CHECK_S)
            if not ready:
                continue
            if not mine.poll():  # the process ended without a last word
                if stopping_since is not None:
                    break
                raise CompanionError("a background job stopped unexpectedly")
            try:
                kind, value = mine.recv()
            except EOFError:  # its end of the pipe closed without a last word
                if stopping_since is not None:
                    break
                raise CompanionError("a background job stopped unexpectedly") from None
            if kind == "end":
                ended = True
                break
            if kind == "error":
                if stopping_since is not None:
                    break
                raise CompanionError(str(value))
            if stopping_since is None:
                yield value
    finally:
        stop.set()
        _wind_down(proc, mine, END_GRACE_S if ended else STOP_GRACE_S)


def _wind_down(proc: Any, conn: Any, grace_s: float) -> None:
    """Let the job's process exit (reading what it still sends, so it never blocks on a full pipe); end it
    when it takes longer than ``grace_s`` (its own workers see their parent go and stop)."""
    deadline = time.monotonic() + grace_s
    while proc.is_alive() and time.monotonic() < deadline:
        ready = wait([conn, proc.sentinel], timeout=max(0.0, deadline - time.monotonic()))
        if conn in ready:
            try:
                conn.recv()
            except (EOFError, OSError):
                proc.join(max(0.0, deadline - time.monotonic()))
    if proc.is_alive():
        proc.terminate()
        proc.join(timeout=5)
    conn.close()
