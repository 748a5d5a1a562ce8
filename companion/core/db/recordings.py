"""The SQL of recordings, spoken word and implausible lengths (migration 0008): what the pass after a scan
reads and writes, and what the taste engine and the Library read of it.

Every write that changes what the taste engine sees (``recording_id``, ``spoken``, ``implausible``) moves the row's
``updated_at``, so the engine's library fingerprint changes and it reloads; ``identity_at`` follows, so
the pass does not judge the row again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import numpy as np


class Changed(NamedTuple):
    id: int
    kind: str
    artist: str | None  # artist, else album artist
    title: str | None
    path: str
    genres: str | None  # JSON list
    duration: float | None
    spoken: str | None
    size: int | None
    bitrate: int | None
    sample_rate: int | None
    channels: int | None
    implausible: str | None


class Grouping(NamedTuple):
    id: int
    kind: str
    key: str | None
    mbid: str | None
    duration: float | None
    recording_id: int | None


FACT_COLUMNS = ("id", "recording", "spoken", "implausible", "bitrate", "has_cover")


def changed_items(conn: sqlite3.Connection) -> list[Changed]:
    """Items whose key and kind were not judged for their current tags (new or changed since)."""
    rows = conn.execute(
        "SELECT id, kind, COALESCE(artist, album_artist), title, path, genres, duration, spoken, size, bitrate, "
        "sample_rate, channels, implausible FROM items WHERE identity_at IS NULL OR identity_at != updated_at"
    ).fetchall()
    return [Changed(*r) for r in rows]


def set_keys(conn: sqlite3.Connection, keys: Iterable[tuple[str | None, int]]) -> None:
    """(recording_key, id): also marks the rows judged for their current ``updated_at``."""
    with conn:
        conn.executemany("UPDATE items SET recording_key = ?, identity_at = updated_at WHERE id = ?", keys)


def grouping_input(conn: sqlite3.Connection) -> list[Grouping]:
    return [
        Grouping(*r)
        for r in conn.execute(
            "SELECT id, kind, recording_key, mb_track_id, duration, recording_id FROM items"
        )
    ]


def _judged(conn: sqlite3.Connection, column: str, values: Sequence[tuple[object, int]]) -> None:
    """(value, id) pairs for ``column`` (recording_id, spoken or implausible), moving ``updated_at`` (and
    ``identity_at`` with it, so the pass does not judge the row again)."""
    if not values or column not in ("recording_id", "spoken", "implausible"):
        return
    now = time.time()
    with conn:
        conn.executemany(
            f"UPDATE items SET {column} = ?, identity_at = CASE WHEN identity_at = updated_at THEN ? "
            "ELSE identity_at END, updated_at = ? WHERE id = ?",
            [(value, now, now, item) for value, item in values],
        )


def set_recordings(conn: sqlite3.Connection, moves: Sequence[tuple[int, int]]) -> None:
    """(recording_id, id) pairs."""
    _judged(conn, "recording_id", moves)


def set_spoken(conn: sqlite3.Connection, values: Sequence[tuple[str | None, int]]) -> None:
    """(reason or None, id) pairs for items whose judgement changed."""
    _judged(conn, "spoken", values)


def set_implausible(conn: sqlite3.Connection, values: Sequence[tuple[str | None, int]]) -> None:
    """(reason or None, id) pairs for items whose judgement changed."""
    _judged(conn, "implausible", values)


def long_speech(conn: sqlite3.Connection, min_seconds: float, min_speech: float) -> list[int]:
    """Music items of at least ``min_seconds`` that the analysis found to be mostly speech, not yet spoken."""
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT i.id FROM items i JOIN audio_features f ON f.item_id = i.id WHERE i.kind = 'music' "
            "AND i.spoken IS NULL AND i.duration >= ? AND f.speech >= ?",
            (min_seconds, min_speech),
        )
    ]


def facts(conn: sqlite3.Connection) -> np.ndarray:
    """The FACT_COLUMNS, as one float array, of the items the taste engine must look at beyond its own
    columns: files of a recording with several, spoken word, implausible lengths (few in most libraries:
    the rest are a recording each, plain music). Numbers only, so the rows become one array at C speed."""
    # the scan imports this module: numpy only for the taste engine, which has it anyway
    import numpy as np

    rows = conn.execute(
        "SELECT id, COALESCE(recording_id, id), spoken IS NOT NULL, implausible IS NOT NULL, "
        "COALESCE(bitrate, 0), has_cover FROM items WHERE spoken IS NOT NULL OR implausible IS NOT NULL "
        "OR (recording_id IS NOT NULL AND recording_id != id) "
        "OR id IN (SELECT recording_id FROM items WHERE recording_id IS NOT NULL AND recording_id != id) "
        "ORDER BY id"
    ).fetchall()
    return np.array(rows, dtype=float).reshape(len(rows), len(FACT_COLUMNS))


def undecodable(conn: sqlite3.Connection) -> list[int]:
    """Items the analysis could not decode (a damaged file), when the analysis table exists."""
    try:
        return [int(r[0]) for r in conn.execute("SELECT item_id FROM audio_features WHERE error IS NOT NULL")]
    except sqlite3.OperationalError:
        return []


def files_of(conn: sqlite3.Connection, item_id: int) -> list[tuple[Any, ...]]:
    """Every file of the recording ``item_id`` belongs to: (id, path, status, bitrate, has_cover, duration,
    implausible), by id."""
    return conn.execute(
        "SELECT id, path, status, bitrate, has_cover, duration, implausible FROM items "
        "WHERE id = ? OR (recording_id IS NOT NULL AND recording_id = "
        "(SELECT recording_id FROM items WHERE id = ?)) ORDER BY id",
        (item_id, item_id),
    ).fetchall()


def file_counts(conn: sqlite3.Connection) -> dict[int, int]:
    """recording_id -> number of files, for recordings with more than one file."""
    return {
        int(r[0]): int(r[1])
        for r in conn.execute(
            "SELECT recording_id, COUNT(*) FROM items WHERE recording_id IS NOT NULL "
            "AND status != 'missing' GROUP BY recording_id HAVING COUNT(*) > 1"
        )
    }


def analysed_recordings(conn: sqlite3.Connection) -> dict[int, tuple[int, bool]]:
    """Analysed item id -> (its recording id, spoken word?), for the radio (it walks analysed files)."""
    return {
        int(r[0]): (int(r[1]), bool(r[2]))
        for r in conn.execute(
            "SELECT f.item_id, COALESCE(i.recording_id, i.id), i.spoken IS NOT NULL FROM audio_features f "
            "JOIN items i ON i.id = f.item_id WHERE f.error IS NULL"
        )
    }


def recording_files(conn: sqlite3.Connection, item_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """For each of ``item_ids``: every file of its recording, itself included (a card shows "played" or
    "liked" whichever file was)."""
    ids = sorted(set(item_ids))
    out = {i: {i} for i in ids}
    if ids:
        rows = conn.execute(
            "SELECT p.id, i.id FROM items i JOIN items p ON p.recording_id = i.recording_id "
            "WHERE i.recording_id IS NOT NULL AND p.id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        for given, other in rows:
            out[int(given)].add(int(other))
    return {i: frozenset(files) for i, files in out.items()}
