"""The library scan: a generator that walks, reads in worker processes, and writes in batches.

``for p in scan(store, profile, pool=...): ...`` yields :class:`ScanProgress` objects and, last, a
:class:`ScanSummary`; ``pool`` makes the worker processes that read the files (the job system's: run
a scan through ``companion.core.jobs.scan``). The window runs it as a job and passes ``cancel`` (an
Event or a callable); the command line just drains it. Unchanged files (same size and mtime) cost one
``stat``; new files none in this process (the reader takes size and mtime from the file it opens).
A cancelled or killed scan leaves whole batches only, and the next scan completes it.

The walk streams new and changed files to the workers folder by folder, so reading starts while
the walk goes on; results are written once the walk is done (re-attaching a moved file needs to
know every file that vanished). Video thumbnails are made last, after every library row is written,
by the same workers; a video whose ``cover_key`` is NULL still needs one, so a scan stopped before
then leaves them to the next scan ("" records a video with no picture to show).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from companion.core.library import folders as folder_db
from companion.core.library.columns import FINGERPRINT, SIZE
from companion.core.library.fingerprint import is_legacy, legacy
from companion.core.library.identity import Candidates
from companion.core.library.pathcodec import display, from_db, to_db
from companion.core.library.progress import ScanProgress, ScanSummary
from companion.core.library.reader import read_packed, read_thumbnail
from companion.core.library.readers import ReaderPool, Readers
from companion.core.library.walk import walk
from companion.core.library.writer import mark_missing, record_failures, revive, write_batch
from companion.core.paths import Profile

log = logging.getLogger(__name__)

BATCH = 1000
THUMB_BATCH = 50
PROGRESS_EVERY_S = 0.1

Cancel = threading.Event | Callable[[], bool] | None


def _conn(store_or_conn: Any) -> sqlite3.Connection:
    return store_or_conn if isinstance(store_or_conn, sqlite3.Connection) else store_or_conn.conn()


def _cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


def scan(
    store_or_conn: Any,
    profile: Profile,
    folders: Iterable[str] | None = None,
    *,
    pool: ReaderPool,
    cancel: Cancel = None,
    workers: int | None = None,
) -> Iterator[ScanProgress | ScanSummary]:
    """Scan ``folders`` (added to the library first) or, when None, every library folder."""
    started = time.monotonic()
    conn = _conn(store_or_conn)
    summary = ScanSummary()
    if folders is not None:
        roots = [folder_db.add_folder(conn, f) for f in folders]
    else:
        roots = folder_db.list_folders(conn)
    known = {r[1]: r for r in conn.execute("SELECT id, path, size, mtime_ns, status, folder_id FROM items")}
    known_get = known.get
    failed_before = {
        r[0]: (r[1], r[2]) for r in conn.execute("SELECT path, size, mtime_ns FROM scan_failures")
    }
    now = time.time()
    failures: dict[str, str] = {}
    seen: set[str] = set()
    folder_of: dict[str, int] = {}
    revive_ids: list[tuple[int, int]] = []
    visited: set[tuple[int, int]] = set()

    walk_failed: set[str] = set()

    def fail(path: str, reason: str) -> None:
        failures[path] = reason
        walk_failed.add(path)

    def stat_if(path: str) -> bool:
        """Only a file the library knows (or failed on) needs its size and mtime before reading: a new one's
        come from the reader's open file."""
        key = to_db(path)
        return key in known or key in failed_before

    stat_needed = stat_if if known or failed_before else _never  # a first scan has nothing to compare with

    readers = pool(read_packed, str(profile.covers_dir), workers, thumbnails=False, lost=_read_lost)
    try:
        # 1. Walk: a stat per known file; unchanged files are settled here. New and changed files go to the
        #    workers folder by folder, so reading starts while the walk goes on.
        found_count, last = 0, 0.0
        walked_roots = []
        for root in roots:
            if not os.path.isdir(root.path):
                reason = "this folder is not there (moved, deleted, or a drive that is not connected)"
                with conn:
                    folder_db.set_folder_status(conn, root.id, "missing", reason)
                fail(root.path, reason)
                walked_roots.append(root)  # its items are missing too (history kept)
                continue
            walked_roots.append(root)
            for folder, files in walk(root.path, visited, fail, stat_needed):
                tasks = []
                for path, kind, size, mtime_ns, art in files:
                    key = to_db(path)
                    if key in seen:
                        continue
                    seen.add(key)
                    row = known_get(key)
                    if row is not None:
                        if row[2] == size and row[3] == mtime_ns:
                            summary.unchanged += 1
                            if row[4] == "missing" or row[5] != root.id:  # back again, or its folder re-added
                                revive_ids.append((row[0], root.id))
                            continue
                    elif failed_before and failed_before.get(key) == (size, mtime_ns):
                        failures[path] = ""  # an unchanged broken file: keep its recorded reason
                        continue
                    folder_of[path] = root.id
                    tasks.append((path, kind, size, mtime_ns, art, root.path))
                if tasks:
                    readers.add(tasks)
                found_count += len(files)
                if _cancelled(cancel):
                    yield from _finish(conn, summary, started, cancelled=True)
                    return
                if time.monotonic() - last > PROGRESS_EVERY_S:
                    last = time.monotonic()
                    yield ScanProgress("walking", found_count, None, display(folder))
        readers.finish()
        if revive_ids:
            revive(conn, revive_ids)

        # 2. Files that vanished: candidates for re-attachment by fingerprint, else missing at the end.
        root_ids = {r.id for r in walked_roots}
        vanished = {
            row[0]: row
            for key, row in known.items()
            if key not in seen and row[5] in root_ids and row[4] != "missing"
        }

        # 3. Results of the workers (some came in during the walk); one writer commits in batches.
        total = readers.added
        yield ScanProgress("reading", 0, total, "")
        done, batch, batch_fail, last = 0, [], [], 0.0
        candidates: dict[str, list[int]] | None = None
        by_identity: Candidates | None = None
        reattached: set[int] = set()  # items a new file of this scan already is
        legacy_sizes: set[int] = set()
        path = ""
        while readers.outstanding:
            for res in readers.results(timeout=PROGRESS_EVERY_S or None):
                done += 1
                path = res[1]
                if res[0] == "gone":
                    seen.discard(to_db(path))
                elif res[0] == "ok":
                    key, values = res[2], res[3]
                    row = known.get(key)
                    item_id = None
                    if row is None:
                        summary.added += 1
                        if candidates is None:
                            candidates, legacy_sizes = _reattach_candidates(conn, vanished)
                        same = candidates.get(values[FINGERPRINT] or "")
                        if not same and values[SIZE] in legacy_sizes:  # an item fingerprinted the old way
                            same = candidates.get(_legacy_fingerprint(path, values[SIZE]))
                        item_id = same.pop() if same else None
                        if item_id is None:  # retagged as well as moved: the same recording by its tags
                            if by_identity is None:
                                by_identity = _identity_candidates(conn, vanished, reattached)
                            item_id = by_identity.take(values)
                            if item_id is not None:
                                _forget_fingerprint(candidates, item_id)
                        if item_id is not None:
                            reattached.add(item_id)
                            if by_identity is not None:
                                by_identity.taken.add(item_id)
                            summary.added -= 1
                            summary.reattached += 1
                            vanished.pop(item_id, None)
                    else:
                        summary.updated += 1
                    batch.append((key, values, folder_of[path], item_id, row is None))
                else:
                    failures[path] = res[2]
                    row = known.get(to_db(path))
                    batch_fail.append((*res[1:], row[0] if row is not None else None))
                if len(batch) + len(batch_fail) >= BATCH:
                    write_batch(conn, batch, batch_fail, failed_before)
                    batch, batch_fail = [], []
                if _cancelled(cancel):
                    write_batch(conn, batch, batch_fail, failed_before)
                    yield from _finish(conn, summary, started, cancelled=True, failures=failures)
                    return
            if _cancelled(cancel):
                write_batch(conn, batch, batch_fail, failed_before)
                yield from _finish(conn, summary, started, cancelled=True, failures=failures)
                return
            if time.monotonic() - last > PROGRESS_EVERY_S:
                last = time.monotonic()
                yield ScanProgress("reading", done, total, display(os.path.dirname(path)) if path else "")
        write_batch(conn, batch, batch_fail, failed_before)

        # 4. Finish: what is gone is missing (history kept); stale failures are forgotten.
        yield ScanProgress("finishing", done, total, "")
        gone_ids = [i for i, row in vanished.items() if row[1] not in seen]
        summary.removed = mark_missing(conn, gone_ids) if gone_ids else 0
        _settle_failures(conn, failures, walk_failed, failed_before, walked_roots, now)
        with conn:
            for root in walked_roots:
                if os.path.isdir(root.path):
                    folder_db.set_folder_status(conn, root.id, "ok", None, now)
        if summary.added or summary.reattached or summary.updated:
            _rematch_waiting(conn)

        # 5. Every library row is written: now the video thumbnails (the slow part of a video), in the
        #    same workers. A scan that stops before this is done leaves them to the next scan.
        thumbs_started = time.monotonic()
        for step in _thumbnails(conn, readers, cancel):
            if isinstance(step, int):
                summary.thumbnails = step
            else:
                yield step
        summary.thumbnail_seconds = time.monotonic() - thumbs_started
    finally:
        readers.close()
    yield from _finish(conn, summary, started, cancelled=_cancelled(cancel), failures=failures)


