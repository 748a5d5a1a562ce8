"""The taste worker process: the same answers as in process, errors come back, the last home is kept."""

from __future__ import annotations

import time

import pytest

from companion.core.taste.home import build_home, forget_state
from companion.core.taste.worker import (
    LAST_HOME_FILE,
    TasteWorker,
    WorkerClosed,
    badges,
    load_last_home,
    refit_coming,
    save_last_home,
)


@pytest.fixture
def worker(profile, db, listened):
    w = TasteWorker(profile)
    yield w
    w.close()


def _cards(rows):
    return [(r.id, [i.item_id for i in r.items]) for r in rows]


def test_the_child_answers_what_the_engine_says_in_process(worker, profile, db):
    rows, played, liked = worker.call("home", timeout=120)
    forget_state()
    assert _cards(rows) == _cards(build_home(db, profile))
    assert (played, liked) == badges(db)
    row = worker.call("row", rows[0].id, timeout=60)
    assert row is not None and row.id == rows[0].id
    assert worker.call("row", "no-such-row", timeout=60) is None
    found = worker.call("search", "jazz", 10, timeout=60)
    assert found.query == "jazz"


def test_errors_travel_back_and_the_child_keeps_serving(worker):
    fut = worker.submit("search")  # missing argument: a TypeError in the child
    with pytest.raises(TypeError):
        fut.result(timeout=60)
    assert worker.call("pid", timeout=60) == worker.pid
    with pytest.raises(ValueError):
        worker.submit("no such operation")


def test_the_home_is_kept_for_the_next_start(worker, profile):
    rows, _p, _l = worker.call("home", timeout=120)
    deadline = time.monotonic() + 10
    while not (profile.model_dir / LAST_HOME_FILE).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    kept = load_last_home(profile.model_dir)
    assert kept is not None and _cards(kept[0]) == _cards(rows)


def test_a_damaged_or_old_last_home_is_ignored(profile):
    assert load_last_home(profile.model_dir) is None
    profile.model_dir.mkdir(parents=True, exist_ok=True)
    (profile.model_dir / LAST_HOME_FILE).write_bytes(b"not a pickle")
    assert load_last_home(profile.model_dir) is None
    save_last_home(profile.model_dir, ([], frozenset(), {}))  # an empty home is not worth keeping
    assert (profile.model_dir / LAST_HOME_FILE).read_bytes() == b"not a pickle"


def test_after_close_nothing_is_answered(profile, db):
    w = TasteWorker(profile, prefetch=False)
    pid = w.call("pid", timeout=60)
    w.close()
    assert not w.is_alive() and w.pid is None
    with pytest.raises(WorkerClosed):
        w.call("pid", timeout=5)
    import os

    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # joined: not even a zombie is left


def test_a_refit_is_coming_without_a_model_for_this_library(profile, db, listened):
    assert refit_coming(db, profile.model_dir)  # nothing fitted yet
    w = TasteWorker(profile, prefetch=False)
    try:
        w.call("home", timeout=120)
    finally:
        w.close()
    assert not refit_coming(db, profile.model_dir)  # fitted for this library
    with db:
        db.execute("UPDATE items SET updated_at = updated_at + 1 WHERE id = (SELECT min(id) FROM items)")
    assert refit_coming(db, profile.model_dir)  # the library changed since


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="hang detection reads /proc")
def test_a_hung_child_is_ended_and_its_request_answered_by_a_new_one(profile, db, listened, monkeypatch):
    """A child that stops answering and computing (here: stopped by a signal) no longer leaves the window
    waiting for ever: it is ended after HUNG_AFTER_S and the request is sent to a new child."""
    import os
    import signal

    from companion.core.taste import worker as worker_mod

    monkeypatch.setattr(worker_mod, "HUNG_CHECK_S", 0.1)
    monkeypatch.setattr(worker_mod, "HUNG_AFTER_S", 1.0)
    w = TasteWorker(profile)
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

    from companion.core.taste import worker as worker_mod

    monkeypatch.setattr(worker_mod, "HUNG_AFTER_S", 0.05)
    watch = worker_mod._HangWatch(os.getpid())
    assert not watch.hung(True)  # first look: nothing to compare with
    deadline = time.monotonic() + 0.2
    while time.monotonic() < deadline:  # this process computes meanwhile
        sum(range(10_000))
    assert not watch.hung(True)
    assert not watch.hung(False)  # nothing waited on: never hung
    dead = worker_mod._HangWatch(2**22 + 12345)  # no such process: cannot tell, so never hung
    assert not dead.hung(True) and not dead.hung(True)


def test_whether_the_first_home_needs_a_fit_is_decided_before_the_child_fits(profile, db, listened):
    """The window paints the last session's home when a refit is coming; that must be known before the
    child (whose fit of a small library takes well under a second) has made the new model."""
    first = TasteWorker(profile)
    try:
        assert first.refit_at_start  # nothing fitted yet
        first.call("home", timeout=120)  # fits and keeps the model
    finally:
        first.close()
    again = TasteWorker(profile)
    try:
        assert not again.refit_at_start  # the model fits this library
    finally:
        again.close()
    with db:
        db.execute("UPDATE items SET updated_at = updated_at + 5 WHERE id = (SELECT min(id) FROM items)")
    changed = TasteWorker(profile)
    try:
        changed.call("home", timeout=120)  # the child has refitted by now ...
        assert changed.refit_at_start  # ... and the answer given at the start still stands
        assert not refit_coming(db, profile.model_dir)
    finally:
        changed.close()
