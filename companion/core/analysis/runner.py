"""Analysing the library's pending tracks: a generator the window runs on a worker thread.

Work happens in low-priority worker processes; this generator is the one writer. Its state is
simply the ``audio_features`` table, so stopping at any point and starting again later resumes
where it left off. Pausing (the ``paused`` callable, by default ``settings.analysis_paused``,
read every few seconds) stops handing out files; a worker stuck on one file longer than
``timeout`` seconds is stopped and the file recorded as failed.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from companion.core.analysis import table
from companion.core.analysis.features import VERSION
from companion.core.analysis.pool import WorkerPool
from companion.core.errors import CompanionError
from companion.core.library import spoken
from companion.core.library.pathcodec import display
from companion.core.paths import Profile

DEFAULT_WORKERS = 2
DEFAULT_TIMEOUT = 60.0  # seconds one file may take (a 3-hour file takes about one)
FLUSH_EVERY = 32  # results per write transaction...
FLUSH_SECONDS = 1.0  # ... or at least this often
PROGRESS_SECONDS = 0.25
SETTING_POLL_SECONDS = 2.0
RELEASE_IDLE_AFTER = 10.0  # paused this long: let the worker processes go (memory back to the system)

Flag = Callable[[], bool] | threading.Event | None


@dataclass(frozen=True)
class AnalysisProgress:
    done: int  # files finished (analysed or failed) in this run
    total: int  # files this run set out to do
    failed: int
    elapsed: float  # seconds of work (paused time excluded)
    eta_seconds: float | None  # estimated time left, None until a few files are done
    current: str | None  # display path of the last file finished
    paused: bool = False
    finished: bool = False


@dataclass
class AnalysisSummary:
    analysed: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)  # {"path", "error"}
    seconds: float = 0.0
    cancelled: bool = False
    paused: bool = False
    remaining: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "analysed": self.analysed,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "remaining": self.remaining,
            "cancelled": self.cancelled,
            "paused": self.paused,
            "version": VERSION,
        }


class AnalysisUnavailable(CompanionError):
    """The worker processes cannot run at all (not a problem of any one file)."""


def _job_of(job: tuple) -> table.Job:
    return table.Job(job[0], job[1], job[2], job[3])


def _as_callable(flag: Flag) -> Callable[[], bool] | None:
    if flag is None:
        return None
    if isinstance(flag, threading.Event):
        return flag.is_set
    return flag


def analyze_pending(
    profile: Profile,
    *,
    limit: int | None = None,
    workers: int = DEFAULT_WORKERS,
    cancel: Flag = None,
    paused: Flag = None,
    timeout: float = DEFAULT_TIMEOUT,
    wait_when_paused: bool = True,
    summary: AnalysisSummary | None = None,
) -> Iterator[AnalysisProgress]:
    """Analyse music items without current features; yield progress; fill ``summary`` if given.

    ``cancel`` and ``paused`` are callables or ``threading.Event``s. With ``paused`` None the
    ``analysis_paused`` setting decides. With ``wait_when_paused`` False (the command line) the run
    ends when paused instead of waiting to be resumed.
    """
    from companion.core.db import open_profile_db

    summary = summary if summary is not None else AnalysisSummary()
    conn = open_profile_db(profile)
    try:
        yield from _run(
            conn,
            summary,
            limit=limit,
            workers=workers,
            cancel=_as_callable(cancel),
            paused=_as_callable(paused) or _setting_poller(conn),
            timeout=timeout,
            wait_when_paused=wait_when_paused,
        )
        spoken.from_analysis(conn)  # long files that turned out to be speech leave the music mixes
    finally:
        summary.remaining = table.count_pending(conn, VERSION)
        conn.close()


def _setting_poller(conn) -> Callable[[], bool]:
    from companion.core.settings import load_settings

    state = {"at": -1e9, "value": False}

    def paused() -> bool:
        now = time.monotonic()
        if now - state["at"] >= SETTING_POLL_SECONDS:
            state["at"], state["value"] = now, load_settings(conn).analysis_paused
        return bool(state["value"])

    return paused


def _run(
    conn, summary: AnalysisSummary, *, limit, workers, cancel, paused, timeout, wait_when_paused
) -> Iterator[AnalysisProgress]:
    jobs = deque(table.pending_jobs(conn, VERSION, limit))
    total = len(jobs)
    started = time.monotonic()
    paused_time = 0.0
    paused_since: float | None = None
    pool: WorkerPool | None = None
    buffer: list[tuple[int, dict | None, str | None]] = []
    last_flush = last_yield = time.monotonic()
    current: str | None = None
    paths = {j.item_id: j.path for j in jobs}
    retried: set[int] = set()
    crash_streak = 0

    def progress(*, is_paused: bool = False, finished: bool = False) -> AnalysisProgress:
        now = time.monotonic()
        work = now - started - paused_time - ((now - paused_since) if paused_since is not None else 0.0)
        done = summary.analysed + len(summary.failed)
        eta = work / done * (total - done) if done >= 2 else None
        return AnalysisProgress(
            done,
            total,
            len(summary.failed),
            round(work, 3),
            eta,
            current,
            paused=is_paused,
            finished=finished,
        )

    def record(item_id: int, features: dict | None, error: str | None) -> None:
        nonlocal current
        buffer.append((item_id, features, error))
        current = display(paths.get(item_id, ""))
        if error is None:
            summary.analysed += 1
        else:
            summary.failed.append({"path": current, "error": error})

    try:
        yield progress()
        while jobs or (pool is not None and pool.busy):
            if cancel is not None and cancel():
                summary.cancelled = True
                break
            is_paused = paused()
            now = time.monotonic()
            if is_paused and paused_since is None:
                paused_since = now
            elif not is_paused and paused_since is not None:
                paused_time += now - paused_since
                paused_since = None
            if is_paused and not wait_when_paused and (pool is None or not pool.busy):
                summary.paused = True
                break
            if (
                is_paused
                and pool is not None
                and not pool.busy
                and now - (paused_since or now) > RELEASE_IDLE_AFTER
            ):
                pool.close()
                pool = None
            if not is_paused and jobs:
                if pool is None:
                    pool = WorkerPool(min(max(1, workers), len(jobs)))
                for w in pool.idle:
                    if not jobs:
                        break
                    j = jobs.popleft()
                    pool.submit(w, (j.item_id, j.path, j.rg_track_gain, j.span))
            if pool is not None and pool.busy:
                for job, result in pool.collect(timeout=0.2):
                    if result is not None:
                        crash_streak = 0
                        record(*result)
                        continue
                    crash_streak += 1
                    if crash_streak > 2 * len(pool.idle + pool.busy) + 2:
                        raise AnalysisUnavailable(
                            "the analysis worker processes keep stopping; nothing more was recorded as failed"
                        )
                    if job[0] in retried:
                        record(job[0], None, "the decoder crashed on this file")
                    else:  # a worker can die for reasons of its own: try the file once more
                        retried.add(job[0])
                        jobs.appendleft(_job_of(job))
                for job in pool.overdue(timeout):
                    record(job[0], None, f"analysis took longer than {timeout:g} s and was stopped")
            else:
                time.sleep(0.2)
            now = time.monotonic()
            if buffer and (len(buffer) >= FLUSH_EVERY or now - last_flush >= FLUSH_SECONDS):
                table.write_results(conn, VERSION, buffer)
                buffer.clear()
                last_flush = now
            if now - last_yield >= PROGRESS_SECONDS:
                last_yield = now
                yield progress(is_paused=is_paused)
    finally:
        if pool is not None:
            pool.close()
        table.write_results(conn, VERSION, buffer)
        buffer.clear()
        summary.seconds = time.monotonic() - started - paused_time
    yield progress(finished=True)
