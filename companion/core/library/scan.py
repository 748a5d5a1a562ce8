"""The library scan: a generator that walks, reads in worker processes, and writes in batches.

``for p in scan(store, profile, pool=...): ...`` yields :class:`ScanProgress` objects and, last, a
:class:`ScanSummary`; ``pool`` makes the worker processes that read the files (the job system's: run
a scan through ``companion.core.jobs.scan``). The window runs it as a job and passes ``cancel`` (an
Event or a callable); the command line just drains it. Unchanged files (same size and mtime) cost one
``stat``; new files none in this process (the reader takes size and mtime from the file it opens).
A cancelled or killed scan leaves whole batches only, and the next scan completes it.

Its phases, each a function here: the walk (:func:`_walk_phase`, over ``walk.walk``) streams new and
changed files to the workers folder by folder, so reading (``reader``, in the pool's
``readers.Readers``) starts while the walk goes on; the results are written (:func:`_write_phase`, through ``writer.Writer``) once the
walk is done (re-attaching a moved file needs to know every file that vanished); then what is gone is
marked missing (:func:`_settle_library`). Video thumbnails are made last, after every library row is
written, by the same workers; a video whose ``cover_key`` is NULL still needs one, so a scan stopped
before then leaves them to the next scan ("" records a video with no picture to show).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from companion.core.db import folders as folder_db
from companion.core.db import scans as scan_db
from companion.core.db.cue_tracks import cued_files
from companion.core.db.playlist_sources import imported_sources
from companion.core.db.scans import FileStat, KnownFile, ScannedFile
from companion.core.library.folders import Folder, add_folder, list_folders
from companion.core.library.pathcodec import display, to_db
from companion.core.library.progress import ScanProgress, ScanSummary
from companion.core.library.reader import Gone, Read, Tracks, lost, named, read_packed
from companion.core.library.readers import ReaderPool, Readers
from companion.core.library.reattach import Reattach
from companion.core.library.recordings import update_recordings
from companion.core.library.scan_thumbnails import make_thumbnails
from companion.core.library.walk import Found, walk
from companion.core.library.writer import ReadFailure, Writer
from companion.core.paths import Profile

BATCH = 1000
PROGRESS_EVERY_S = 0.1

Cancel = threading.Event | Callable[[], bool] | None
Settled = Callable[[sqlite3.Connection], None]  # told once the library rows are written, when any changed


def _conn(store_or_conn: Any) -> sqlite3.Connection:
    return store_or_conn if isinstance(store_or_conn, sqlite3.Connection) else store_or_conn.conn()


def _cancelled(cancel: Cancel) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


@dataclass
class _Run:
    """One scan as it goes: what the library knew, what the walk found and what failed (its phases share it)."""

    conn: sqlite3.Connection
    cancel: Cancel
    started: float
    known: dict[str, KnownFile]  # stored path -> the item there before this scan
    failed_before: dict[str, FileStat]  # stored path -> size and mtime of a file that failed before
    now: float = field(default_factory=time.time)
    summary: ScanSummary = field(default_factory=ScanSummary)
    failures: dict[str, str] = field(default_factory=dict)  # path -> reason ("": keep the recorded one)
    walk_failed: set[str] = field(default_factory=set)  # paths the walk could not look at
    seen: set[str] = field(default_factory=set)  # stored paths of the files found
    folder_of: dict[str, int] = field(default_factory=dict)  # path -> library folder, of files sent to read
    revive: list[scan_db.Found] = field(default_factory=list)  # unchanged items found again elsewhere
    visited: set[tuple[int, int]] = field(default_factory=set)  # folders walked (device, inode)
    done: int = 0  # results handled
    total: int = 0  # files sent to be read
    playlists: list[str] = field(default_factory=list)  # playlist files found (offered for import)
    cue_sheets: dict[str, list[str]] = field(default_factory=dict)  # folder -> the CUE sheets in it
    cue_edited: dict[str, float] = field(default_factory=dict)  # folder -> when its newest sheet was written
    cued: dict[str, tuple[list[str], str]] = field(default_factory=dict)  # file -> its CUE tracks, sheet
    now_cued: list[int] = field(default_factory=list)  # whole-file items whose file is now CUE tracks
    cancelled: Callable[[], bool] = field(init=False)  # asked once a file: the cheapest call that answers

    def fail(self, path: str, reason: str) -> None:
        self.failures[path] = reason
        self.walk_failed.add(path)

    def other(self, path: str, what: str) -> None:
        """A file that is not media: counted, a playlist is offered for import, a CUE sheet is kept."""
        self.summary.ignored += 1
        if what == "playlist":
            self.playlists.append(path)
        elif path[-4:].lower() == ".cue":
            folder = os.path.dirname(path)
            self.cue_sheets.setdefault(folder, []).append(path)
            try:
                self.cue_edited[folder] = max(self.cue_edited.get(folder, 0.0), os.stat(path).st_mtime)
            except OSError:
                self.cue_edited[folder] = self.now  # as if just written: its folder's audio is read again

    def __post_init__(self) -> None:
        cancel = self.cancel
        self.cancelled = (
            _never_cancelled
            if cancel is None
            else cancel.is_set
            if isinstance(cancel, threading.Event)
            else cancel
        )

    def needs_stat(self, path: str) -> bool:
        """Only a file the library knows (or failed on) needs its size and mtime before reading: a new
        one's come from the reader's open file."""
        key = to_db(path)
        return key in self.known or key in self.failed_before or key in self.cued


def scan(
    store_or_conn: Any,
    profile: Profile,
    folders: Iterable[str] | None = None,
    *,
    pool: ReaderPool,
    settled: Settled | None = None,
    cancel: Cancel = None,
    workers: int | None = None,
) -> Iterator[ScanProgress | ScanSummary]:
    """Scan ``folders`` (added to the library first) or, when None, every library folder. ``pool`` makes
    the readers; ``settled(conn)`` runs once the library rows are written, when any were added or changed."""
    started = time.monotonic()
    conn = _conn(store_or_conn)
    roots = _roots(conn, folders)
    run = _Run(conn, cancel, started, scan_db.known_files(conn), scan_db.failed_stats(conn))
    run.cued = cued_files(conn)
    readers = pool(read_packed, str(profile.covers_dir), workers, thumbnails=False, lost=lost)
    try:
        walked = yield from _walk_phase(run, roots, readers)
        if walked is None:
            yield from _finish(run, cancelled=True, with_failures=False)
            return
        vanished = _vanished(run, walked)
        if not (yield from _write_phase(run, readers, vanished)):
            yield from _finish(run, cancelled=True)
            return
        yield ScanProgress("finishing", run.done, run.total, "")
        _settle_library(run, walked, vanished, settled)
        thumbs_started = time.monotonic()
        for step in make_thumbnails(conn, readers, partial(_cancelled, cancel), PROGRESS_EVERY_S):
            if isinstance(step, int):
                run.summary.thumbnails = step
            else:
                yield step
        run.summary.thumbnail_seconds = time.monotonic() - thumbs_started
    finally:
        readers.close()
    yield from _finish(run, cancelled=_cancelled(cancel))


def _roots(conn: sqlite3.Connection, paths: Iterable[str] | None) -> list[Folder]:
    """The folders to scan: ``paths`` (added to the library first), or every library folder."""
    if paths is not None:
        return [add_folder(conn, f) for f in paths]
    return list_folders(conn)


def _never(path: str) -> bool:
    return False


def _never_cancelled() -> bool:
    return False


def _walk_phase(
    run: _Run, roots: list[Folder], readers: Readers
) -> Generator[ScanProgress, None, list[Folder] | None]:
    """1. Walk: a stat per known file; unchanged files are settled here. New and changed files go to the
    workers folder by folder, so reading starts while the walk goes on. Returns the roots walked (None:
    cancelled)."""
    stat_needed = (
        run.needs_stat if run.known or run.failed_before else _never
    )  # a first scan: nothing to compare
    found_count, last = 0, 0.0
    walked = []
    for root in roots:
        walked.append(root)  # a root that is not there is walked too: its items are missing (history kept)
        if not os.path.isdir(root.path):
            reason = "this folder is not there (moved, deleted, or a drive that is not connected)"
            with run.conn:
                folder_db.set_status(run.conn, root.id, "missing", reason)
            run.fail(root.path, reason)
            continue
        for folder, files in walk(root.path, run.visited, run.fail, stat_needed, run.other):
            tasks = _tasks(run, root, folder, files)
            if tasks:
                readers.add(tasks)
            found_count += len(files)
            if run.cancelled():
                return None
            if time.monotonic() - last > PROGRESS_EVERY_S:
                last = time.monotonic()
                yield ScanProgress("walking", found_count, None, display(folder))
    readers.finish()
    if run.playlists:
        run.summary.playlists = _not_imported(run.conn, run.playlists)
    if run.revive:
        scan_db.revive(run.conn, run.revive, time.time())
    return walked


def _tasks(run: _Run, root: Folder, folder: str, files: list[Found]) -> list[tuple[Any, ...]]:
    """The reader's tasks for the files of one folder that are new or changed; unchanged ones are counted
    (and revived when missing or found under another root), unchanged broken ones keep their reason.
    With CUE sheets in the folder, the tasks carry them; a sheet written since the folder's last scan
    has its folder's audio read again."""
    seen, known_get, failed_before, folder_of = run.seen, run.known.get, run.failed_before, run.folder_of
    sheets = tuple(run.cue_sheets.get(folder, ()))
    edited = bool(sheets) and run.cue_edited.get(folder, run.now) >= (root.last_scan_at or 0.0)
    tasks = []
    for found in files:
        key = to_db(found.path)
        if key in seen:
            continue
        seen.add(key)
        known = known_get(key)
        if run.cued and key in run.cued:  # a file whose tracks are items
            if _cue_tracks_unchanged(run, root, key, found, sheets, edited):
                continue
            known = None
        elif edited:
            known = None  # a sheet beside it is new or edited: read the file again
        if known is not None:
            if known.size == found.size and known.mtime_ns == found.mtime_ns:
                run.summary.unchanged += 1
                if known.status == "missing" or known.folder_id != root.id:  # back again, or re-added
                    run.revive.append(scan_db.Found(known.id, root.id))
                continue
        elif failed_before and failed_before.get(key) == (found.size, found.mtime_ns):
            run.failures[found.path] = ""  # an unchanged broken file: keep its recorded reason
            continue
        folder_of[found.path] = root.id
        # the walk's record and the root (and the folder's CUE sheets): a plain tuple (cheap to send)
        tasks.append(found + (root.path, sheets) if sheets else found + (root.path,))
    return tasks


