"""Threads of this process: results and errors delivered, order on one thread, flush, cancel, shutdown."""

from __future__ import annotations

import threading
import time

import pytest

from companion.core.jobs import threads as threads_mod
from companion.core.jobs.threads import Threads


def test_results_and_errors_are_delivered_through_deliver():
    delivered = []
    pool = Threads(2, deliver=lambda cb, value: delivered.append((cb.__name__, value)))

    def on_done(value):  # named: deliver sees which callback it is
        pass

    def on_error(error):
        pass

    pool.run(lambda: 42, on_done, on_error).wait(5)
    boom = ValueError("no")

    def fail():
        raise boom

    pool.run(fail, on_done, on_error).wait(5)
    assert delivered == [("on_done", 42), ("on_error", boom)]
    assert pool.shutdown(5)


def test_one_thread_runs_calls_in_order_and_flush_waits_for_them():
    lane = Threads(1, name="lane")
    seen = []
    for i in range(50):
        lane.run(lambda i=i: (time.sleep(0.001), seen.append((i, threading.current_thread().name))))
    assert lane.flush(10)
    assert [i for i, _ in seen] == list(range(50))
    assert {name for _, name in seen} <= {"lane-1", "lane-2"}  # one thread at a time (a new one after idling)
    assert lane.shutdown(5)


def test_a_job_cancelled_before_it_starts_never_runs():
    lane = Threads(1)
    gate = threading.Event()
    ran = []
    lane.run(gate.wait)
    later = lane.run(lambda: ran.append(1), on_done=ran.append)
    later.cancel()
    gate.set()
    assert later.wait(5) and later.cancelled and ran == []
    assert lane.shutdown(5)


def test_a_generator_is_throttled_and_stops_on_cancel():
    got, done = [], []
    pool = Threads(1)
    stop_at = threading.Event()
    closed = threading.Event()

    def values():
        try:
            for i in range(10_000):
                if i == 5:
                    stop_at.set()
                yield i
                time.sleep(0.001)
        finally:
            closed.set()

    job = pool.run_generator(values, got.append, done.append, min_interval_s=0.05)
    assert stop_at.wait(5)
    job.cancel()
    assert job.wait(5) and closed.is_set()
    assert done == [] and 1 <= len(got) < 100  # throttled; nothing after the cancel counts as done
    finished = pool.run_generator(lambda: iter(range(3)), got.append, done.append, min_interval_s=10)
    assert finished.wait(5) and done == [3] and got[-1] == 2  # the last value is always delivered
    assert pool.shutdown(5)


def test_shutdown_drops_what_waits_unless_asked_to_finish_it():
    for cancel, expected in ((True, [0]), (False, [0, 1, 2])):
        lane = Threads(1)
        started, gate = threading.Event(), threading.Event()
        ran = []
        lane.run(lambda ran=ran, started=started, gate=gate: (started.set(), gate.wait(5), ran.append(0)))
        jobs = [lane.run(lambda i=i, ran=ran: ran.append(i)) for i in (1, 2)]
        assert started.wait(5)  # the first one runs (one not started yet would be dropped too)
        threading.Timer(0.1, gate.set).start()
        assert lane.shutdown(5, cancel=cancel)
        assert ran == expected and all(j.done for j in jobs)
        assert lane.run(lambda ran=ran: ran.append(9)).cancelled  # closed: nothing more runs
        assert ran == expected


def test_idle_threads_end_and_come_back(monkeypatch):
    monkeypatch.setattr(threads_mod, "IDLE_EXIT_S", 0.1)
    pool = Threads(2, name="idle-test")
    pool.run(lambda: None).wait(5)
    deadline = time.monotonic() + 5
    while any(t.name.startswith("idle-test") for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(t.name.startswith("idle-test") for t in threading.enumerate())
    assert pool.run(lambda: 7).wait(5)
    assert pool.wait_idle(5) and pool.active() == 0
    assert pool.shutdown(5)


def test_inline_runs_at_once_on_the_calling_thread():
    got = []
    pool = Threads(inline=True)
    pool.run(lambda: threading.current_thread(), got.append)
    assert got == [threading.current_thread()]


@pytest.mark.parametrize("max_threads", [1, 3])
def test_many_jobs_on_few_threads_all_finish(max_threads):
    pool = Threads(max_threads, name=f"many-{max_threads}")
    total = []
    lock = threading.Lock()

    def add(i):
        with lock:
            total.append(i)

    for i in range(200):
        pool.run(lambda i=i: add(i))
    assert pool.flush(10) and sorted(total) == list(range(200))
    assert sum(t.name.startswith(f"many-{max_threads}") for t in threading.enumerate()) <= max_threads
    assert pool.shutdown(5)
