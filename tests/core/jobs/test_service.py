"""The service process's supervision: closing ends it, a hung one is ended and replaced, a busy one is left."""

from __future__ import annotations

import time

import pytest

from companion.core.jobs import service as service_mod
from companion.core.jobs.operations import TasteService
from companion.core.jobs.protocol import WorkerClosed


def test_after_close_nothing_is_answered(profile, db):
    w = TasteService(profile, prefetch=False)
    pid = w.call("pid", timeout=60)
    w.close()
    assert not w.is_alive() and w.pid is None
    with pytest.raises(WorkerClosed):
        w.call("pid", timeout=5)
    import os

    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # joined: not even a zombie is left


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="hang detection reads /proc")
def test_a_hung_child_is_ended_and_its_request_answered_by_a_new_one(profile, db, listened, monkeypatch):
    """A child that stops answering and computing (here: stopped by a signal) no longer leaves the window
    waiting for ever: it is ended after HUNG_AFTER_S and the request is sent to a new child."""
    import os
    import signal

    monkeypatch.setattr(service_mod, "HUNG_CHECK_S", 0.1)
    monkeypatch.setattr(service_mod, "HUNG_AFTER_S", 1.0)
    w = TasteService(profile)
    try:
        w.call("pid", timeout=60)
        first = w.pid
        os.kill(first, signal.SIGSTOP)
        started = time.monotonic()
        rows, _played, _liked = w.submit("home").result(timeout=60)
        assert rows and w.pid != first and w.restarts == 1
        assert 1.0 <= time.monotonic() - started < 30
    finally:
        w.close()


def test_a_busy_child_is_not_taken_for_a_hung_one(monkeypatch):
    """The watch only ends a child that used no CPU: one that computes is left to finish."""
    import os

    monkeypatch.setattr(service_mod, "HUNG_AFTER_S", 0.05)
    watch = service_mod._HangWatch(os.getpid())
    assert not watch.hung(True)  # first look: nothing to compare with
    deadline = time.monotonic() + 0.2
    while time.monotonic() < deadline:  # this process computes meanwhile
        sum(range(10_000))
    assert not watch.hung(True)
    assert not watch.hung(False)  # nothing waited on: never hung
    dead = service_mod._HangWatch(2**22 + 12345)  # no such process: cannot tell, so never hung
    assert not dead.hung(True) and not dead.hung(True)