def _cue_tracks_unchanged(
    run: _Run, root: Folder, key: str, found: Found, sheets: tuple[str, ...], edited: bool
) -> bool:
    """Whether a file whose CUE tracks are items is unchanged, and its sheet too (then its tracks are
    counted, and revived when missing or found under another root)."""
    tracks, sheet = run.cued[key]
    if edited or not (sheet == key or sheet in {to_db(s) for s in sheets}):
        return False  # a sheet beside it is new or edited, or the one its tracks came from is gone
    first = run.known.get(tracks[0])
    if first is None or first.size != found.size or first.mtime_ns != found.mtime_ns:
        return False
    run.seen.update(tracks)
    run.summary.unchanged += len(tracks)
    for t in tracks:
        k = run.known[t]
        if k.status == "missing" or k.folder_id != root.id:
            run.revive.append(scan_db.Found(k.id, root.id))
    return True


def _not_imported(conn: sqlite3.Connection, paths: list[str]) -> list[str]:
    """The playlist files (display paths) a scan found that are not imported yet: those are offered."""

    done = imported_sources(conn)
    return [display(p) for p in paths if to_db(p) not in done]


def _vanished(run: _Run, walked: list[Folder]) -> dict[int, KnownFile]:
    """2. Items under the walked roots whose files were not found: candidates for re-attachment by
    fingerprint or tags, else missing at the end."""
    root_ids = {r.id for r in walked}
    return {
        k.id: k
        for key, k in run.known.items()
        if key not in run.seen and k.folder_id in root_ids and k.status != "missing"
    }


