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


def _children_files_exist() -> bool:
    """Does this kernel list each thread's children in ``/proc/PID/task/TID/children`` (Linux 3.5 and
    later, with CONFIG_PROC_CHILDREN)?"""
    return os.path.exists(f"/proc/{os.getpid()}/task/{os.getpid()}/children")


def _children(pid: int) -> list[int]:
    """``pid``'s children as its threads' ``children`` files list them (the kernel may miss a child forked or
    reaped during the read: such a child is starting or ending at that moment, not left running)."""
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []  # gone meanwhile
    found: list[int] = []
    for tid in threads:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as f:
                found += [int(kid) for kid in f.read().split()]
        except (OSError, ValueError):
            continue  # the thread ended meanwhile
    return found


def _scan_proc() -> dict[int, list[int]]:
    """Every process's children, from every process's ``/proc/PID/stat`` (where there are no children
    files: a few ms per call, with a few hundred processes on the machine)."""
    kids: dict[int, list[int]] = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return kids
    for entry in entries:
        found = _parent_and_state(entry)
        if found:
            kids.setdefault(found[0], []).append(int(entry))
    return kids


_FAST = _children_files_exist()


def descendants(root: int | None = None) -> set[int]:
    """Every live (not zombie) process below ``root`` (this process by default); empty where there is no
    ``/proc`` (the tests then run as before, without the clean-up). It runs twice per test: read from the
    children files where the kernel has them (some 0.05 ms, against 3 ms or more to read every process's
    ``stat``: 10-20 CPU s over the suite)."""
    root = os.getpid() if root is None else root
    table = None if _FAST else _scan_proc()
    below, todo = set(), [root]
    while todo:
        pid = todo.pop()
        for kid in _children(pid) if table is None else table.get(pid, []):
            if kid not in below:
                below.add(kid)
                todo.append(kid)
    return {pid for pid in below if _alive(pid)}


def _alive(pid: int) -> bool:
    """Still there and not a zombie (ended, waiting for its parent to read its exit status)."""
    found = _parent_and_state(str(pid))
    return found is not None and found[1] != b"Z"


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
