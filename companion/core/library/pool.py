"""Reading files in a pool of worker processes (or in this process when there are only a few).

Workers parse tags and make cover images; results stream back in completion order. The
pool uses ``forkserver`` on Linux (forking a process that runs Qt threads is unsafe) and
``spawn`` elsewhere; a small job is read in-process because starting workers costs more.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import threading
from collections.abc import Generator

from companion.core.library.reader import init_worker, read_packed

POOL_ABOVE_S = 0.6      # read in this process when the job should take less than this
SECONDS_PER = {"music": 0.0006, "video": 0.04}   # rough costs of one file, measured by benchmarks/scan.py
CHUNK = 64      # files per message to a worker: fewer, larger messages cut the pool's overhead


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def read_all(tasks: list[tuple], covers_dir: str | None, workers: int | None = None
             ) -> Generator[tuple, None, None]:
    """Yield one packed result (see ``reader.read_packed``) per task. Closing the generator stops the workers at once."""
    workers = default_workers() if workers is None else max(1, workers)
    estimate = sum(SECONDS_PER.get(t[1], 0.001) for t in tasks)
    if workers == 1 or estimate < POOL_ABOVE_S:  # starting workers costs about half a second
        init_worker(covers_dir)
        for task in tasks:
            yield read_packed(task)
        return
    if sys.platform.startswith("linux"):
        method = "fork" if threading.active_count() == 1 else "forkserver"
    else:
        method = "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["companion.core.library.reader", "mutagen"])
    pool = ctx.Pool(workers, initializer=init_worker, initargs=(covers_dir,))
    try:
        yield from pool.imap_unordered(read_packed, tasks, chunksize=CHUNK)
        pool.close()
        pool.join()
    finally:
        pool.terminate()
