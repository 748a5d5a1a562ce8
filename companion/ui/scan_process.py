"""Scanning in a child process, so the window's interpreter stays free while thousands of files are read.

A scan in a thread of the window's own process competes with the UI thread for
Python's interpreter lock (tag parsing, batch writes, the worker pool's result
threads), which shows as stutter. Here the library scanner runs in a spawned process
and sends its progress through a queue; the thread in the window only waits on it.
"""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_mod
from collections.abc import Iterator
from typing import Any

from companion.core.paths import Profile

POLL_S = 0.2
SCAN_NICENESS = 10


def _child(profile: Profile, folders: list[str] | None, out: Any, cancel: Any) -> None:
    import contextlib
    import os

    from companion.core.library.scan import scan
    from companion.core.store import Store

    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(SCAN_NICENESS)   # the window (and whatever plays) comes first; its readers inherit this
    store = Store(profile)
    try:
        for step in scan(store, profile, folders, cancel=cancel.is_set):
            out.put(step)
    except BaseException as e:  # one clear line travels back; the window shows it
        out.put(("error", f"{e.__class__.__name__}: {e}" if not str(e) else str(e)))
    finally:
        store.close_all()
        out.put(("end", None))


def scan_in_process(profile: Profile, folders: list[str] | None, cancel: Any = None) -> Iterator[Any]:
    """Yield the scanner's ``ScanProgress`` values and its ``ScanSummary``, from a child process."""
    from companion.core.errors import CompanionError

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    stop = ctx.Event()
    proc = ctx.Process(target=_child, args=(profile, folders, out, stop), name="companion-scan")
    proc.start()
    try:
        while True:
            if cancel is not None and cancel.is_set():
                stop.set()
            try:
                step = out.get(timeout=POLL_S)
            except queue_mod.Empty:
                if not proc.is_alive() and out.empty():
                    raise CompanionError("the scan stopped unexpectedly") from None
                continue
            if isinstance(step, tuple) and step and step[0] == "end":
                break
            if isinstance(step, tuple) and step and step[0] == "error":
                raise CompanionError(str(step[1]))
            yield step
    finally:
        stop.set()
        proc.join(timeout=30)
        if proc.is_alive():
            proc.terminate()
            proc.join(timeout=5)
