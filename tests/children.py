"""The test process's child processes: found through ``/proc``, ended when a test leaves them or times out.

Why it matters: an xdist worker talks to the controller through a pipe, and a process forked from the
worker holds that pipe too. When pytest-timeout ends a stuck worker (``os._exit``), a child still
holding the pipe keeps the controller waiting for a worker that is gone: the whole run hangs at 99%.
So a test's leftover children are ended after it, and every child is ended before a timeout exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path

import pytest

# Started once per process by multiprocessing and kept for the next use, on purpose: not a leftover.
KEPT = (b"multiprocessing.forkserver", b"multiprocessing.resource_tracker")


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


def leftovers(before: set[int]) -> set[int]:
    """Children started since ``before`` and still running, multiprocessing's own helpers (and what they
    started for a pool that is still open) aside."""
    now = descendants()
    kept = {pid for pid in now if _kept(pid)}
    under_kept = set().union(*(descendants(pid) for pid in kept)) if kept else set()
    return now - before - kept - under_kept


def set_timer(item: pytest.Item, settings) -> bool:
    """pytest-timeout's thread method, with every child ended before the worker exits (see the top)."""
    from pytest_timeout import timeout_timer

    def expire() -> None:
        end(descendants())
        timeout_timer(item, settings)  # dumps the stacks, then os._exit(1)

    timer = threading.Timer(settings.timeout, expire)
    timer.name = f"pytest_timeout {item.nodeid}"

    def cancel() -> None:
        timer.cancel()
        timer.join()

    item.cancel_timeout = cancel
    timer.start()
    return True
