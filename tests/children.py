"""The test process's child processes: found through ``/proc``, ended when a test leaves them or times out.

Why it matters: an xdist worker talks to the controller through a pipe, and a process forked from the
worker holds that pipe too. When pytest-timeout ends a stuck worker (``os._exit``), a child still
holding the pipe keeps the controller waiting for a worker that is gone: the whole run hangs at 99%.
So a test's leftover children are ended after it, and every child is ended before a timeout exits.

pytest-timeout's timer is a Python thread: it needs the GIL. A worker deadlocked with the GIL held (seen in
a full run: the main thread in ``QMediaPlayer.setVideoOutput`` waiting on a Qt mutex that Qt's FFmpeg audio
thread holds while it waits for the GIL to call into Python) never times out, and the run hangs at 99%
with that worker alive and silent. So each test also arms faulthandler's watchdog, a C thread that needs no
GIL: 30 s after pytest-timeout should have acted it writes every thread's stack to
``$TMPDIR/companion-test-stacks-<pid>.txt`` (the test's own stderr is captured and lost on exit) and exits
the worker.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import os
import signal
import tempfile
import threading
from pathlib import Path

import pytest

# Started once per process by multiprocessing and kept for the next use, on purpose: not a leftover.
KEPT = (b"multiprocessing.forkserver", b"multiprocessing.resource_tracker")
BACKSTOP_S = 30  # faulthandler's exit, this long after pytest-timeout's (see the top)


def _parent_and_state(pid: str) -> tuple[int, bytes] | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
        return int(fields[1]), fields[0]
    except (OSError, IndexError, ValueError):
        return None  # gone meanwhile


def descendants(root: int | None = None) -> set[int]:
    """Every live (not zombie) process below ``root`` (this process by default); empty where there is no
    ``/proc`` (the tests then run as before, without the clean-up)."""
    root = os.getpid() if root is None else root
    kids: dict[int, list[int]] = {}
    state: dict[int, bytes] = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return set()
    for entry in entries:
        found = _parent_and_state(entry)
        if found:
            kids.setdefault(found[0], []).append(int(entry))
            state[int(entry)] = found[1]
    below, todo = set(), [root]
    while todo:
        for kid in kids.get(todo.pop(), ()):
            below.add(kid)
            todo.append(kid)
    return {pid for pid in below if state.get(pid) != b"Z"}


def _kept(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return any(name in command for name in KEPT)


def end(pids: set[int]) -> None:
    """SIGKILL each one (a stuck child ignores gentler signals; its test is over)."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


_session_children: set[int] = set()


def keep(pid: int) -> None:
    """A child a session fixture started to outlive the test that is running (the benchmark smoke runs)."""
    _session_children.add(pid)


def leftovers(before: set[int]) -> set[int]:
    """Children started since ``before`` and still running, multiprocessing's own helpers (and what they
    started for a pool that is still open) and the session's own children (:func:`keep`) aside."""
    now = descendants()
    kept = {pid for pid in now if _kept(pid) or pid in _session_children}
    under_kept = set().union(*(descendants(pid) for pid in kept)) if kept else set()
    return now - before - kept - under_kept


_stacks: list = []


def _stacks_file():
    """Where the watchdog writes, opened once per process (it must stay open while armed)."""
    if not _stacks:
        path = Path(tempfile.gettempdir()) / f"companion-test-stacks-{os.getpid()}.txt"
        _stacks.append(path.open("w", encoding="utf-8"))
        atexit.register(lambda: path.stat().st_size or path.unlink())  # kept only when written to
    return _stacks[0]


def set_timer(item: pytest.Item, settings) -> bool:
    """pytest-timeout's thread method, with every child ended before the worker exits (see the top)."""
    from pytest_timeout import timeout_timer

    def expire() -> None:
        end(descendants())
        timeout_timer(item, settings)  # dumps the stacks, then os._exit(1)

    timer = threading.Timer(settings.timeout, expire)
    timer.name = f"pytest_timeout {item.nodeid}"

    def cancel() -> None:
        faulthandler.cancel_dump_traceback_later()
        timer.cancel()
        timer.join()

    faulthandler.dump_traceback_later(settings.timeout + BACKSTOP_S, exit=True, file=_stacks_file())

    item.cancel_timeout = cancel
    timer.start()
    return True
