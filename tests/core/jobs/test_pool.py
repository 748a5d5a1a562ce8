"""The job system's process pool: chunks by cost, costly tasks first, dead and stuck workers, isolation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.core.jobs import pool as pool_mod
from companion.core.jobs.pool import PoolBroken, Workers
from companion.core.jobs.scan import CHUNK_SECONDS_FOR, READ_COSTS

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def pool_at_once(monkeypatch):
    """Workers start for any job, however small (real jobs start them once the work is worth it)."""
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S", 0.0)
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S_NO_FORK", 0.0)


def _one_at_a_time(fn, workers: int = 1, **options) -> Workers:
    """A pool as the analysis makes it: each task a chunk of its own, one in hand per worker."""
    return Workers(fn, workers, costs={"track": 1.0}, chunk_seconds=1.0, depth=1, **options)


def _drain(w: Workers, limit_s: float = 60.0) -> list:
    started, got = time.monotonic(), []
    while w.outstanding and time.monotonic() - started < limit_s:
        got += w.results(timeout=0.2)
    return got


def _dies_on_bad(task):
    if task[0].endswith("bad"):
        os.kill(os.getpid(), 9)  # as a crash in a media library (or the system ending the process) would
    return ("ok", task[0])


def test_a_worker_that_dies_costs_its_task_not_the_job(pool_at_once):
    """Before, a dead worker took its chunk with it and the scan waited for ever."""
    tasks = [(f"/x/{i}" + ("bad" if i == 4 else ""), "music") for i in range(10)]
    started = time.monotonic()
    with Workers(_dies_on_bad, 2, lost=lambda t: ("lost", t[0])) as w:
        w.add(tasks)
        w.finish()
        got = []
        while w.outstanding and time.monotonic() - started < 60:
            got += w.results(timeout=0.2)
    assert sorted(got) == sorted(
        [("ok", t[0]) for t in tasks if not t[0].endswith("bad")] + [("lost", "/x/4bad")]
    )
    assert w.outstanding == 0


def _echo(task):
    return ("ok", task[0])


def test_tasks_added_a_folder_at_a_time_travel_in_whole_chunks(monkeypatch, pool_at_once):
    """The walk adds one folder at a time; while the workers are busy the tasks wait for a whole chunk (about
    CHUNK_SECONDS of work), and the waiting ones are not gone over again on every add (that cost the scan's
    main process a tenth of its CPU). Every task comes back once."""
    sizes: list[int] = []
    looked = {"n": 0}
    kinds = READ_COSTS

    def kind_of(task):
        looked["n"] += 1
        return task[1]

    with Workers(_echo, 2, kind_of=kind_of, costs=READ_COSTS) as w:
        real_submit = w._submit
        monkeypatch.setattr(
            w,
            "_submit",
            lambda chunk, retry=False, cost=None: sizes.append(len(chunk)) or real_submit(chunk, retry, cost),
        )
        monkeypatch.setattr(w, "_hungry", lambda: False)  # the workers are busy
        tasks = [(f"/m/{i}", "music") for i in range(5000)]
        for start in range(0, len(tasks), 10):  # 500 folders of 10 files
            w.add(tasks[start : start + 10])
        w.finish()
        got = []
        while w.outstanding:
            got += w.results(timeout=30)
    per_chunk, cost = 0, 0.0  # as many as make CHUNK_SECONDS of work (added up as the pool does)
    while per_chunk < pool_mod.CHUNK and cost < pool_mod.CHUNK_SECONDS:
        cost += kinds["music"]
        per_chunk += 1
    assert sizes[:-1] and all(n == per_chunk for n in sizes[:-1]) and sum(sizes) == 5000
    assert sorted(got) == sorted(("ok", t[0]) for t in tasks)
    assert looked["n"] < 3 * len(tasks)  # each task's cost is looked at a few times, not once per folder


def _slow_echo(task):

    time.sleep(0.001)
    return ("ok", task[0], task[1])


def test_videos_found_late_go_ahead_of_waiting_music_and_to_one_worker(monkeypatch, pool_at_once):
    """The pool holds only a few chunks a worker; what waits here is sent in order of cost, so videos found at
    the end of a walk are read early (not last, where one slow chunk would leave the other worker idle), and
    together (one worker pays PyAV's import)."""
    sent: list[tuple[str, int]] = []
    with Workers(_slow_echo, 2, costs=READ_COSTS, chunk_seconds_for=CHUNK_SECONDS_FOR) as w:
        real_submit = w._submit
        monkeypatch.setattr(
            w,
            "_submit",
            lambda chunk, retry=False, cost=None: (
                sent.append((chunk[0][1], len(chunk))) or real_submit(chunk, retry, cost)
            ),
        )
        w.add([(f"/m/{i}.flac", "music") for i in range(3000)])
        assert w._waiting, "only a few chunks a worker are in the pool; the rest waits here"
        w.add([(f"/v/{i}.mkv", "video") for i in range(40)])
        w.finish()
        got = []
        while w.outstanding:
            got += w.results(timeout=30)
    kinds = [k for k, _ in sent]
    assert kinds.count("video") == 1 and dict(sent)["video"] == 40  # one chunk: one worker
    assert kinds.index("video") < len(kinds) - 3  # ahead of the music that waited
    assert sorted(r[1] for r in got) == sorted(
        [f"/m/{i}.flac" for i in range(3000)] + [f"/v/{i}.mkv" for i in range(40)]
    )


def _stuck_on_hang(task):
    if task[0] == "hang":
        time.sleep(3600)  # a decoder that never returns (no signal reaches it either)
    return ("ok", task[0], os.getpid())


def test_a_task_stuck_past_the_time_limit_is_ended_and_the_others_run():
    tasks = [("a", "track"), ("hang", "track"), ("b", "track"), ("c", "track")]
    started = time.monotonic()
    with _one_at_a_time(
        _stuck_on_hang, isolate=True, time_limit=1.0, overdue=lambda t: ("overdue", t[0], 0)
    ) as w:
        w.add(tasks)
        w.finish()
        got = _drain(w)
    assert time.monotonic() - started < 30
    assert sorted(r[:2] for r in got) == [("ok", "a"), ("ok", "b"), ("ok", "c"), ("overdue", "hang")]
    pids = {r[2] for r in got if r[0] == "ok"}
    assert os.getpid() not in pids and len(pids) == 2, "isolated; the stuck worker was replaced"


def _dies_once(task):
    """Ends its worker the first time it sees a task (a marker file says it was tried), succeeds after."""
    marker = task[0]
    if task[2] == "always" or not os.path.exists(marker):
        open(marker, "w").close()
        os.kill(os.getpid(), 9)
    return ("ok", marker)


def test_a_task_that_ends_its_worker_alone_is_tried_once_more(tmp_path):
    """A worker can die for reasons of its own: a task alone in its chunk gets a second try, and a task that
    ends its worker twice is lost."""
    once, always = str(tmp_path / "once"), str(tmp_path / "always")
    with _one_at_a_time(_dies_once, isolate=True, lost=lambda t: ("lost", t[0])) as w:
        w.add([(once, "track", "once"), (always, "track", "always")])
        w.finish()
        got = _drain(w)
    assert sorted(got) == [("lost", always), ("ok", once)]


def _many_die(task):
    if not os.path.exists(task[0]):
        open(task[0], "w").close()
        os.kill(os.getpid(), 9)
    return ("ok", task[0])


def test_more_deaths_than_slots_are_all_seen(tmp_path, pool_at_once, monkeypatch):
    """A slot is reused once its worker is gone: the tenth death is noticed like the first (with four slots;
    forked workers inherit that)."""
    from companion.core.jobs import slots

    monkeypatch.setattr(slots, "SLOTS", 4)
    monkeypatch.setattr(pool_mod, "_start_method", lambda fork=True: "fork")
    tasks = [(str(tmp_path / f"t{i}"), "music") for i in range(10)]
    with Workers(
        _many_die, 2, costs={"music": 1.0}, chunk_seconds=1.0, depth=1, lost=lambda t: ("lost",)
    ) as w:
        w.add(tasks)
        w.finish()
        got = _drain(w, 120)
    assert sorted(got) == sorted(("ok", t[0]) for t in tasks)


def _cannot_start(_in_worker: bool) -> None:
    raise RuntimeError("a library this worker needs is missing")


def test_workers_that_cannot_start_are_given_up():
    with Workers(_echo, 2, init=_cannot_start, isolate=True, give_up_after=4) as w:
        w.add([("a", "music")])
        w.finish()
        started = time.monotonic()
        with pytest.raises(PoolBroken):
            _drain(w, 60)
    assert time.monotonic() - started < 60


def test_an_isolated_small_job_still_runs_in_a_worker():
    with Workers(_stuck_on_hang, 1, isolate=True) as w:
        w.add([("a", "music")])
        w.finish()
        (got,) = _drain(w)
    assert got[:2] == ("ok", "a") and got[2] != os.getpid()


def test_a_small_job_runs_here_after_the_set_up():
    calls = []
    with Workers(_stuck_on_hang, 2, init=calls.append) as w:
        w.add([("a", "music"), ("b", "music")])
        w.finish()
        got = _drain(w)
    assert w.pool is None and calls == [False]
    assert sorted(got) == [("ok", "a", os.getpid()), ("ok", "b", os.getpid())]


ORPHANS = r"""
import sys, time
from companion.core.jobs import pool as pool_mod
from companion.core.jobs.pool import Workers
from tests.core.jobs.test_pool import _slow_echo_forever
if __name__ == "__main__":
    w = Workers(_slow_echo_forever, 2, isolate=True, fork=sys.argv[1] == "fork")
    w.add([(i, "x") for i in range(10)])
    w.results(timeout=0.5)
    print(" ".join(str(p.pid) for p in w.pool._pool), flush=True)
    time.sleep(120)
"""


def _slow_echo_forever(task):
    time.sleep(3600)
    return task


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, sends POSIX signals")
@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_end_when_the_job_that_made_them_is_ended(tmp_path, method):
    """A job ended before it could stop its pool (the window ends one that does not wind down) leaves no
    worker behind."""
    script = tmp_path / "orphans.py"
    script.write_text(ORPHANS)
    job = subprocess.Popen(
        [sys.executable, str(script), method], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=_env()
    )
    try:
        workers = [int(p) for p in job.stdout.readline().split()]
        assert len(workers) == 2
    finally:
        job.send_signal(signal.SIGTERM)  # no clean-up runs: as when the window ends a job
        job.wait(10)
    deadline = time.monotonic() + 15
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in workers if _running(p)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "pool workers outlived the job that made them"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}
