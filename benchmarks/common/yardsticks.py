"""The scan's yardstick: a bare ``mutagen.File()`` loop over the same files, in the scan's own pool.

Kept apart from the benchmark's other helpers because ``command()`` runs it as a fresh process
timed from outside (interpreter start, ``import mutagen`` and the
pool's start included, as they are for ``companion scan``): this module imports nothing the loop
does not need.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time

CHUNK = 64  # files a message, as the scan's first version sent them (see docs/benchmarks.md)


def mutagen_one(path: str) -> bool:
    import mutagen

    try:
        return mutagen.File(path) is not None
    except Exception:
        return False


def bare_loop(files: list[str], processes: int) -> float:
    """Seconds for ``mutagen.File()`` over ``files`` in this process (1) or a pool of ``processes``."""
    import mutagen  # noqa: F401 - imported before timing, as the scan's workers preload it

    from benchmarks.common.product import ScanPool

    t = time.monotonic()
    if processes == 1:
        for f in files:
            mutagen_one(f)
    else:
        with ScanPool(processes, context=mp.get_context("fork")) as pool:
            for _ in pool.imap_unordered(mutagen_one, files, chunksize=CHUNK):
                pass
    return time.monotonic() - t


def command(list_file: str) -> list[str]:
    """The command line of the fresh-process yardstick over the files listed in ``list_file``."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = "import sys; sys.path.insert(0, sys.argv[1]); from benchmarks.common.yardsticks import main; main(sys.argv[2])"
    return [sys.executable, "-c", code, root, list_file]


def main(list_file: str) -> None:
    """The fresh-process yardstick: a pool of 2 over the files listed (one a line) in ``list_file``."""
    import mutagen  # noqa: F401 - as the scan preloads it before its workers fork

    from benchmarks.common.product import ScanPool

    with open(list_file, encoding="utf-8", errors="surrogateescape") as f:
        files = f.read().split("\n")
    with ScanPool(2, context=mp.get_context("fork")) as pool:
        for _ in pool.imap_unordered(mutagen_one, files, chunksize=CHUNK):
            pass
