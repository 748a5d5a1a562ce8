"""Ctrl+C and SIGTERM ask the window to quit (ui/quit_signals.py): from Qt's event loop, once; a signal that
comes before the window exists is kept until it does; closing puts the signals back as they were."""

from __future__ import annotations

import os
import signal

import pytest

from companion.ui.quit_signals import QuitOnSignals

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def test_a_signal_before_the_window_is_kept_then_acted_on_once(qtbot):
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    quits: list[int] = []
    q = QuitOnSignals()
    try:
        os.kill(os.getpid(), signal.SIGTERM)  # no window yet
        qtbot.waitUntil(lambda: q.received == signal.SIGTERM, timeout=3_000)
        q.set_target(lambda: quits.append(1))
        qtbot.waitUntil(lambda: quits == [1], timeout=3_000)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C: the window is already quitting
        qtbot.waitUntil(lambda: q.received == signal.SIGINT, timeout=3_000)
        qtbot.wait(50)
        assert quits == [1], "asked once"
    finally:
        q.close()
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def test_a_signal_after_the_window_exists_quits_from_the_event_loop(qtbot):
    quits: list[int] = []
    q = QuitOnSignals()
    try:
        q.set_target(lambda: quits.append(1))
        assert quits == []
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: quits == [1], timeout=3_000)
        assert q.received == signal.SIGINT
    finally:
        q.close()
