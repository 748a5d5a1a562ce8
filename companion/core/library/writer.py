"""The scan's single writer: item records and failures, committed in batches.

Only this module writes ``items`` rows during a scan. Every batch is one transaction, so
a scan that is cancelled or killed leaves whole batches behind and nothing half-written.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Container, Iterable
from operator import itemgetter
from typing import Any

from companion.core.library.columns import TAG_COLUMNS
from companion.core.library.pathcodec import to_db

_UPSERT = (
    f"INSERT INTO items(path, folder_id, status, status_reason, missing_since, added_at, updated_at, "
    f"{', '.join(TAG_COLUMNS)}) VALUES (?, ?, 'ok', NULL, NULL, ?, ?, {', '.join('?' * len(TAG_COLUMNS))}) "
    f"ON CONFLICT(path) DO UPDATE SET folder_id = excluded.folder_id, updated_at = excluded.updated_at, "
    f"status = CASE WHEN items.status = 'unplayable' AND items.size = excluded.size "
    f"AND items.mtime_ns = excluded.mtime_ns THEN items.status ELSE 'ok' END, "
    f"status_reason = CASE WHEN items.status = 'unplayable' AND items.size = excluded.size "
    f"AND items.mtime_ns = excluded.mtime_ns THEN items.status_reason ELSE NULL END, missing_since = NULL, "
    + ", ".join(f"{c} = excluded.{c}" for c in TAG_COLUMNS)
)
_INSERT = _UPSERT.split(" ON CONFLICT")[0]  # new paths: a plain INSERT costs half an upsert
# A new music file's row leaves the video columns out (they are NULL for music): 9 fewer values to bind,
# about 2 us of the ~12 a row costs this process.
_VIDEO_ONLY = (
    "width",
    "height",
    "video_codec",
    "audio_codec",
    "container",
    "video_type",
    "show",
    "season",
    "episode",
    "cue_path",
    "cue_start",
    "cue_problem",
)
_MUSIC_COLUMNS = tuple(c for c in TAG_COLUMNS if c not in _VIDEO_ONLY)
_music_values = itemgetter(*(TAG_COLUMNS.index(c) for c in _MUSIC_COLUMNS))
_INSERT_MUSIC = (
    f"INSERT INTO items(path, folder_id, status, added_at, updated_at, {', '.join(_MUSIC_COLUMNS)}) "
    f"VALUES (?, ?, 'ok', ?, ?, {', '.join('?' * len(_MUSIC_COLUMNS))})"
)
_KIND = TAG_COLUMNS.index("kind")
# set for music only when PyAV read it (Matroska, WebM), or for a CUE sheet's tracks
_CODEC, _CUE, _CUE_PROBLEM = (TAG_COLUMNS.index(c) for c in ("audio_codec", "cue_path", "cue_problem"))
_REATTACH = (
    "UPDATE items SET path = ?, folder_id = ?, status = 'ok', status_reason = NULL, missing_since = NULL, "
    f"updated_at = ?, {', '.join(f'{c} = ?' for c in TAG_COLUMNS)} WHERE id = ?"
)


def write_batch(
    conn: sqlite3.Connection,
    records: list[tuple[str, tuple, int | None, int | None, bool]],
    failures: list[tuple[str, str, int | None, int | None, int | None]],
    failed_before: Container[str] = (),
) -> None:
    """One transaction. ``records``: (path text, TAG_COLUMNS values, folder id, item id to re-attach or None,
    whether the path is new to the library);
    ``failures``: (path, reason, size, mtime_ns, id of the item the file was, or None);
    ``failed_before``: path texts that had a failure recorded.

    A known item whose file can no longer be read keeps its history and becomes 'unplayable' with the
    reason; its size and mtime are stored so it is read again only when the file changes."""
    now = time.time()
    inserts, music, upserts, reattach, cleared = [], [], [], [], []
    for path, values, folder_id, item_id, new in records:
        if path in failed_before:
            cleared.append((path,))
        if item_id is None:
            if not new:
                upserts.append((path, folder_id, now, now, *values))
            elif values[_KIND] == "music" and values[_CODEC] is values[_CUE] is values[_CUE_PROBLEM] is None:
                music.append((path, folder_id, now, now, *_music_values(values)))
            else:
                inserts.append((path, folder_id, now, now, *values))
        else:
            reattach.append((path, folder_id, now, *values, item_id))
    fails = [(to_db(p), error, now, now, size, mtime) for p, error, size, mtime, _ in failures]
    broken = [(error, size, mtime, now, item_id) for _, error, size, mtime, item_id in failures if item_id]
    with conn:
        if not conn.in_transaction:
            conn.execute("BEGIN")  # one transaction for the batch, savepoint included
        if reattach:
            conn.executemany(_REATTACH, reattach)
        if inserts or music:
            conn.execute("SAVEPOINT new_items")  # another scan may have added one of these paths meanwhile
            try:
                if music:
                    conn.executemany(_INSERT_MUSIC, music)
                if inserts:
                    conn.executemany(_INSERT, inserts)
                conn.execute("RELEASE new_items")
            except sqlite3.IntegrityError:
                conn.execute("ROLLBACK TO new_items")
                conn.execute("RELEASE new_items")
                upserts += inserts
                upserts += [
                    (path, folder_id, now, now, *values)
                    for path, values, folder_id, item_id, new in records
                    if item_id is None and new and values[_KIND] == "music"
                ]
        if upserts:
            conn.executemany(_UPSERT, upserts)
        if cleared:
            conn.executemany("DELETE FROM scan_failures WHERE path = ?", cleared)
        if fails:
            record_failures(conn, fails)
        if broken:
            conn.executemany(
                "UPDATE items SET status = 'unplayable', status_reason = ?, size = ?, mtime_ns = ?, "
                "updated_at = ? WHERE id = ?",
                broken,
            )


def record_failures(conn: sqlite3.Connection, rows: list[tuple[str, str, float, float, Any, Any]]) -> None:
    """(path text, reason, first_seen, last_seen, size, mtime_ns) rows; the caller holds the transaction."""
    conn.executemany(
        "INSERT INTO scan_failures(path, error, first_seen, last_seen, size, mtime_ns) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT(path) DO UPDATE SET error = excluded.error, last_seen = excluded.last_seen, "
        "size = excluded.size, mtime_ns = excluded.mtime_ns",
        rows,
    )


def mark_missing(conn: sqlite3.Connection, item_ids: Iterable[int]) -> int:
    now = time.time()
    with conn:
        cur = conn.executemany(
            "UPDATE items SET status = 'missing', missing_since = ?, updated_at = ? "
            "WHERE id = ? AND status != 'missing'",
            [(now, now, i) for i in item_ids],
        )
    return cur.rowcount


def revive(conn: sqlite3.Connection, items: Iterable[tuple[int, int]]) -> None:
    """Unchanged files found again: (item id, folder id). A missing item is back (a drive reconnected,
    a folder added again) and belongs to the folder it was found in."""
    now = time.time()
    with conn:
        conn.executemany(
            "UPDATE items SET status = CASE WHEN status = 'missing' THEN 'ok' ELSE status END, "
            "missing_since = NULL, folder_id = ?, updated_at = ? WHERE id = ?",
            [(folder_id, now, i) for i, folder_id in items],
        )
