"""A small pool of analysis worker processes, each on its own pipe, so one stuck worker can be stopped.

``multiprocessing.Pool`` cannot end one task that hangs (a file on a network share that never
answers, a decoder in a loop); here each worker has its own pipe and start time, and the
runner terminates and replaces the one that takes too long.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from companion.core.analysis.worker import worker_main


def _context():
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(
            ["companion.core.analysis.worker", "companion.core.analysis.features", "av"]
        )
    return ctx


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    job: tuple | None = None
    started: float = 0.0


@dataclass
class WorkerPool:
    size: int
    _workers: list[_Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ctx = _context()
        self._workers = [self._spawn() for _ in range(max(1, self.size))]

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=worker_main, args=(child,), daemon=True, name="companion-analysis")
        process.start()
        child.close()
        return _Worker(process, parent)

    @property
    def idle(self) -> list[_Worker]:
        return [w for w in self._workers if w.job is None]

    @property
    def busy(self) -> list[_Worker]:
        return [w for w in self._workers if w.job is not None]

    def submit(self, worker: _Worker, job: tuple) -> None:
        worker.job, worker.started = job, time.monotonic()
        worker.conn.send(job)

    def collect(self, timeout: float) -> list[tuple[tuple, tuple | None]]:
        """(job, result) for every worker that answered within ``timeout``; result None if it died."""
        busy = self.busy
        if not busy:
            return []
        out = []
        for conn in wait([w.conn for w in busy], timeout=timeout):
            worker = next(w for w in busy if w.conn is conn)
            job = worker.job
            try:
                result = worker.conn.recv()
            except (EOFError, OSError):
                result = None
                self._replace(worker)
            worker.job = None
            out.append((job, result))
        return out

    def overdue(self, limit: float) -> list[tuple]:
        """Stop and replace workers busy for more than ``limit`` seconds; return their jobs."""
        now = time.monotonic()
        stuck = []
        for w in self.busy:
            if now - w.started > limit:
                stuck.append(w.job)
                self._replace(w)
        return stuck

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker, force=True)
        fresh = self._spawn()
        worker.process, worker.conn, worker.job = fresh.process, fresh.conn, None

    @staticmethod
    def _stop(worker: _Worker, *, force: bool) -> None:
        if not force:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                force = True
        if force and worker.process.is_alive():
            worker.process.terminate()
        worker.process.join(timeout=2.0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=2.0)
        worker.conn.close()

    def close(self) -> None:
        """Ask idle workers to leave, terminate busy ones."""
        for w in self._workers:
            self._stop(w, force=w.job is not None)
        self._workers = []
