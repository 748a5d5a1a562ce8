"""Sound analysis as a job: the library's pending tracks, analysed in the job system's pool.

Work happens in low-priority worker processes (``companion.core.analysis.worker``; a crash or a hang
in a decoder costs a worker, never this process); this generator is the one writer. Its state is
simply the ``audio_features`` table, so stopping at any point and starting again later resumes
where it left off. Pausing (the ``paused`` callable, by default ``settings.analysis_paused``,
read every few seconds) stops handing out files; a worker stuck on one file longer than
``timeout`` seconds is stopped and the file recorded as failed; a file that ends its worker is
tried once more, and recorded as failed when it does so again. The window runs it in a job process
(``runner.analysis_in_process``), the command line in its own.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from companion.core.analysis import table
from companion.core.analysis.features import VERSION
from companion.core.analysis.worker import analyse_task, init_worker
from companion.core.db import open_profile_db
from companion.core.errors import CompanionError
from companion.core.jobs.pool import PoolBroken, Workers
from companion.core.library import spoken
from companion.core.library.pathcodec import display
from companion.core.paths import Profile
from companion.core.settings import load_settings

DEFAULT_WORKERS = 2
DEFAULT_TIMEOUT = 60.0  # seconds one file may take (a 3-hour file takes about one)
FLUSH_EVERY = 32  # results per write transaction...
FLUSH_SECONDS = 1.0  # ... or at least this often
PROGRESS_SECONDS = 0.25
SETTING_POLL_SECONDS = 2.0
RELEASE_IDLE_AFTER = 10.0  # paused this long: let the worker processes go (memory back to the system)
TASK_COST = 1.0  # CPU seconds of a track, roughly: each goes to a worker alone, one at a time
PRELOAD = ("companion.core.analysis.worker", "companion.core.analysis.features", "av")

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


def _setting_poller(conn: sqlite3.Connection) -> Callable[[], bool]:
    state: dict[str, Any] = {"at": -1e9, "value": False}

    def paused() -> bool:
        now = time.monotonic()
        if now - state["at"] >= SETTING_POLL_SECONDS:
            state["at"], state["value"] = now, load_settings(conn).analysis_paused
        return bool(state["value"])

    return paused


def _run(
    conn: sqlite3.Connection,
    summary: AnalysisSummary,
    *,
    limit: int | None,
    workers: int,
    cancel: Callable[[], bool] | None,
    paused: Callable[[], bool],
    timeout: float,
    wait_when_paused: bool,
) -> Iterator[AnalysisProgress]:
    run = _Run(conn, summary, table.pending_jobs(conn, VERSION, limit), workers, timeout)
    try:
        yield run.progress()
        while run.jobs or run.busy():
            if cancel is not None and cancel():
                summary.cancelled = True
                break
            is_paused = run.pause(paused())
            if is_paused and not wait_when_paused and not run.busy():
                summary.paused = True
                break
            if is_paused:
                run.release_when_idle()
            else:
                run.hand_out()
            if run.busy():
                run.collect()
            else:
                time.sleep(0.2)
            if run.flush_due():
                run.flush()
            if run.progress_due():
                yield run.progress(is_paused=is_paused)
    finally:
        run.close()
    yield run.progress(finished=True)


class _Run:
    """One run's state: the files still to hand out, the pool, the results not written yet, the clock."""

    def __init__(
        self, conn: Any, summary: AnalysisSummary, jobs: list[table.Job], workers: int, timeout: float
    ) -> None:
        self.conn, self.summary, self.workers, self.timeout = conn, summary, workers, timeout
        self.jobs = deque(jobs)
        self.total = len(self.jobs)
        self.paths = {j.item_id: j.path for j in self.jobs}
        self.pool: Workers | None = None
        self.buffer: list[tuple[int, dict[Any, Any] | None, str | None]] = []
        self.current: str | None = None
        self.started = self.last_flush = self.last_yield = time.monotonic()
        self.paused_time = 0.0
        self.paused_since: float | None = None

    def progress(self, *, is_paused: bool = False, finished: bool = False) -> AnalysisProgress:
        now = time.monotonic()
        since = self.paused_since
        work = now - self.started - self.paused_time - ((now - since) if since is not None else 0.0)
        done = self.summary.analysed + len(self.summary.failed)
        eta = work / done * (self.total - done) if done >= 2 else None
        failed = len(self.summary.failed)
        return AnalysisProgress(
            done, self.total, failed, round(work, 3), eta, self.current, paused=is_paused, finished=finished
        )

    def progress_due(self) -> bool:
        now = time.monotonic()
        if now - self.last_yield < PROGRESS_SECONDS:
            return False
        self.last_yield = now
        return True

    def pause(self, is_paused: bool) -> bool:
        """Keep the paused time out of the work's clock; returns ``is_paused``."""
        now = time.monotonic()
        if is_paused and self.paused_since is None:
            self.paused_since = now
        elif not is_paused and self.paused_since is not None:
            self.paused_time += now - self.paused_since
            self.paused_since = None
        return is_paused

    def busy(self) -> bool:
        return self.pool is not None and self.pool.outstanding > 0

    def release_when_idle(self) -> None:
        """Paused a while with nothing in hand: let the worker processes go (memory back to the system)."""
        since = self.paused_since
        if (
            self.pool is not None
            and not self.busy()
            and since is not None
            and time.monotonic() - since > RELEASE_IDLE_AFTER
        ):
            self.pool.close()
            self.pool = None

    def hand_out(self) -> None:
        """One file to each worker that has none (the rest wait here, so a pause stops handing them out)."""
        if not self.jobs:
            return
        if self.pool is None:
            self.pool = self._new_pool(min(max(1, self.workers), len(self.jobs)))
        free = self.pool.n - self.pool.outstanding
        if free > 0:
            batch = [self.jobs.popleft() for _ in range(min(free, len(self.jobs)))]
            self.pool.add((j.item_id, j.path, j.rg_track_gain, j.span) for j in batch)

    def _new_pool(self, size: int) -> Workers:
        return Workers(
            analyse_task,
            size,
            kind_of=_track,
            costs={"track": TASK_COST},
            chunk_seconds=TASK_COST,
            depth=1,
            init=init_worker,
            preload=PRELOAD,
            fork=False,  # its replacements come often (stuck files): never fork a process with threads
            isolate=True,
            time_limit=self.timeout,
            overdue=partial(_failed, f"analysis took longer than {self.timeout:g} s and was stopped"),
            lost=partial(_failed, "the decoder crashed on this file"),
            give_up_after=2 * size + 2,
        )

    def collect(self) -> None:
        assert self.pool is not None
        try:
            results = self.pool.results(timeout=0.2)
        except PoolBroken:
            raise AnalysisUnavailable(
                "the analysis worker processes keep stopping; nothing more was recorded as failed"
            ) from None
        for item_id, features, error in results:
            self.buffer.append((item_id, features, error))
            self.current = display(self.paths.get(item_id, ""))
            if error is None:
                self.summary.analysed += 1
            else:
                self.summary.failed.append({"path": self.current, "error": error})

    def flush_due(self) -> bool:
        return bool(self.buffer) and (
            len(self.buffer) >= FLUSH_EVERY or time.monotonic() - self.last_flush >= FLUSH_SECONDS
        )

    def flush(self) -> None:
        table.write_results(self.conn, VERSION, self.buffer)
        self.buffer.clear()
        self.last_flush = time.monotonic()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
        self.flush()
        self.summary.seconds = time.monotonic() - self.started - self.paused_time


def _track(_task: tuple[Any, ...]) -> str:
    return "track"


def _failed(reason: str, task: tuple[Any, ...]) -> tuple[int, None, str]:
    return task[0], None, reason
