"""The scan's write phase: files read and files that failed become ``items`` and ``scan_failures`` rows.

Only the scan writes ``items`` rows of scanned files, through :class:`Writer` (or :func:`write_batch` for
one file opened from outside the library). Every batch is one transaction of the data layer
(``companion.core.db.scans``), so a scan that is cancelled or killed leaves whole batches behind and
nothing half-written.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Container, Iterable
from typing import NamedTuple

from companion.core.db import scans as scan_db
from companion.core.db.scans import ScannedFile
from companion.core.library.pathcodec import to_db


class ReadFailure(NamedTuple):
    """A file that could not be read (``path`` a file-system path), and the item it was, if any."""

    path: str
    reason: str
    size: int | None
    mtime_ns: int | None
    item_id: int | None = None


def write_batch(
    conn: sqlite3.Connection,
    files: Iterable[ScannedFile],
    failures: Iterable[ReadFailure] = (),
    failed_before: Container[str] = (),
) -> None:
    """One transaction: the rows of ``files`` (new, changed or re-attached) and the ``failures``;
    ``failed_before``: stored paths that had a failure recorded (a file read now forgets it).

    A known item whose file can no longer be read keeps its history and becomes 'unplayable' with the
    reason; its size and mtime are stored so it is read again only when the file changes."""
    now = time.time()
    batch = scan_db.ItemBatch()
    for f in files:
        if f.path in failed_before:
            batch.cleared.append(f.path)
        if f.item_id is not None:
            batch.reattached.append(f)
        elif f.new:
            batch.new.append(f)
        else:
            batch.changed.append(f)
    for bad in failures:
        batch.failures.append(scan_db.Failure(to_db(bad.path), bad.reason, now, now, bad.size, bad.mtime_ns))
        if bad.item_id:
            batch.unreadable.append(scan_db.Unreadable(bad.reason, bad.size, bad.mtime_ns, now, bad.item_id))
    scan_db.write_items(conn, batch, now)


class Writer:
    """The scan's one writer: collects files and failures and commits every ``batch_size`` of them."""

    def __init__(self, conn: sqlite3.Connection, failed_before: Container[str], batch_size: int) -> None:
        self.conn, self.failed_before, self.batch_size = conn, failed_before, batch_size
        self._files: list[ScannedFile] = []
        self._failures: list[ReadFailure] = []
        self._room = batch_size  # files and failures until the next commit

    def add(self, file: ScannedFile) -> None:
        self._files.append(file)
        self._room -= 1
        if not self._room:
            self.flush()

    def fail(self, failure: ReadFailure) -> None:
        self._failures.append(failure)
        self._room -= 1
        if not self._room:
            self.flush()

    def flush(self) -> None:
        """Commit what was collected (an empty batch is one empty transaction, as a scan always ended)."""
        write_batch(self.conn, self._files, self._failures, self.failed_before)
        self._files, self._failures, self._room = [], [], self.batch_size
