"""What the library scan reads and writes: ``items`` rows of scanned files, and ``scan_failures``.

The scan (``companion.core.library.scan``) decides; this module only stores. Every write is the
caller's one transaction per batch, so a cancelled or killed scan leaves whole batches behind and
nothing half-written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from companion.core.db.events import chunks

# The item columns a scan reads from a file, in the order the scan's workers send them (compact to pickle).
TAG_COLUMNS = (
    "kind",
    "size",
    "mtime_ns",
    "fingerprint",
    "title",
    "artist",
    "album_artist",
    "album",
    "genres",
    "year",
    "date",
    "track_no",
    "track_total",
    "disc_no",
    "disc_total",
    "duration",
    "bitrate",
    "sample_rate",
    "channels",
    "bpm",
    "mood",
    "mb_track_id",
    "mb_album_id",
    "mb_artist_id",
    "has_cover",
    "cover_key",
    "tag_rating",
    "tag_rating_source",
    "tag_play_count",
    "rg_track_gain",
    "rg_track_peak",
    "rg_album_gain",
    "rg_album_peak",
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

# --- reading ---------------------------------------------------------------------------------------------


class KnownFile(NamedTuple):
    """An item as a scan compares it with the file found at its path."""

    id: int
    path: str
    size: int | None
    mtime_ns: int | None
    status: str
    folder_id: int | None


def known_files(conn: sqlite3.Connection) -> dict[str, KnownFile]:
    """Stored path -> :class:`KnownFile`, for every item."""
    cur = conn.cursor()
    cur.row_factory = _make_known  # one C call a row: a rescan of 100,000 unchanged files reads them all
    return {k.path: k for k in cur.execute("SELECT id, path, size, mtime_ns, status, folder_id FROM items")}


def _make_known(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> KnownFile:
    return tuple.__new__(KnownFile, row)


class FileStat(NamedTuple):
    size: int | None
    mtime_ns: int | None


def failed_stats(conn: sqlite3.Connection) -> dict[str, FileStat]:
    """Stored path -> size and mtime of every file that failed (an unchanged one is not read again)."""
    return {
        r[0]: FileStat(r[1], r[2]) for r in conn.execute("SELECT path, size, mtime_ns FROM scan_failures")
    }


class Failure(NamedTuple):
    """A file the scanner could not read (``path`` as stored)."""

    path: str
    error: str
    first_seen: float
    last_seen: float
    size: int | None = None
    mtime_ns: int | None = None


def failures(conn: sqlite3.Connection) -> list[Failure]:
    rows = conn.execute(
        "SELECT path, error, first_seen, last_seen, size, mtime_ns FROM scan_failures ORDER BY path"
    )
    return [Failure._make(r) for r in rows]


def failure_reasons(conn: sqlite3.Connection) -> dict[str, str]:
    """Stored path -> the recorded reason, for every failure."""
    return {r[0]: r[1] for r in conn.execute("SELECT path, error FROM scan_failures")}


class VideoFile(NamedTuple):
    item_id: int
    path: str


def videos_without_thumbnail(conn: sqlite3.Connection) -> list[VideoFile]:
    """Playable videos whose thumbnail was never made (``cover_key`` NULL; "" is "no picture to show")."""
    rows = conn.execute(
        "SELECT id, path FROM items WHERE kind = 'video' AND status = 'ok' AND cover_key IS NULL"
    )
    return [VideoFile(int(i), p) for i, p in rows]


class Fingerprinted(NamedTuple):
    item_id: int
    fingerprint: str


def reattach_fingerprints(conn: sqlite3.Connection, vanished_ids: Sequence[int]) -> list[Fingerprinted]:
    """Fingerprints of the items a new file may be: every missing item, and those of ``vanished_ids``."""
    rows = list(
        conn.execute("SELECT id, fingerprint FROM items WHERE status = 'missing' AND fingerprint IS NOT NULL")
    )
    for chunk in chunks(vanished_ids):
        rows += conn.execute(
            f"SELECT id, fingerprint FROM items WHERE id IN ({', '.join('?' * len(chunk))}) "
            "AND fingerprint IS NOT NULL",
            chunk,
        ).fetchall()
    return [Fingerprinted(int(i), fp) for i, fp in rows]


def any_missing(conn: sqlite3.Connection) -> bool:
    found: int = conn.execute("SELECT EXISTS(SELECT 1 FROM items WHERE status = 'missing')").fetchone()[0]
    return found == 1


def missing_ids(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT id FROM items WHERE status = 'missing'")]


IDENTITY_COLUMNS = (
    "kind",
    "title",
    "artist",
    "album",
    "duration",
    "mb_track_id",
    "video_type",
    "show",
    "season",
    "episode",
)


def identity_fields(conn: sqlite3.Connection, item_ids: Iterable[int]) -> list[tuple[int, dict[str, Any]]]:
    """(item id, its IDENTITY_COLUMNS by name) of the given items: what tells a retagged, moved file."""
    out: list[tuple[int, dict[str, Any]]] = []
    for chunk in chunks(item_ids):
        rows = conn.execute(
            f"SELECT id, {', '.join(IDENTITY_COLUMNS)} FROM items WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        out += [(int(r[0]), dict(zip(IDENTITY_COLUMNS, tuple(r)[1:], strict=True))) for r in rows]
    return out


# --- writing ---------------------------------------------------------------------------------------------

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
# about 2 us of the ~12 a row costs this process. (So are the CUE columns: set for a CUE sheet's tracks.)
_VIDEO_ONLY = TAG_COLUMNS[TAG_COLUMNS.index("width") :]  # width ... episode, cue_path ... cue_problem
_MUSIC_COLUMNS = tuple(c for c in TAG_COLUMNS if c not in _VIDEO_ONLY)
_music_values = itemgetter(*(TAG_COLUMNS.index(c) for c in _MUSIC_COLUMNS))
_INSERT_MUSIC = (
    f"INSERT INTO items(path, folder_id, status, added_at, updated_at, {', '.join(_MUSIC_COLUMNS)}) "
    f"VALUES (?, ?, 'ok', ?, ?, {', '.join('?' * len(_MUSIC_COLUMNS))})"
)
_KIND = TAG_COLUMNS.index("kind")
# set for music only when PyAV read it (Matroska, WebM), or for a CUE sheet's tracks: the full insert then
_CODEC, _CUE, _CUE_PROBLEM = (TAG_COLUMNS.index(c) for c in ("audio_codec", "cue_path", "cue_problem"))
_REATTACH = (
    "UPDATE items SET path = ?, folder_id = ?, status = 'ok', status_reason = NULL, missing_since = NULL, "
    f"updated_at = ?, {', '.join(f'{c} = ?' for c in TAG_COLUMNS)} WHERE id = ?"
)


class ScannedFile(NamedTuple):
    """A file read by the scan, to be stored."""

    path: str  # stored path text
    values: tuple[Any, ...]  # in TAG_COLUMNS order
    folder_id: int | None
    item_id: int | None = None  # the vanished item this file is (a moved file), else None
    new: bool = True  # the path is new to the library


class Unreadable(NamedTuple):
    """A known item whose file can no longer be read: it keeps its history, marked 'unplayable'."""

    error: str
    size: int | None
    mtime_ns: int | None
    updated_at: float
    item_id: int


@dataclass
class ItemBatch:
    """One transaction of a scan's writes."""

    new: list[ScannedFile] = field(default_factory=list)  # paths new to the library
    changed: list[ScannedFile] = field(default_factory=list)  # known paths whose file changed
    reattached: list[ScannedFile] = field(default_factory=list)  # moved files: ``item_id`` is the item
    cleared: list[str] = field(default_factory=list)  # stored paths whose recorded failure is gone
    failures: list[Failure] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def write_items(conn: sqlite3.Connection, batch: ItemBatch, now: float) -> None:
    """Store one batch in one transaction (``now``: the rows' added / updated time)."""
    music, others = [], []
    for f in batch.new:
        v = f.values
        if v[_KIND] == "music" and v[_CODEC] is v[_CUE] is v[_CUE_PROBLEM] is None:
            music.append((f.path, f.folder_id, now, now, *_music_values(f.values)))
        else:
            others.append((f.path, f.folder_id, now, now, *f.values))
    changed = batch.changed
    with conn:
        if not conn.in_transaction:
            conn.execute("BEGIN")  # one transaction for the batch, savepoint included
        if batch.reattached:
            conn.executemany(
                _REATTACH, [(f.path, f.folder_id, now, *f.values, f.item_id) for f in batch.reattached]
            )
        if batch.new:
            conn.execute("SAVEPOINT new_items")  # another scan may have added one of these paths meanwhile
            try:
                if music:
                    conn.executemany(_INSERT_MUSIC, music)
                if others:
                    conn.executemany(_INSERT, others)
                conn.execute("RELEASE new_items")
            except sqlite3.IntegrityError:
                conn.execute("ROLLBACK TO new_items")
                conn.execute("RELEASE new_items")
                changed = changed + batch.new
        if changed:
            conn.executemany(_UPSERT, [(f.path, f.folder_id, now, now, *f.values) for f in changed])
        if batch.cleared:
            conn.executemany("DELETE FROM scan_failures WHERE path = ?", [(p,) for p in batch.cleared])
        if batch.failures:
            record_failures(conn, batch.failures)
        if batch.unreadable:
            conn.executemany(
                "UPDATE items SET status = 'unplayable', status_reason = ?, size = ?, mtime_ns = ?, "
                "updated_at = ? WHERE id = ?",
                batch.unreadable,
            )


