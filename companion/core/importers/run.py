"""Importing history files: a generator that yields progress, so a window can run it in a worker
thread (checking its cancel flag between yields) and the command line can simply drain it."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path

from companion.core.importers.archive import iter_sources
from companion.core.importers.artists import count_by_artist, last_unmatched_id
from companion.core.importers.detect import parse_history
from companion.core.importers.model import (
    HistoryEntry,
    HistoryFormatError,
    Ignored,
    ImportProgress,
    ImportSummary,
    RecordError,
)
from companion.core.importers.source import SourceFile
from companion.core.importers.store import (
    file_row,
    finish_file,
    heard_elsewhere,
    is_known,
    keep_unmatched,
    match,
    record_matched,
    rematch_unmatched,
)
from companion.core.library.matching import LibraryIndex
from companion.core.library.pathcodec import display

# entries between progress reports and commits: each entry's event and key commit together, in
# batches (fast), and other writers (the player) never wait long for the database
PROGRESS_EVERY = 500


def iter_import_file(
    conn: sqlite3.Connection,
    src: SourceFile,
    index: LibraryIndex | None = None,
    netflix_profile: str | None = None,
) -> Iterator[ImportProgress]:
    """Import one history file, yielding progress; the last yield has ``finished=True``.

    Raises :class:`HistoryFormatError` (one line naming the file) when the file cannot be read at all;
    records at fault are listed in ``summary.errors`` and the rest still imports. ``netflix_profile`` goes
    to an importer of shared accounts (Netflix's) that keeps one profile's entries.
    """
    importer, parsed = parse_history(src)
    service = importer.service if importer is not None else "unknown"  # "unknown": no records at all
    summary = ImportSummary()
    if importer is not None and importer.one_profile is not None:
        parsed = importer.one_profile(parsed, netflix_profile, summary)
    index = index or LibraryIndex.build(conn)
    summary.rematched = rematch_unmatched(conn, index)
    first_new = last_unmatched_id(conn)
    file_id, _ = file_row(conn, src.name, src.sha256, service)
    total = len(parsed)
    seen: set[str] = set()
    try:
        yield ImportProgress(src.name, service, 0, total, summary.snapshot())
        for n, rec in enumerate(parsed, start=1):
            if isinstance(rec, RecordError):
                summary.errors.append(f"{src.name}: {rec.where}: {rec.message}")
            elif isinstance(rec, Ignored):
                summary.read += 1
                summary.ignored += 1
            else:
                summary.read += 1
                _one(conn, rec, index, file_id, summary, seen)
            if n % PROGRESS_EVERY == 0:
                conn.commit()
                yield ImportProgress(src.name, service, n, total, summary.snapshot())
    except GeneratorExit:  # cancelled between two steps: keep what was imported (a re-import resumes)
        count_by_artist(conn, first_new, summary)
        finish_file(conn, file_id, summary)
        raise
    except BaseException:
        conn.rollback()
        raise
    count_by_artist(conn, first_new, summary)
    finish_file(conn, file_id, summary)
    yield ImportProgress(src.name, service, total, total, summary, finished=True)


def _one(
    conn: sqlite3.Connection,
    entry: HistoryEntry,
    index: LibraryIndex,
    file_id: int,
    summary: ImportSummary,
    seen: set[str],
) -> None:
    key = entry.key()
    if key in seen or is_known(conn, key):
        summary.duplicates += 1
        return
    seen.add(key)
    item_id = match(index, entry)
    if item_id is None:
        keep_unmatched(conn, entry, key, file_id)
        summary.unmatched += 1
    elif heard_elsewhere(conn, entry, item_id):
        summary.duplicates += 1
    elif record_matched(conn, entry, item_id, key, index.durations.get(item_id)) is None:
        summary.ignored += 1
    else:
        summary.matched += 1


def iter_import_history(
    conn: sqlite3.Connection, paths: Iterable[str | Path], netflix_profile: str | None = None
) -> Generator[ImportProgress, None, None]:
    """Import several files (or ZIP exports) in turn. A file that cannot be read yields one finished
    progress whose summary carries its error; the others still import."""
    index = LibraryIndex.build(conn)
    for path in paths:
        try:
            for src in iter_sources(path):
                if isinstance(src, tuple):  # a member of an archive that cannot be read
                    yield _failed(*src)
                    continue
                try:
                    yield from iter_import_file(conn, src, index, netflix_profile)
                except HistoryFormatError as e:
                    conn.rollback()
                    yield _failed(src.name, e)
        except HistoryFormatError as e:
            conn.rollback()
            yield _failed(display(str(path)), e)


def _failed(name: str, error: HistoryFormatError) -> ImportProgress:
    return ImportProgress(name, "unknown", 0, 0, ImportSummary(errors=[str(error)]), finished=True)


def import_history(
    conn: sqlite3.Connection, paths: Iterable[str | Path], netflix_profile: str | None = None
) -> ImportSummary:
    """Import files and return the combined summary (for callers that need no progress)."""
    total = ImportSummary()
    for step in iter_import_history(conn, paths, netflix_profile):
        if step.finished:
            total.add(step.summary)
    return total
