"""Reading files in a pool of worker processes (or in this process when there are only a few).

:class:`Workers` takes tasks while the folder walk is still going (the scan streams its walk
into it) and hands back results as they come, in completion order. Workers start once the
queued work is worth starting them for; a job that stays small is read in this process, because
starting workers costs more than it saves. Tasks travel in chunks (one message per chunk each
way) of about 40 ms of work. Each worker notes which chunk it is on, so the chunk of a worker that
dies is read again, file by file, instead of being waited for.

The pool uses ``fork`` when this process has one thread (the command line), ``forkserver`` on
Linux otherwise (forking a process that runs Qt threads is unsafe), ``spawn`` elsewhere.
"""

from __future__ import annotations

import multiprocessing as mp
import multiprocessing.pool
import os
import queue
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from companion.core.library.reader import init_worker

# Read in this process when the whole job should take less than this: forking two workers costs ~20 ms;
# starting them through a fork server or spawning them (a process with threads; not Linux) ~0.3 s.
POOL_ABOVE_S = 0.25
POOL_ABOVE_S_NO_FORK = 0.6
# Rough CPU seconds per file, measured by benchmarks/scan.py (a music file's tags, covers and fingerprint;
# a video's probe; a video thumbnail).
SECONDS_PER = {"music": 0.0002, "video": 0.0006, "thumbnail": 0.004}
# Files per message to a worker: at most CHUNK, and about CHUNK_SECONDS of work, so slow files travel in small
# chunks. Messages must stay few: this process reads results on a thread that needs the interpreter lock, and
# with 64 files a message the workers spent a tenth of their time blocked on a full result pipe.
CHUNK = 256
CHUNK_SECONDS = 0.04
# Tasks this costly or more (videos, thumbnails) go ahead of the rest. Videos travel in bigger chunks: the
# first one costs a worker PyAV's import (~50 ms), so a few hundred of them are best read by one worker.
SLOW_AT = 0.0005
CHUNK_SECONDS_FOR = {"video": 0.25}
# Work queued in the pool: about this many chunks for each worker. The rest waits here, so slow tasks found
# late in the walk still go early, and the last chunks go to whichever worker is free.
IN_FLIGHT_CHUNKS = 3


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
        return [self._change_notifier._reader]  # worker exits wake it through their own sentinels

    def _setup_queues(self) -> None:
        super()._setup_queues()
        for queue_ in (self._inqueue, self._outqueue):
            _grow_pipe(queue_._writer)


def _grow_pipe(conn: Any) -> None:
    if not sys.platform.startswith("linux"):
        return
    import contextlib
    import fcntl

    with contextlib.suppress(OSError, ValueError):  # a lower limit: the default size works, only slower
        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)


# What every reading worker imports on its first files: mutagen's common formats and the tag mappings
# (about 20 ms of CPU a process).
PRELOAD = (
    "mutagen",
    "mutagen.mp3",
    "mutagen.flac",
    "mutagen.oggvorbis",
    "mutagen.oggopus",
    "mutagen.mp4",
    "companion.core.library.formats.id3",
    "companion.core.library.formats.vorbis",
    "companion.core.library.formats.mp4",
    "companion.core.library.formats.apev2",
    "companion.core.library.formats.asf",
)


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)


def _start_method() -> str:
    if sys.platform.startswith("linux"):
        return "fork" if threading.active_count() == 1 else "forkserver"
    return "spawn"


SLOTS = 64  # worker processes whose current chunk is tracked (replacements take new slots)
_slots: Any = None  # in a worker: the shared (pid, chunk id) pairs, and which pair is this process's
_slot = -1


def _init(covers_dir: str | None, thumbnails: bool, slots: Any, next_slot: Any) -> None:
    """Pool initializer: the reader's set-up, and a slot that says which chunk this worker is reading."""
    global _slots, _slot
    init_worker(covers_dir, thumbnails, True)
    with next_slot.get_lock():
        _slot = next_slot.value
        next_slot.value += 1
    if _slot < SLOTS:
        _slots = slots
        slots[2 * _slot] = os.getpid()
        slots[2 * _slot + 1] = -1