def _write_phase(
    run: _Run, readers: Readers, vanished: dict[int, KnownFile]
) -> Generator[ScanProgress, None, bool]:
    """3. The workers' results (some came in during the walk), written by one writer in batches. Returns
    False when cancelled (what was read so far is written)."""
    run.total = readers.added
    yield ScanProgress("reading", 0, run.total, "")
    writer = Writer(run.conn, run.failed_before, BATCH)
    moved = Reattach(run.conn, vanished)
    last, path = 0.0, ""
    while readers.outstanding:
        for result in readers.results(timeout=PROGRESS_EVERY_S or None):
            run.done += 1
            rec = named(result)
            path = rec.path
            _settle_file(run, writer, moved, rec)
            if run.cancelled():
                writer.flush()
                return False
        if run.cancelled():
            writer.flush()
            return False
        if time.monotonic() - last > PROGRESS_EVERY_S:
            last = time.monotonic()
            yield ScanProgress("reading", run.done, run.total, display(os.path.dirname(path)) if path else "")
    writer.flush()
    return True


def _settle_file(run: _Run, writer: Writer, moved: Reattach, rec: Any) -> None:
    """What one result becomes: a new, changed or re-attached item row, a failure, or nothing (gone)."""
    if isinstance(rec, Read):
        known = run.known.get(rec.key)
        item_id = None
        if known is None:
            item_id = moved.item_for(rec.path, rec.values)
            if item_id is None:
                run.summary.added += 1
            else:
                run.summary.reattached += 1
        else:
            run.summary.updated += 1
        writer.add(ScannedFile(rec.key, rec.values, run.folder_of[rec.path], item_id, known is None))
    elif isinstance(rec, Tracks):  # a CUE sheet's tracks: items of their own, never re-attached
        for key, values in rec.tracks:
            run.seen.add(key)
            known = run.known.get(key)
            if known is None:
                run.summary.added += 1
            else:
                run.summary.updated += 1
            writer.add(ScannedFile(key, values, run.folder_of[rec.path], None, known is None))
        whole = run.known.get(to_db(rec.path))
        if whole is not None:  # the file was one item before its sheet came: that item goes (history kept)
            run.now_cued.append(whole.id)
    elif isinstance(rec, Gone):
        run.seen.discard(to_db(rec.path))
    else:
        run.failures[rec.path] = rec.reason
        known = run.known.get(to_db(rec.path))
        writer.fail(ReadFailure(rec.path, rec.reason, rec.size, rec.mtime_ns, known.id if known else None))


