"""The scan's last pass: thumbnails for the videos that still lack one, made by the scan's workers once
every library row is written (a scan stopped before then leaves them to the next)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator

from companion.core.db import scans as scan_db
from companion.core.library.pathcodec import from_db
from companion.core.library.progress import ScanProgress
from companion.core.library.reader import read_thumbnail
from companion.core.library.readers import Readers

THUMB_BATCH = 50


def make_thumbnails(
    conn: sqlite3.Connection, readers: Readers, cancelled: Callable[[], bool], every: float
) -> Iterator[ScanProgress | int]:
    """5. Make the thumbnails that videos still lack (``cover_key`` NULL; "" records that a video has no
    picture to show), in the same workers. Yields progress and, last, how many were made."""
    todo = scan_db.videos_without_thumbnail(conn)
    if not todo:
        yield 0
        return
    readers.next_job(read_thumbnail, _thumbnail_kind, lost=_no_thumbnail)
    readers.add((v.item_id, from_db(v.path)) for v in todo)
    readers.finish()
    made, done, last, batch = 0, 0, time.monotonic(), []
    while readers.outstanding:
        for item_id, key in readers.results(timeout=every or None):
            done += 1
            if key is not None:
                batch.append((key, item_id))
                made += 1 if key else 0
        if len(batch) >= THUMB_BATCH or cancelled():
            scan_db.set_thumbnails(conn, batch)
            batch.clear()
        if cancelled():
            break
        if time.monotonic() - last > every:
            last = time.monotonic()
            yield ScanProgress("thumbnails", done, len(todo), "")
    if batch:
        scan_db.set_thumbnails(conn, batch)
    yield made


def _thumbnail_kind(task: tuple[int, str]) -> str:
    return "thumbnail"


def _no_thumbnail(task: tuple[int, str]) -> tuple[int, str]:
    """The result for a video whose thumbnail ended the worker process: no picture to show."""
    item_id, _path = task
    return item_id, ""