def _never(path: str) -> bool:
    return False


def _thumbnails(conn: sqlite3.Connection, readers: Readers, cancel: Cancel) -> Iterator[ScanProgress | int]:
    """Make the thumbnails that videos still lack (``cover_key`` NULL; "" records that a video has no
    picture to show). Yields progress and, last, how many were made."""
    todo = conn.execute(
        "SELECT id, path FROM items WHERE kind = 'video' AND status = 'ok' AND cover_key IS NULL"
    ).fetchall()
    if not todo:
        yield 0
        return
    readers.next_job(read_thumbnail, lambda t: "thumbnail", lost=lambda t: (t[0], ""))
    readers.add((int(i), from_db(p)) for i, p in todo)
    readers.finish()
    made, done, last, batch = 0, 0, time.monotonic(), []

    def write() -> None:
        with conn:
            conn.executemany("UPDATE items SET cover_key = ? WHERE id = ? AND cover_key IS NULL", batch)
        batch.clear()

    while readers.outstanding:
        for item_id, key in readers.results(timeout=PROGRESS_EVERY_S or None):
            done += 1
            if key is not None:
                batch.append((key, item_id))
                made += 1 if key else 0
        if len(batch) >= THUMB_BATCH or _cancelled(cancel):
            write()
        if _cancelled(cancel):
            break
        if time.monotonic() - last > PROGRESS_EVERY_S:
            last = time.monotonic()
            yield ScanProgress("thumbnails", done, len(todo), "")
    if batch:
        write()
    yield made


