"""The scan's single writer: item records and failures, committed in batches.

Only this module writes ``items`` rows during a scan. Every batch is one transaction, so
a scan that is cancelled or killed leaves whole batches behind and nothing half-written.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from typing import Any

from companion.core.library.pathcodec import to_db

# Columns a scan (re)writes; status and history columns are handled separately.
TAG_COLUMNS = (
    "kind", "size", "mtime_ns", "fingerprint", "title", "artist", "album_artist", "album", "genres", "year",
    "date", "track_no", "track_total", "disc_no", "disc_total", "duration", "bitrate", "sample_rate",
    "channels", "bpm", "mood", "mb_track_id", "mb_album_id", "mb_artist_id", "has_cover", "cover_key",
    "tag_rating", "tag_rating_source", "tag_play_count", "rg_track_gain", "rg_track_peak", "rg_album_gain",
    "rg_album_peak", "width", "height", "video_codec", "audio_codec", "container", "video_type", "show",
    "season", "episode",
)
_DEFAULTS = {"has_cover": 0}
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
_REATTACH = (
    "UPDATE items SET path = ?, folder_id = ?, status = 'ok', status_reason = NULL, missing_since = NULL, "
    f"updated_at = ?, {', '.join(f'{c} = ?' for c in TAG_COLUMNS)} WHERE id = ?"
)


def _values(rec: dict[str, Any]) -> list[Any]:
    return [rec.get(c, _DEFAULTS.get(c)) for c in TAG_COLUMNS]


def write_batch(conn: sqlite3.Connection, records: Iterable[tuple[dict[str, Any], int | None, int | None]],
                failures: Iterable[dict[str, Any]]) -> None:
    """One transaction: upsert (record, folder_id, reattach_item_id) triples, record failures."""
    now = time.time()
    upserts, reattach, ok_paths = [], [], []
    for rec, folder_id, item_id in records:
        path = to_db(rec["path"])
        ok_paths.append((path,))
        if item_id is None:
            upserts.append([path, folder_id, now, now, *_values(rec)])
        else:
            reattach.append([path, folder_id, now, *_values(rec), item_id])
    fails = [(to_db(f["path"]), f["error"], now, now, f.get("size"), f.get("mtime_ns")) for f in failures]
    with conn:
        if reattach:
            conn.executemany(_REATTACH, reattach)
        if upserts:
            conn.executemany(_UPSERT, upserts)
        if ok_paths:
            conn.executemany("DELETE FROM scan_failures WHERE path = ?", ok_paths)
        if fails:
            record_failures(conn, fails)


def record_failures(conn: sqlite3.Connection, rows: list[tuple[str, str, float, float, Any, Any]]) -> None:
    """(path text, reason, first_seen, last_seen, size, mtime_ns) rows; the caller holds the transaction."""
    conn.executemany(
        "INSERT INTO scan_failures(path, error, first_seen, last_seen, size, mtime_ns) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT(path) DO UPDATE SET error = excluded.error, last_seen = excluded.last_seen, "
        "size = excluded.size, mtime_ns = excluded.mtime_ns", rows)


def mark_missing(conn: sqlite3.Connection, item_ids: Iterable[int]) -> int:
    now = time.time()
    with conn:
        cur = conn.executemany("UPDATE items SET status = 'missing', missing_since = ?, updated_at = ? "
                               "WHERE id = ? AND status != 'missing'", [(now, now, i) for i in item_ids])
    return cur.rowcount


def revive(conn: sqlite3.Connection, item_ids: Iterable[int]) -> None:
    """Unchanged files whose item was marked missing are back (a drive reconnected)."""
    now = time.time()
    with conn:
        conn.executemany("UPDATE items SET status = 'ok', missing_since = NULL, updated_at = ? "
                         "WHERE id = ? AND status = 'missing'", [(now, i) for i in item_ids])
