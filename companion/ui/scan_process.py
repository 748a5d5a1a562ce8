"""Long background jobs (scans, sound analysis) in a child process, so the window's interpreter stays free.

A job in a thread of the window's own process competes with the UI thread for Python's
interpreter lock (tag parsing, batch writes, decoding, a worker pool's result threads),
which shows as stutter. Here the job's generator runs in a spawned, lower-priority process
and sends what it yields through a queue; the thread in the window only waits on it.
"""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_mod
import time
from collections.abc import Callable, Iterator
from typing import Any

from companion.core.paths import Profile

POLL_S = 0.2
CHILD_NICENESS = 10
STOP_GRACE_S = 3.0  # after a cancel, how long the child may take to wind down before it is ended


def scan_steps(profile: Profile, folders: list[str] | None, stop: Any) -> Iterator[Any]:
    """The library scanner's progress (runs in the child)."""
    from companion.core.library.scan import scan
    from companion.core.store import Store

    store = Store(profile)
    try:
        yield from scan(store, profile, folders, cancel=stop.is_set)
    finally:
        store.close_all()


def analysis_steps(profile: Profile, stop: Any) -> Iterator[Any]:
    """Sound analysis of what is not analysed yet (runs in the child)."""
    from companion.core.analysis.runner import analyze_pending

    yield from analyze_pending(profile, cancel=stop.is_set)


def _child(job: Callable[..., Iterator[Any]], args: tuple, out: Any, stop: Any) -> None:
    import contextlib
    import os

    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(
                CHILD_NICENESS
            )  # the window (and whatever plays) comes first; its own workers inherit this
    try:
        for step in job(*args, stop):
            out.put(step)
    except BaseException as e:  # one clear line travels back; the window shows it
        out.put(("error", str(e) or e.__class__.__name__))
    finally:
        out.put(("end", None))


def steps_in_child(job: Callable[..., Iterator[Any]], *args: Any, cancel: Any = None) -> Iterator[Any]:
    """Yield what ``job(*args, stop_event)`` yields, computed in a child process; ``cancel`` stops it."""
    from companion.core.errors import CompanionError

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    stop = ctx.Event()
    proc = ctx.Process(target=_child, args=(job, args, out, stop), name=f"companion-{job.__name__}")
    proc.start()
    stopping_since: float | None = None
    try:
        while True:
            if cancel is not None and cancel.is_set() and stopping_since is None:
                stop.set()
                stopping_since = time.monotonic()
            if stopping_since is not None and time.monotonic() - stopping_since > STOP_GRACE_S:
                break  # asked to stop and still busy: the finally below ends it
            try:
                step = out.get(timeout=POLL_S)
            except queue_mod.Empty:
                if not proc.is_alive():
                    if stopping_since is not None:
                        break
                    raise CompanionError("a background job stopped unexpectedly") from None
                continue
            if isinstance(step, tuple) and step and step[0] == "end":
                break
            if isinstance(step, tuple) and step and step[0] == "error":
                if stopping_since is not None:
                    break
                raise CompanionError(str(step[1]))
            if stopping_since is None:
                yield step
    finally:
        stop.set()
        proc.join(timeout=STOP_GRACE_S if stopping_since is not None else 30)
        if proc.is_alive():
            proc.terminate()  # its own workers see their parent go and stop
            proc.join(timeout=5)


def scan_in_process(profile: Profile, folders: list[str] | None, cancel: Any = None) -> Iterator[Any]:
    """Yield the scanner's ``ScanProgress`` values and its ``ScanSummary``, from a child process."""
    yield from steps_in_child(scan_steps, profile, folders, cancel=cancel)


def analysis_in_process(profile: Profile, cancel: Any = None) -> Iterator[Any]:
    yield from steps_in_child(analysis_steps, profile, cancel=cancel)