def _read_lost(task: tuple) -> tuple:
    """The failure of a file whose reading ended the worker process (twice: once with others, once alone)."""
    return (
        "fail",
        task[0],
        "reading it made the reader process stop (a damaged file, or a fault in a media library it needs)",
        task[2],
        task[3],
    )


def _rematch_waiting(conn: sqlite3.Connection) -> None:
    """Imported history and playlist entries that named files not in the library yet may match now."""
    try:  # most scans have none waiting: then not even the matchers' modules are loaded
        if not conn.execute(
            "SELECT EXISTS(SELECT 1 FROM import_unmatched) "
            "OR EXISTS(SELECT 1 FROM playlist_entries WHERE item_id IS NULL)"
        ).fetchone()[0]:
            return
    except sqlite3.Error:
        pass
    from companion.core.importers.store import rematch_unmatched
    from companion.core.playlists.imports import rematch_playlists

    try:
        rematch_unmatched(conn)
        rematch_playlists(conn)
    except sqlite3.Error as e:  # the scan itself succeeded; the entries wait for the next scan
        log.warning("could not match waiting history and playlist entries: %s", e)


def _reattach_candidates(
    conn: sqlite3.Connection, vanished: dict[int, tuple]
) -> tuple[dict[str, list[int]], set[int]]:
    """Fingerprint -> ids of items a new file may be: missing ones, and ones that vanished in this scan;
    and the sizes of those whose fingerprint is of the older kind (a new file of such a size is
    fingerprinted that way too)."""
    out: dict[str, list[int]] = {}
    legacy_sizes: set[int] = set()
    rows = list(
        conn.execute("SELECT id, fingerprint FROM items WHERE status = 'missing' AND fingerprint IS NOT NULL")
    )
    ids = list(vanished)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows += conn.execute(
            f"SELECT id, fingerprint FROM items WHERE id IN ({', '.join('?' * len(chunk))}) "
            "AND fingerprint IS NOT NULL",
            chunk,
        ).fetchall()
    for item_id, fp in rows:
        out.setdefault(fp, []).append(int(item_id))
        if is_legacy(fp):
            size = fp.partition(":")[0]
            if size.isdigit():
                legacy_sizes.add(int(size))
    return out, legacy_sizes