def record_failures(conn: sqlite3.Connection, rows: Iterable[Failure]) -> None:
    """Record (or update) failures inside the caller's transaction."""
    conn.executemany(
        "INSERT INTO scan_failures(path, error, first_seen, last_seen, size, mtime_ns) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT(path) DO UPDATE SET error = excluded.error, last_seen = excluded.last_seen, "
        "size = excluded.size, mtime_ns = excluded.mtime_ns",
        rows,
    )


def forget_failures(conn: sqlite3.Connection, paths: Iterable[str]) -> None:
    """Forget the failures of these stored paths, inside the caller's transaction."""
    conn.executemany("DELETE FROM scan_failures WHERE path = ?", [(p,) for p in paths])


def mark_missing(conn: sqlite3.Connection, item_ids: Iterable[int], now: float) -> int:
    """Items whose files are gone (history kept); how many were not missing already. Its own transaction."""
    with conn:
        cur = conn.executemany(
            "UPDATE items SET status = 'missing', missing_since = ?, updated_at = ? "
            "WHERE id = ? AND status != 'missing'",
            [(now, now, i) for i in item_ids],
        )
    return cur.rowcount


class Found(NamedTuple):
    item_id: int
    folder_id: int


def revive(conn: sqlite3.Connection, items: Iterable[Found], now: float) -> None:
    """Unchanged files found again: a missing item is back, and belongs to the folder it was found in.
    Its own transaction."""
    with conn:
        conn.executemany(
            "UPDATE items SET status = CASE WHEN status = 'missing' THEN 'ok' ELSE status END, "
            "missing_since = NULL, folder_id = ?, updated_at = ? WHERE id = ?",
            [(f.folder_id, now, f.item_id) for f in items],
        )


def set_thumbnails(conn: sqlite3.Connection, keys: Iterable[tuple[str, int]]) -> None:
    """(thumbnail key, item id) pairs for videos that had none yet; its own transaction."""
    with conn:
        conn.executemany("UPDATE items SET cover_key = ? WHERE id = ? AND cover_key IS NULL", keys)
