"""A job's tasks in a pool of worker processes (or in this process when there are only a few).

The one process pool of the job system: the scan reads files with it, the sound analysis analyses
tracks with it. :class:`Workers` takes tasks while the job is still finding them (the scan streams its
walk into it) and hands back results as they come, in completion order. A job says what its tasks cost
(CPU seconds of a task of each kind): workers start once the queued work is worth starting them for (a
job that stays small is run in this process, because starting workers costs more than it saves), tasks
travel in chunks (one message per chunk each way) of about ``chunk_seconds`` of work, costly tasks go
first, and only a few chunks a worker are handed over at a time, so the last ones go to whichever worker
is free. Each worker notes which chunk it is on, so the chunk of a worker that dies is run again, task by
task, instead of being waited for; a task that ends its worker twice becomes the job's ``lost`` result.

For work that may crash or hang (decoding whole tracks): ``isolate`` never runs a task in this process,
``time_limit`` ends a worker stuck on one task that long (the task's result is the job's ``overdue``),
and ``give_up_after`` raises :class:`PoolBroken` when that many workers die in a row (they cannot run).

The pool forks this process when it has one thread (the command line, a job's own process; after the
job's ``preload`` modules are imported here, once), uses a fork server on Linux otherwise (forking a
process that runs Qt threads is unsafe) or when the job asks not to be forked, and spawns elsewhere.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import multiprocessing.pool
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from multiprocessing.context import BaseContext
from typing import Any

from companion.core.errors import CompanionError
from companion.core.jobs.process_start import add_forkserver_preload
from companion.core.jobs.slots import Slots, init_worker, run_chunk

# Run in this process when the whole job should take less than this: forking two workers costs ~20 ms;
# starting them through a fork server or spawning them (a process with threads; not Linux) ~0.3 s.
POOL_ABOVE_S = 0.25
POOL_ABOVE_S_NO_FORK = 0.6
UNKNOWN_COST = 0.001  # seconds of a task whose kind has no cost
# Tasks per message to a worker: at most CHUNK, and about CHUNK_SECONDS of work, so slow tasks travel in small
# chunks. Messages must stay few: this process reads results on a thread that needs the interpreter lock, and
# with 64 files a message the scan's workers spent a tenth of their time blocked on a full result pipe.
CHUNK = 256
CHUNK_SECONDS = 0.04
# Tasks this costly or more (the scan's videos and thumbnails) go ahead of the rest.
SLOW_AT = 0.0005
# Work handed to the pool: about this many chunks for each worker. The rest waits here, so slow tasks found
# late still go early, and the last chunks go to whichever worker is free.
IN_FLIGHT_CHUNKS = 3
CHECK_EVERY_S = 0.5  # while results keep coming: look this often for workers that died or are stuck


class PoolBroken(CompanionError):
    """The worker processes keep dying before they finish anything: they cannot run here."""


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


PIPE_BYTES = 1 << 20  # task and result pipes (Linux): room for many chunks either way


class _Pool(multiprocessing.pool.Pool):
    """The standard pool, minus a busy loop, with roomier pipes.

    Its worker-minding thread also waits on the result pipe, so each result woke it until the result
    thread had read it (a third of a core while a scan reads). And with 64 KiB pipes a worker blocks as
    soon as this process is slow to read one chunk of results (a busy machine deschedules it), and runs
    dry when it is slow to send tasks."""

    def _get_sentinels(self) -> list[Any]:
        # worker exits wake it through their own sentinels (the standard pool's private parts: no hints)
        return [self._change_notifier._reader]  # type: ignore[attr-defined]

    def _setup_queues(self) -> None:
        super()._setup_queues()  # type: ignore[misc]
        for queue_ in (self._inqueue, self._outqueue):  # type: ignore[attr-defined]
            _grow_pipe(queue_._writer)


def _grow_pipe(conn: Any) -> None:
    if not sys.platform.startswith("linux"):
        return
    # POSIX only
    import fcntl

    with contextlib.suppress(OSError, ValueError):  # a lower limit: the default size works, only slower
        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)


def _preload(modules: Sequence[str]) -> None:
    for name in modules:
        importlib.import_module(name)


def _start_method(fork: bool = True) -> str:
    if sys.platform.startswith("linux"):
        return "fork" if fork and threading.active_count() == 1 else "forkserver"
    return "spawn"


def _second(task: Any) -> str:
    return str(task[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a child that has ended but is not reaped yet is a zombie
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


class Workers:
    """Run ``fn(task)`` for every task given to :meth:`add`, in worker processes or here.

    ``kind_of(task)`` names the cost class of a task (a key of ``costs``: CPU seconds a task of that kind
    takes; ``chunk_seconds_for`` gives some kinds bigger chunks). ``init(in_worker)`` sets a process up
    before its first task (in each worker, and here when the job stays here); ``preload`` names the
    modules every worker needs (imported once before forking, or by the fork server). Call :meth:`finish`
    when every task has been added; :meth:`results` returns what is ready; :meth:`close` stops the
    workers at once (also when the job is cancelled). See the module's docstring for the rest."""

    def __init__(
        self,
        fn: Callable[[Any], Any],
        workers: int | None = None,
        *,
        kind_of: Callable[[Any], str] = _second,
        costs: Mapping[str, float] | None = None,
        chunk_seconds_for: Mapping[str, float] | None = None,
        init: Callable[[bool], None] | None = None,
        preload: Sequence[str] = (),
        lost: Callable[[Any], Any] | None = None,
        isolate: bool = False,
        fork: bool = True,
        depth: int = IN_FLIGHT_CHUNKS,
        chunk_seconds: float = CHUNK_SECONDS,
        time_limit: float | None = None,
        overdue: Callable[[Any], Any] | None = None,
        give_up_after: int | None = None,
    ) -> None:
        self.fn, self.kind_of, self.lost = fn, kind_of, lost
        self.costs, self.chunk_seconds_for = dict(costs or {}), dict(chunk_seconds_for or {})
        self.init, self.preload, self.isolate, self.fork = init, tuple(preload), isolate, fork
        self.depth, self.chunk_seconds = depth, chunk_seconds
        self.time_limit, self.overdue, self.give_up_after = time_limit, overdue, give_up_after
        self._chunks: dict[int, tuple[list[Any], bool, float]] = {}  # id -> (tasks, a retry, seconds)
        self._chunk_ids = 0
        self._slots: Slots | None = None
        self.n = default_workers() if workers is None else max(1, workers)
        self.pool: Any = None
        self.estimate = 0.0  # seconds of work added so far
        self.added = 0
        self.returned = 0
        self._waiting: list[Any] = []  # added before the pool started, or not sent yet
        self._waiting_cost = 0.0  # ... and their estimated seconds of work
        self._slow: list[Any] = []  # waiting tasks of SLOW_AT or more (sent first)
        self._local: deque[Any] = deque()
        self._finished = False
        self._ready: queue.SimpleQueue[list[Any] | BaseException] = queue.SimpleQueue()
        self._sent_cost = 0.0  # estimated seconds of work sent to the workers, and back from them
        self._completed_cost = 0.0  # (each written by one thread only: this one, the pool's result thread)
        self._completed = 0  # chunks back (the pool's result thread) ...
        self._deaths: tuple[int, int] = (0, 0)  # ... and (chunks back, workers dead since) as last looked at
        self._checked_at = 0.0

    def _cost(self, task: Any) -> float:
        return self.costs.get(self.kind_of(task), UNKNOWN_COST)

    # -- feeding
    def add(self, tasks: Iterable[Any]) -> None:
        waiting, slow, cost_of, kind_of = self._waiting, self._slow, self.costs.get, self.kind_of
        count, cost, slow_cost = 0, 0.0, 0.0
        for task in tasks:
            count += 1
            c = cost_of(kind_of(task), UNKNOWN_COST)
            if c >= SLOW_AT:
                slow.append(task)
                slow_cost += c
            else:
                waiting.append(task)
                cost += c
        self.added += count
        self.estimate += cost + slow_cost
        self._waiting_cost += cost
        if self.pool is None and count and self._worth_starting():
            self._start()
        if self.pool is not None:
            self._send(final=False)

    def _worth_starting(self) -> bool:
        if self.isolate:
            return True
        return (
            self.n > 1
            and self.estimate >= POOL_ABOVE_S
            and (self.estimate >= POOL_ABOVE_S_NO_FORK or _start_method(self.fork) == "fork")
        )

    def finish(self) -> None:
        """No more tasks: send what waits, or run it here when the job stayed small."""
        self._finished = True
        if self.pool is not None:
            self._send(final=True)
        elif self._slow or self._waiting:
            if self.init is not None:
                self.init(False)
            self._local.extend(self._slow)
            self._local.extend(self._waiting)
            self._waiting, self._slow = [], []
            self._waiting_cost = 0.0

    # -- results
    @property
    def outstanding(self) -> int:
        """Tasks added and not returned yet."""
        return self.added - self.returned

    def results(self, timeout: float | None = 0.0) -> list[Any]:
        """Results ready now, waiting up to ``timeout`` seconds for the first (None: until one comes).
        In this process, one task is run per call (so that a cancel is noticed between tasks)."""
        if self._local:
            self.returned += 1
            return [self.fn(self._local.popleft())]
        if self.pool is None:
            return []
        if self._waiting or self._slow:
            self._send(self._finished)  # keep the workers' queue topped up
        out: list[Any] = []
        try:
            got = self._ready.get(timeout=timeout) if timeout != 0.0 else self._ready.get_nowait()
            while True:
                if isinstance(got, BaseException):
                    raise got
                out += got
                got = self._ready.get_nowait()
        except queue.Empty:
            pass
        if not out or time.monotonic() - self._checked_at >= CHECK_EVERY_S:
            self._checked_at = time.monotonic()
            self._check_workers()
        self.returned += len(out)
        return out

    def _check_workers(self) -> None:
        """A worker that died (a crash in a media library, the system ending it) takes its chunk with it:
        its tasks are run again one by one, and one that takes a worker down again is lost. With a time
        limit, a worker stuck on one task that long is ended, and that task is overdue."""
        slots = self._slots
        if slots is None:
            return
        died, now, limit = 0, time.monotonic(), self.time_limit
        for i, pid in enumerate(slots.pids[:]):  # one copy of the shared array, not 64 reads
            if not pid:
                continue
            if limit is not None and now - slots.since[i] >= limit and self._end_if_overdue(i, pid):
                continue
            if _alive(pid):
                continue
            died += 1
            chunk_id = slots.chunks[i]
            slots.chunks[i] = -1
            slots.pids[i] = 0  # the slot is free for a new worker
            tasks, retry, cost = self._chunks.pop(chunk_id, ([], False, 0.0))
            if not tasks:
                continue
            self._sent_cost -= cost
            if retry:
                if self.lost is None:
                    raise RuntimeError("a worker process ended while running a task")
                self._ready.put([self.lost(t) for t in tasks])
            else:
                for t in tasks:
                    self._submit([t], retry=True)
        self._count_deaths(died)

    def _end_if_overdue(self, i: int, pid: int) -> bool:
        """End the worker in slot ``i`` when its task has run longer than the time limit (the lock keeps it
        from finishing meanwhile); its chunk's other tasks go again, the stuck one is overdue."""
        slots = self._slots
        assert slots is not None and slots.lock is not None and self.time_limit is not None
        if not slots.lock.acquire(timeout=1.0):
            return False  # a worker died holding it: the next look tries again
        try:
            chunk_id, at = slots.chunks[i], slots.at[i]
            if chunk_id < 0 or time.monotonic() - slots.since[i] < self.time_limit:
                return False
            with contextlib.suppress(OSError):
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))  # (Windows has no SIGKILL)
            slots.chunks[i], slots.pids[i] = -1, 0  # not a death: the pool replaces it
        finally:
            slots.lock.release()
        tasks, retry, cost = self._chunks.pop(chunk_id, ([], False, 0.0))
        if tasks:
            self._sent_cost -= cost
            result = self.overdue or self.lost
            if result is None:
                raise RuntimeError("a task took longer than its time limit")
            self._ready.put([result(tasks[at])])
            if len(tasks) > 1:
                self._submit(tasks[:at] + tasks[at + 1 :], retry=retry)
        return True

    def _count_deaths(self, died: int) -> None:
        """``give_up_after`` deaths with no chunk finished in between: the workers cannot run here."""
        completed, dead = self._deaths
        if self._completed != completed:
            completed, dead = self._completed, 0
        dead += died
        self._deaths = (completed, dead)
        if self.give_up_after is not None and dead > self.give_up_after:
            raise PoolBroken("the worker processes keep stopping")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- inside
    def next_job(
        self,
        fn: Callable[[Any], Any],
        kind_of: Callable[[Any], str],
        lost: Callable[[Any], Any] | None = None,
    ) -> None:
        """Use the same workers (if started) for another kind of task, once every result is in."""
        assert not self.outstanding and not self._local and not self._waiting and not self._slow
        self.fn, self.kind_of, self.lost = fn, kind_of, lost
        self.estimate, self.added, self.returned, self._finished = 0.0, 0, 0, False
        self._waiting_cost = 0.0

    def _start(self) -> None:
        method = _start_method(self.fork)
        ctx: BaseContext = (
            add_forkserver_preload([__name__, init_worker.__module__, *self.preload])  # shared with helpers
            if method == "forkserver"
            else mp.get_context(method)
        )
        if method == "fork":
            _preload(
                self.preload
            )  # once here rather than once in every worker (as the bare mutagen loop does)
        self._slots = Slots.make(ctx, timed=self.time_limit is not None)
        self.pool = _Pool(self.n, initializer=init_worker, context=ctx, initargs=(self._slots, self.init))

    def _in_flight(self) -> float:
        """Estimated seconds of work sent to the workers and not back yet."""
        return self._sent_cost - self._completed_cost

    def _hungry(self) -> bool:
        """Whether the workers have less than a chunk each in flight."""
        return self._in_flight() < self.n * self.chunk_seconds

    def _send(self, final: bool) -> None:
        """Keep about ``depth`` chunks a worker in the pool: slow tasks first (some kinds in chunks of up to
        their ``chunk_seconds_for``), then the others in chunks of about ``chunk_seconds`` of work (at most
        CHUNK tasks). A part chunk of those goes only when the job is finished or the workers have less than
        a chunk each to do (a slow walk must not leave them idle). While the pool holds enough, or less than a
        chunk waits, nothing is looked at (the scan's walk adds a folder at a time: going over the waiting
        tasks each time cost the scan's process a tenth of its CPU)."""
        per_chunk = self.chunk_seconds
        limit = self.n * self.depth * per_chunk
        if self._in_flight() >= limit:
            return
        cost_of, kind_of = self.costs.get, self.kind_of
        slow = self._slow
        while slow and self._in_flight() < limit:
            end, cost = 0, 0.0
            size = self.chunk_seconds_for.get(kind_of(slow[0]), per_chunk)
            most = CHUNK * max(1, round(size / per_chunk))
            while end < len(slow) and end < most and cost < size:
                cost += cost_of(kind_of(slow[end]), UNKNOWN_COST)
                end += 1
            if not (end >= most or cost >= size or final or self._hungry()):
                break  # gather more (the walk goes on): a whole chunk goes to one worker
            self._submit(slow[:end], cost=cost)
            del slow[:end]
        waiting = self._waiting
        if not waiting or not (
            final or len(waiting) >= CHUNK or self._waiting_cost >= per_chunk or self._hungry()
        ):
            return
        start = 0
        left = self._waiting_cost
        while start < len(waiting) and self._in_flight() < limit:
            end, cost = start, 0.0
            while end < len(waiting) and end - start < CHUNK and cost < per_chunk:
                cost += cost_of(kind_of(waiting[end]), UNKNOWN_COST)
                end += 1
            full = end - start >= CHUNK or cost >= per_chunk
            if not (full or final or self._hungry()):
                break
            self._submit(waiting[start:end], cost=cost)
            left -= cost
            start = end
        if start:
            del waiting[:start]
        self._waiting_cost = max(0.0, left) if waiting else 0.0

    def _submit(self, chunk: list[Any], retry: bool = False, cost: float | None = None) -> None:
        if cost is None:
            cost = sum(self._cost(t) for t in chunk)
        self._chunk_ids += 1
        self._chunks[self._chunk_ids] = (chunk, retry, cost)
        self._sent_cost += cost
        self.pool.apply_async(
            run_chunk, (self.fn, chunk, self._chunk_ids), callback=self._done, error_callback=self._ready.put
        )

    def _done(self, result: tuple[int, list[Any]]) -> None:
        """In the pool's result thread: a chunk is back."""
        chunk_id, results = result
        entry = self._chunks.pop(chunk_id, None)
        if entry is not None:
            _chunk, _retry, cost = entry
            self._completed_cost += cost
            self._completed += 1
            self._ready.put(results)
