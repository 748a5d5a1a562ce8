"""What each worker process of a pool shares with it: which chunk it runs, and (with a time limit) since when.

The pool (``companion.core.jobs.pool``) reads the slots to find the chunk of a worker that died, and
to end one stuck on a task; the workers write them. This module is what a worker process runs first;
a worker also ends by itself when the process that made it is gone (a job ended before it could stop
its pool: nothing is left behind).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from companion.core.jobs.service import watch_parent

SLOTS = 64  # workers tracked at once (a slot is reused once its worker is gone)


@dataclass
class Slots:
    """Shared with the workers: which process is in each slot, the chunk it runs, and (with a time limit)
    which task of it since when. With a time limit, ``lock`` makes "is it still on that task?" and ending
    it one step, so a worker is never ended while it hands its results over."""

    pids: Any
    chunks: Any
    at: Any
    since: Any
    taken: Any  # guards the choice of a free slot
    lock: Any  # None without a time limit

    @classmethod
    def make(cls, ctx: Any, timed: bool) -> Slots:
        chunks = ctx.Array("q", SLOTS, lock=False)
        chunks[:] = [-1] * SLOTS
        return cls(
            ctx.Array("q", SLOTS, lock=False),
            chunks,
            ctx.Array("q", SLOTS, lock=False),
            ctx.Array("d", SLOTS, lock=False),
            ctx.Lock(),
            ctx.Lock() if timed else None,
        )


_slots: Slots | None = None  # in a worker: the shared slots, and which one is this process's
_slot = -1


def init_worker(slots: Slots, init: Callable[[bool], None] | None) -> None:
    """Pool initializer: take a free slot (first: a worker that dies in the job's set-up is seen too), then
    the job's own set-up."""
    global _slots, _slot
    watch_parent()
    with slots.taken:
        free = next((i for i in range(SLOTS) if slots.pids[i] == 0), -1)
        if free >= 0:
            slots.pids[free] = os.getpid()
            slots.chunks[free] = -1
    if free >= 0:
        _slots, _slot = slots, free
    if init is not None:
        init(True)


def run_chunk(fn: Callable[[Any], Any], tasks: list[Any], chunk_id: int = -1) -> tuple[int, list[Any]]:
    slots, slot = _slots, _slot
    if slots is None:
        return chunk_id, [fn(t) for t in tasks]
    if slots.lock is None:
        slots.chunks[slot] = chunk_id
        out = [fn(t) for t in tasks]
        slots.chunks[slot] = -1
        return chunk_id, out
    out = []
    for i, task in enumerate(tasks):
        with slots.lock:
            slots.at[slot], slots.since[slot], slots.chunks[slot] = i, time.monotonic(), chunk_id
        out.append(fn(task))
    with slots.lock:
        slots.chunks[slot] = -1
    return chunk_id, out