def _run_chunk(
    fn: Callable[[tuple], tuple], tasks: list[tuple], chunk_id: int = -1
) -> tuple[int, list[tuple]]:
    if _slots is not None:
        _slots[2 * _slot + 1] = chunk_id
    out = [fn(t) for t in tasks]
    if _slots is not None:
        _slots[2 * _slot + 1] = -1
    return chunk_id, out


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

    ``kind_of(task)`` names the cost class of a task (a key of ``SECONDS_PER``). Call :meth:`finish`
    when every task has been added; :meth:`results` returns what is ready; :meth:`close` stops the
    workers at once (also when the scan is cancelled)."""

    def __init__(
        self,
        fn: Callable[[tuple], tuple],
        covers_dir: str | None,
        workers: int | None = None,
        *,
        kind_of: Callable[[tuple], str] = lambda t: t[1],
        thumbnails: bool = False,
        lost: Callable[[tuple], tuple] | None = None,
    ) -> None:
        self.fn, self.covers_dir, self.kind_of, self.thumbnails = fn, covers_dir, kind_of, thumbnails
        self.lost = lost  # the result for a task whose worker process died on it (None: raise)
        self._chunks: dict[int, tuple[list[tuple], bool, float]] = {}  # id -> (tasks, a retry, seconds)
        self._chunk_ids = 0
        self._slots: Any = None
        self._next_slot: Any = None
        self.n = default_workers() if workers is None else max(1, workers)
        self.pool: Any = None
        self.estimate = 0.0  # seconds of work added so far
        self.added = 0
        self.returned = 0
        self._waiting: list[tuple] = []  # added before the pool started, or not sent yet
        self._waiting_cost = 0.0  # ... and their estimated seconds of work
        self._slow: list[tuple] = []  # waiting tasks of SLOW_AT or more (sent first)
        self._local: deque[tuple] = deque()
        self._finished = False
        self._ready: queue.SimpleQueue[list[tuple] | BaseException] = queue.SimpleQueue()
        self._sent_cost = 0.0  # estimated seconds of work sent to the workers, and back from them
        self._completed_cost = 0.0  # (each written by one thread only: this one, the pool's result thread)

    # -- feeding
    def add(self, tasks: Iterable[tuple]) -> None:
        waiting, slow, cost_of, kind_of = self._waiting, self._slow, SECONDS_PER.get, self.kind_of
        count, cost, slow_cost = 0, 0.0, 0.0
        for task in tasks:
            count += 1
            c = cost_of(kind_of(task), 0.001)
            if c >= SLOW_AT:
                slow.append(task)
                slow_cost += c
            else:
                waiting.append(task)
                cost += c
        self.added += count
        self.estimate += cost + slow_cost
        self._waiting_cost += cost
        if (
            self.pool is None
            and self.n > 1
            and self.estimate >= POOL_ABOVE_S
            and (self.estimate >= POOL_ABOVE_S_NO_FORK or _start_method() == "fork")
        ):
            self._start()
        if self.pool is not None:
            self._send(final=False)

    def finish(self) -> None:
        """No more tasks: send what waits, or read it here when the job stayed small."""
        self._finished = True
        if self.pool is not None:
            self._send(final=True)
        else:
            init_worker(self.covers_dir, thumbnails=self.thumbnails)
            self._local.extend(self._slow)
            self._local.extend(self._waiting)
            self._waiting, self._slow = [], []
            self._waiting_cost = 0.0

    # -- results
    @property
    def outstanding(self) -> int:
        """Tasks added and not returned yet."""
        return self.added - self.returned

    def results(self, timeout: float | None = 0.0) -> list[tuple]:
        """Results ready now, waiting up to ``timeout`` seconds for the first (None: until one comes).
        In this process, one task is read per call (so that a cancel is noticed between files)."""
        if self._local:
            self.returned += 1
            return [self.fn(self._local.popleft())]
        if self.pool is None:
            return []
        if self._waiting or self._slow:
            self._send(self._finished)  # keep the workers' queue topped up
        out: list[tuple] = []
        try:
            got = self._ready.get(timeout=timeout) if timeout != 0.0 else self._ready.get_nowait()
            while True:
                if isinstance(got, BaseException):
                    raise got
                out += got
                got = self._ready.get_nowait()
        except queue.Empty:
            if not out:
                self._check_workers()
        self.returned += len(out)
        return out

    def _check_workers(self) -> None:
        """A worker that died (a crash in a media library, the system ending it) takes its chunk with it:
        its files are read again one by one, and one that takes a worker down again is a failure."""
        if self._slots is None:
            return
        for i in range(min(SLOTS, self._next_slot.value)):
            pid, chunk_id = self._slots[2 * i], self._slots[2 * i + 1]
            if not pid or chunk_id < 0 or _alive(pid):
                continue
            self._slots[2 * i + 1] = -1
            tasks, retry, cost = self._chunks.pop(chunk_id, ([], False, 0.0))
            if not tasks:
                continue
            self._sent_cost -= cost
            if retry or len(tasks) == 1:
                if self.lost is None:
                    raise RuntimeError("a worker process ended while reading")
                self._ready.put([self.lost(t) for t in tasks])
            else:
                for t in tasks:
                    self._submit([t], retry=True)

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
        fn: Callable[[tuple], tuple],
        kind_of: Callable[[tuple], str],
        lost: Callable[[tuple], tuple] | None = None,
    ) -> None:
        """Use the same workers (if started) for another kind of task, once every result is in."""
        assert not self.outstanding and not self._local and not self._waiting and not self._slow
        self.fn, self.kind_of, self.lost = fn, kind_of, lost
        self.estimate, self.added, self.returned, self._finished = 0.0, 0, 0, False
        self._waiting_cost = 0.0

    def _start(self) -> None:
        method = _start_method()
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["companion.core.library.reader", *PRELOAD])
        elif method == "fork":
            _preload()  # once here rather than once in every worker (as the bare mutagen loop does too)
        self._slots = ctx.Array("q", 2 * SLOTS, lock=False)
        self._next_slot = ctx.Value("i", 0)
        self.pool = _Pool(
            self.n,
            initializer=_init,
            context=ctx,
            initargs=(self.covers_dir, self.thumbnails, self._slots, self._next_slot),
        )

    def _in_flight(self) -> float:
        """Estimated seconds of work sent to the workers and not back yet."""
        return self._sent_cost - self._completed_cost

    def _hungry(self) -> bool:
        """Whether the workers have less than a chunk each in flight."""
        return self._in_flight() < self.n * CHUNK_SECONDS

    def _send(self, final: bool) -> None:
        """Keep about IN_FLIGHT_CHUNKS chunks a worker in the pool: slow tasks first (videos in chunks of up
        to CHUNK_SECONDS_FOR["video"]), then the others in chunks of about CHUNK_SECONDS of work (at most CHUNK tasks).
        A part chunk of those goes only when the job is finished or the workers have less than a chunk each
        to do (a slow walk must not leave them idle). While the pool holds enough, or less than a chunk waits,
        nothing is looked at (the walk adds a folder at a time: going over the waiting tasks each time cost
        this process a tenth of a scan's CPU)."""
        limit = self.n * IN_FLIGHT_CHUNKS * CHUNK_SECONDS
        if self._in_flight() >= limit:
            return
        cost_of, kind_of = SECONDS_PER.get, self.kind_of
        slow = self._slow
        while slow and self._in_flight() < limit:
            end, cost = 0, 0.0
            size = CHUNK_SECONDS_FOR.get(kind_of(slow[0]), CHUNK_SECONDS)
            most = CHUNK * max(1, round(size / CHUNK_SECONDS))
            while end < len(slow) and end < most and cost < size:
                cost += cost_of(kind_of(slow[end]), 0.001)
                end += 1
            if not (end >= most or cost >= size or final or self._hungry()):
                break  # gather more (the walk goes on): a whole chunk goes to one worker
            self._submit(slow[:end], cost=cost)
            del slow[:end]
        waiting = self._waiting
        if not waiting or not (
            final or len(waiting) >= CHUNK or self._waiting_cost >= CHUNK_SECONDS or self._hungry()
        ):
            return
        start = 0
        left = self._waiting_cost
        while start < len(waiting) and self._in_flight() < limit:
            end, cost = start, 0.0
            while end < len(waiting) and end - start < CHUNK and cost < CHUNK_SECONDS:
                cost += cost_of(kind_of(waiting[end]), 0.001)
                end += 1
            full = end - start >= CHUNK or cost >= CHUNK_SECONDS
            if not (full or final or self._hungry()):
                break
            self._submit(waiting[start:end], cost=cost)
            left -= cost
            start = end
        if start:
            del waiting[:start]
        self._waiting_cost = max(0.0, left) if waiting else 0.0

    def _submit(self, chunk: list[tuple], retry: bool = False, cost: float | None = None) -> None:
        if cost is None:
            cost = sum(SECONDS_PER.get(self.kind_of(t), 0.001) for t in chunk)
        self._chunk_ids += 1
        self._chunks[self._chunk_ids] = (chunk, retry, cost)
        self._sent_cost += cost
        self.pool.apply_async(
            _run_chunk, (self.fn, chunk, self._chunk_ids), callback=self._done, error_callback=self._ready.put
        )

    def _done(self, result: tuple[int, list[tuple]]) -> None:
        """In the pool's result thread: a chunk is back."""
        chunk_id, results = result
        entry = self._chunks.pop(chunk_id, None)
        if entry is not None:
            _tasks, _retry, cost = entry
            self._completed_cost += cost
        self._ready.put(results)
