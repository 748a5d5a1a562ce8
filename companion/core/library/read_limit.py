"""The time limit on reading one file: a file that takes longer (a hung drive, a file that never ends) is a
failure and the scan goes on. A pool's worker checks it on a steady SIGALRM tick (:func:`start_ticking`:
no timer to set and clear for every file); elsewhere each file sets its own timer. POSIX main thread
only (where the scan's workers run); elsewhere there is no limit."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

READ_LIMIT_S = 60.0  # one file may take this long; then it is a failure and the scan goes on
TICK_S = 1.0  # a worker checks the limit this often (so a file is stopped within 60-61 s)


class TookTooLong(BaseException):
    """Raised by the timer inside a parser; a BaseException so no parser's ``except Exception`` eats it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise TookTooLong()


def _on_tick(signum: int, frame: Any) -> None:
    deadline = _deadline
    if deadline is not None and time.monotonic() >= deadline:
        raise TookTooLong()


def arm(seconds: float) -> Any:
    """Start the limit for one file; returns what :func:`disarm` needs (False when there is no limit here)."""
    global _deadline
    if _ticking:
        _deadline = time.monotonic() + seconds
        return _TICK
    if not _CAN_TIME or threading.current_thread() is not threading.main_thread():
        return False
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous


def disarm(previous: Any) -> None:
    global _deadline
    if previous is _TICK:  # a worker's tick goes on; only the file's deadline ends
        _deadline = None
    elif previous is not False:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if previous is not None:
            signal.signal(signal.SIGALRM, previous)


_CAN_TIME = hasattr(signal, "setitimer")
_TICK = object()
_ticking = False  # this worker process checks the limit on a steady SIGALRM tick
_deadline: float | None = None  # ... against this (monotonic) time, while a file is being read


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (POSIX, main thread: where scan workers run); else no limit."""
    previous = arm(seconds)
    try:
        yield
    finally:
        disarm(previous)


def start_ticking() -> None:
    """This process is a pool's worker: check the limit on a steady tick from now on."""
    global _ticking
    if _CAN_TIME and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGALRM, _on_tick)
        tick = min(TICK_S, READ_LIMIT_S / 4)
        signal.setitimer(signal.ITIMER_REAL, tick, tick)
        _ticking = True
