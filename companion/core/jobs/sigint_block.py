"""Ctrl+C is for the window, not its helpers: SIGINT blocked before any helper process starts.

Ctrl+C in a terminal goes to every process of the foreground group, the window's helpers too (the taste
worker, scan and analysis processes). They should not die from it one by one (tracebacks, a worker
restarted while the window quits): the window closes them in order. A blocked signal stays blocked in a
started process, so SIGINT is blocked in the window process's threads before any helper starts, except
one thread that only waits, where the kernel delivers it to Python's handler (on the main thread; the
window's is ``companion.ui.quit_signals``). Qt-free: the window's process does this before importing Qt,
so the taste worker can start at once.
"""

from __future__ import annotations

import signal
import threading

_waiter: threading.Thread | None = None
_LOCK = threading.Lock()


def block_sigint_for_helpers() -> None:
    """Block SIGINT in the calling thread (and so in every thread and process it starts from now on),
    with a waiting thread that keeps it deliverable to this process's handler. Idempotent."""
    global _waiter
    with _LOCK:
        if _waiter is None:
            _waiter = threading.Thread(target=_wait_for_sigint, name="companion-sigint", daemon=True)
            _waiter.start()  # before the block below: this thread alone keeps SIGINT deliverable
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def unblock_sigint() -> None:
    """SIGINT deliverable to the calling thread again (the window is gone)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _wait_for_sigint() -> None:
    # deliverable here even when the process started with SIGINT blocked (a parent's mask is inherited:
    # a test process that had blocked it left its children with no thread to take Ctrl+C)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Event().wait()  # never set: this thread exists so SIGINT has a thread to be delivered to
