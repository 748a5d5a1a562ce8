"""The library scan as a job: the scanner (``companion.core.library.scan``) reading with the job system's pool.

``scan(store_or_conn, profile, folders=None, *, cancel=None, workers=None)`` yields the scanner's
``ScanProgress`` values and, last, its ``ScanSummary``; ``run_scan`` drains it. Once a scan has written
rows of new or changed files, imported history and playlist entries that waited for those files are
matched again (``rematch_waiting``: the importers and the playlists sit above the library). The window runs it in a
job process (``runner.scan_in_process``); the command line and the folder watcher in their own.

What the scan's tasks cost is said here, for the pool's chunking and ordering (measured by
benchmarks/scan.py): a music file's tags, covers and fingerprint; a video's probe; a video thumbnail.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from companion.core.db import imports as import_db
from companion.core.db import playlists as playlist_db
from companion.core.jobs.pool import Workers
from companion.core.library import reader
from companion.core.library import scan as scanner
from companion.core.library.progress import ScanProgress, ScanSummary
from companion.core.paths import Profile

log = logging.getLogger(__name__)

# Rough CPU seconds per file of each kind.
READ_COSTS = {"music": 0.0002, "video": 0.0006, "thumbnail": 0.004}
# Videos travel in bigger chunks: the first one costs a worker PyAV's import (~50 ms), so a few hundred of
# them are best read by one worker.
CHUNK_SECONDS_FOR = {"video": 0.25}
# What every reading worker imports on its first files: the reader, mutagen's common formats and the tag
# mappings (about 20 ms of CPU a process), imported once before the workers fork.
PRELOAD = (
    reader.__name__,
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


def read_pool(
    fn: Callable[[tuple[Any, ...]], tuple[Any, ...]],
    covers_dir: str | None,
    workers: int | None,
    *,
    thumbnails: bool,
    lost: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None,
) -> Workers:
    """The scan's readers (``companion.core.library.readers.ReaderPool``): the job system's pool."""
    return Workers(
        fn,
        workers,
        costs=READ_COSTS,
        chunk_seconds_for=CHUNK_SECONDS_FOR,
        init=partial(reader.init_worker, covers_dir, thumbnails),
        preload=PRELOAD,
        lost=lost,
    )


def scan(
    store_or_conn: Any,
    profile: Profile,
    folders: Iterable[str] | None = None,
    *,
    cancel: Any = None,
    workers: int | None = None,
) -> Iterator[ScanProgress | ScanSummary]:
    """Scan ``folders`` (added to the library first) or, when None, every library folder."""
    return scanner.scan(
        store_or_conn,
        profile,
        folders,
        pool=read_pool,
        settled=rematch_waiting,
        cancel=cancel,
        workers=workers,
    )


def run_scan(
    store_or_conn: Any, profile: Profile, folders: Iterable[str] | None = None, **kw: Any
) -> ScanSummary:
    """Drain :func:`scan` and return its summary."""
    summary = ScanSummary()
    for step in scan(store_or_conn, profile, folders, **kw):
        if isinstance(step, ScanSummary):
            summary = step
    return summary


def rematch_waiting(conn: sqlite3.Connection) -> None:
    """Imported history and playlist entries that named files not in the library yet may match now."""
    try:  # most scans have none waiting: then not even the matchers' modules are loaded
        if not (import_db.has_unmatched(conn) or playlist_db.has_unmatched_entries(conn)):
            return
    except sqlite3.Error:
        pass
    # the matchers: only when entries wait
    from companion.core.importers.store import rematch_unmatched
    from companion.core.playlists.imports import rematch_playlists

    try:
        rematch_unmatched(conn)
        rematch_playlists(conn)
    except sqlite3.Error as e:  # the scan itself succeeded; the entries wait for the next scan
        log.warning("could not match waiting history and playlist entries: %s", e)