def _identity_candidates(conn: sqlite3.Connection, vanished: dict[int, tuple], taken: set[int]) -> Candidates:
    missing = [int(r[0]) for r in conn.execute("SELECT id FROM items WHERE status = 'missing'")]
    found = Candidates(conn, [*vanished, *missing])
    found.taken |= taken
    return found


def _forget_fingerprint(candidates: dict[str, list[int]], item_id: int) -> None:
    for ids in candidates.values():
        if item_id in ids:
            ids.remove(item_id)


def _legacy_fingerprint(path: str, size: int) -> str:
    try:
        return legacy(path, size)
    except OSError:
        return ""


def _settle_failures(
    conn: sqlite3.Connection,
    failures: dict[str, str],
    walk_failed: set[str],
    before: dict[str, tuple],
    roots: list[folder_db.Folder],
    now: float,
) -> None:
    """Record what the walk could not read; forget failures under the scanned roots that are gone or fixed."""
    prefixes = tuple(to_db(os.path.join(r.path, "")) for r in roots)
    root_keys = {to_db(r.path) for r in roots}
    current = {to_db(p) for p in failures}
    stale = [(p,) for p in before if (p.startswith(prefixes) or p in root_keys) and p not in current]
    new_rows = [(to_db(p), failures[p], now, now, None, None) for p in walk_failed]
    with conn:
        if stale:
            conn.executemany("DELETE FROM scan_failures WHERE path = ?", stale)
        if new_rows:
            record_failures(conn, new_rows)


def _finish(
    conn: sqlite3.Connection,
    summary: ScanSummary,
    started: float,
    *,
    cancelled: bool,
    failures: dict[str, str] | None = None,
) -> Iterator[ScanSummary]:
    summary.cancelled = cancelled
    summary.seconds = time.monotonic() - started
    if failures:
        reasons = {}
        if any(not r for r in failures.values()):
            reasons = {r[0]: r[1] for r in conn.execute("SELECT path, error FROM scan_failures")}
        summary.failed = [
            {"path": display(p), "error": r or reasons.get(to_db(p), "could not be read")}
            for p, r in sorted(failures.items())
        ]
    yield summary
