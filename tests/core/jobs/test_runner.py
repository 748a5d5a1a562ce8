"""Jobs in a child process: values arrive as sent, errors and deaths come back as one line, cancel and
closing end the process promptly; the scan, analysis and import jobs run there for real."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from companion.core.errors import CompanionError
from companion.core.jobs import runner
from companion.core.jobs.runner import (
    analysis_in_process,
    import_in_process,
    in_child,
    last,
    scan_in_process,
)
from companion.core.library.progress import ScanSummary
from tests.core.importers.library import add_item, events


def _count(n: int, stop) -> object:
    for i in range(n):
        if stop.is_set():
            return
        yield i


def _fails(stop) -> object:
    yield "first"
    raise ValueError("the file says no")


def _dies(stop) -> object:
    yield "first"
    os._exit(3)


def _chatters(stop) -> object:
    """Sends far more than a pipe holds, and ignores stop: only being ended stops it."""
    while True:
        yield "x" * 10_000


def _threads_and_pool(stop) -> object:
    from companion.core.jobs import pool

    yield threading.active_count(), pool._start_method()


def _sleeps(stop) -> object:
    yield os.getpid()
    while not stop.is_set():
        time.sleep(0.05)
    yield "stopped"


def test_values_arrive_in_order():
    assert list(in_child(_count, 5)) == [0, 1, 2, 3, 4]


def test_a_failing_job_raises_its_one_line_and_a_dead_one_says_so():
    got = []
    with pytest.raises(CompanionError, match="the file says no"):
        got.extend(in_child(_fails))
    assert got == ["first"]
    with pytest.raises(CompanionError, match="stopped unexpectedly"):
        list(in_child(_dies))


def test_cancel_stops_the_job_and_nothing_more_arrives():
    cancel = threading.Event()
    got = []
    for value in in_child(_sleeps, cancel=cancel):
        got.append(value)
        cancel.set()
    pid = got[0]
    assert got == [pid]  # its "stopped" came after the cancel: not delivered
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended and reaped


def test_closing_early_ends_a_job_that_keeps_sending(monkeypatch):
    """The consumer stops reading (the window closed the generator): the job is ended after its grace,
    and never blocks on a full pipe meanwhile. A grace of 0.5 s: the job sends (and the reader drains) all
    through it, both processes busy."""
    monkeypatch.setattr(runner, "STOP_GRACE_S", 0.5)
    values = in_child(_chatters)
    assert len(next(values)) == 10_000
    started = time.monotonic()
    values.close()
    assert time.monotonic() - started < 0.5 + 5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is the Linux start method")
def test_the_job_process_has_one_thread_so_the_pool_forks():
    (threads, method), *_ = in_child(_threads_and_pool)
    assert threads == 1 and method == "fork"


def test_last_is_the_summary():
    assert last(iter([1, 2, 3])) == 3 and last(iter([])) is None


def test_a_scan_runs_in_a_job_process(tmp_path, profile, db, make_audio):
    root = tmp_path / "music"
    for i in range(3):
        make_audio(root / "Artist" / "Album" / f"{i:02d} Song.mp3")
    summary = last(scan_in_process(profile, [str(root)]))
    assert isinstance(summary, ScanSummary) and summary.added == 3
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 3


def test_an_analysis_runs_in_a_job_process(profile, db):
    steps = list(analysis_in_process(profile))
    assert steps[-1].finished and steps[-1].total == 0  # nothing to analyse in an empty library


def test_a_history_import_runs_in_a_job_process_and_stops_between_steps(tmp_path, profile, db):
    add_item(db, "/m/a.mp3", artist="A", title="Song")
    csv = tmp_path / "scrobbles.csv"
    rows = "".join(f"{1_700_000_000 + i * 300},,A,,,,Song,\n" for i in range(20))
    csv.write_text(
        "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n" + rows, encoding="utf-8"
    )
    steps = list(import_in_process(profile, [str(csv)]))
    assert steps[-1].finished and steps[-1].summary.matched == 20
    assert len(events(db)) == 20
    cancel = threading.Event()
    cancel.set()
    assert list(import_in_process(profile, [str(csv)], cancel=cancel)) == []
