"""Ctrl+C (SIGINT) and SIGTERM close the window as Ctrl+Q does: state saved, events written, exit 0.

Qt's event loop runs in C++, so a Python signal handler would only run the next time some Python code
does. Python's wakeup descriptor wakes the loop instead: the C-level handler writes a byte to a pipe,
a ``QSocketNotifier`` on the other end runs Python, and Python runs the handler, which asks the window
to quit from the event loop.

Ctrl+C in a terminal goes to every process of the foreground group, the window's helpers too; they keep
SIGINT blocked (``companion.core.jobs.sigint_block``, done before any helper starts, and again here).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from companion.core.jobs.sigint_block import block_sigint_for_helpers, unblock_sigint

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitOnSignals(QObject):
    """Installed before the window is made; ``target`` (the window's quit) is set once it exists. A
    signal that comes before that is kept and acted on as soon as the target is set."""

    def __init__(self) -> None:
        super().__init__()
        self._pid = os.getpid()
        self._target: Callable[[], None] | None = None
        self.received: int | None = None  # the signal that asked to quit
        self._read, self._write = os.pipe()
        for fd in (self._read, self._write):
            os.set_blocking(fd, False)
        self._notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {sig: signal.signal(sig, self._handle) for sig in SIGNALS}
        self._previous_fd = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        block_sigint_for_helpers()  # already done when the window's process started its helpers early
        os.register_at_fork(after_in_child=_forget_in_child)

    def set_target(self, quit_window: Callable[[], None]) -> None:
        self._target = quit_window
        if self.received is not None:
            QTimer.singleShot(0, quit_window)

    def _handle(self, signum: int, _frame) -> None:
        if os.getpid() != self._pid:  # a forked helper: end as the signal means to
            _forget_in_child()
            os.kill(os.getpid(), signum)
            return
        first = self.received is None
        self.received = signum
        if first and self._target is not None:
            QTimer.singleShot(0, self._target)

    def _drain(self) -> None:  # Python ran (and so did the handler): empty the pipe
        try:
            while os.read(self._read, 512):
                pass
        except OSError:  # empty (EAGAIN) or closed
            pass

    def close(self) -> None:
        """Signals as they were (the window is gone: a second Ctrl+C ends the process at once)."""
        signal.set_wakeup_fd(self._previous_fd)
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        unblock_sigint()
        self._notifier.setEnabled(False)
        os.close(self._read)
        os.close(self._write)


def _forget_in_child() -> None:
    """In a process forked from the window: the default signal handling, no wakeup pipe of the window's
    (SIGINT stays blocked: Ctrl+C is for the window, which ends its helpers)."""
    try:
        signal.set_wakeup_fd(-1)
        for sig in SIGNALS:
            signal.signal(sig, signal.SIG_DFL)
    except ValueError:  # not the child's main thread
        pass