def _settle_library(
    run: _Run, walked: list[Folder], vanished: dict[int, KnownFile], settled: Settled | None
) -> None:
    """4. What is gone is missing (history kept), stale failures are forgotten, the roots are scanned; and
    ``settled`` is told when files were added or changed (the job re-matches waiting history and
    playlist entries: the importers and the playlists are above the library)."""
    conn, summary = run.conn, run.summary
    gone_ids = [i for i, k in vanished.items() if k.path not in run.seen] + run.now_cued
    summary.removed = scan_db.mark_missing(conn, gone_ids, time.time()) if gone_ids else 0
    _settle_failures(run, walked)
    with conn:
        for root in walked:
            if os.path.isdir(root.path):
                folder_db.set_status(conn, root.id, "ok", None, run.now)
    if settled is not None and (summary.added or summary.reattached or summary.updated):
        settled(conn)
    update_recordings(conn)  # one recording, many files; spoken word (only what changed is read)


def _settle_failures(run: _Run, roots: list[Folder]) -> None:
    """Record what the walk could not read; forget failures under the scanned roots that are gone or fixed."""
    prefixes = tuple(to_db(os.path.join(r.path, "")) for r in roots)
    root_keys = {to_db(r.path) for r in roots}
    current = {to_db(p) for p in run.failures}
    stale = [p for p in run.failed_before if (p.startswith(prefixes) or p in root_keys) and p not in current]
    new_rows = [scan_db.Failure(to_db(p), run.failures[p], run.now, run.now) for p in run.walk_failed]
    with run.conn:
        if stale:
            scan_db.forget_failures(run.conn, stale)
        if new_rows:
            scan_db.record_failures(run.conn, new_rows)


def _finish(run: _Run, *, cancelled: bool, with_failures: bool = True) -> Iterator[ScanSummary]:
    summary = run.summary
    summary.cancelled = cancelled
    summary.seconds = time.monotonic() - run.started
    if with_failures and run.failures:
        reasons = {}
        if any(not r for r in run.failures.values()):
            reasons = scan_db.failure_reasons(run.conn)
        summary.failed = [
            {"path": display(p), "error": r or reasons.get(to_db(p), "could not be read")}
            for p, r in sorted(run.failures.items())
        ]
    yield summary
