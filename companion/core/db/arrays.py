"""The taste engine's bulk reads: the whole library and the whole event log, in chunks, fast.

100,000 items and 1,000,000 events are read here; the taste engine turns them into numpy arrays
(``companion.core.taste.library`` and ``eventlog``). Rows come in chunks of plain tuples in the column
order given by ``LIBRARY_COLUMNS`` / ``EVENT_COLUMNS`` (a named record per row would cost more than
the read itself), and every event column is a number, so a chunk of events becomes one float array at
C speed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

import numpy as np

from companion.core.db.connection import table_exists
from companion.core.db.events import TYPE_CODE_SQL


def _plain(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor whose rows are plain tuples, whatever the connection's row factory: a bulk read builds
    no ``sqlite3.Row`` per row (20,000 items: 0.10 -> 0.09 s; events unpack faster too)."""
    cur = conn.cursor()
    cur.row_factory = None
    return cur


def floats(values: Iterable[Any], count: int) -> np.ndarray:
    """``count`` numbers (None -> nan) as a float array: ``np.fromiter`` over a flat iterator, 3 to 5 times
    faster than ``np.array`` over rows of tuples (20,000 events: 25 -> 7 ms)."""
    return np.fromiter(values, float, count=count)


def count_items(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])


LIBRARY_COLUMNS = (
    "id",
    "kind",
    "status",
    "path",
    "title",
    "artist",
    "album_artist",
    "album",
    "genres",
    "year",
    "duration",
    "bpm",
    "mood",
    "tag_rating",
    "tag_play_count",
    "added_at",
    "show",
    "season",
    "episode",
    "track_no",
    "cover_key",
    "video_type",
    "extra",
)


def library_rows(conn: sqlite3.Connection, chunk: int = 20_000) -> Iterator[list[tuple[Any, ...]]]:
    """Every item in id order, ``chunk`` rows at a time, each row in LIBRARY_COLUMNS order."""
    cur = _plain(conn).execute(f"SELECT {', '.join(LIBRARY_COLUMNS)} FROM items ORDER BY id")
    while rows := cur.fetchmany(chunk):
        yield rows


def taste_features(
    conn: sqlite3.Connection, wanted: Sequence[str]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The analysis' features the taste engine uses, where ``audio_features`` exists (migration 0005):
    (the ``wanted`` columns the table has, rows of (item id, *those, mood, bpm, vector) without error)."""
    if not table_exists(conn, "audio_features"):
        return [], []
    cols = {r[1] for r in conn.execute("PRAGMA table_info(audio_features)")}
    have = [c for c in wanted if c in cols]
    extra = ", mood" if "mood" in cols else ", NULL"
    bpm = ", bpm" if "bpm" in cols else ", NULL"
    err = " WHERE error IS NULL" if "error" in cols else ""
    sel = ", ".join(have) if have else "NULL"
    vec = ", vector" if "vector" in cols else ", NULL"
    return have, conn.execute(f"SELECT item_id, {sel}{extra}{bpm}{vec} FROM audio_features{err}").fetchall()


EVENT_COLUMNS = (
    "id",
    "item_id",
    "type",
    "ts",
    "tz_offset_min",
    "position",
    "duration",
    "value",
    "imported",
    "tags",
)
# every column a number, so each chunk of rows becomes one float array at C speed (None -> nan): the type as
# its EventType code (-1 unknown), the source as two flags (imported history; the files' own tags)
_NUMERIC_SQL = (
    f"SELECT e.id, e.item_id, {TYPE_CODE_SQL.format(col='e.type')}, e.ts, coalesce(e.tz_offset_min, 0), "
    "e.position, e.duration, e.value, "
    "CASE WHEN substr(e.source, 1, 7) = 'import:' THEN 1 ELSE 0 END, CASE WHEN e.source = 'tags' THEN 1 ELSE 0 END "
    "FROM events e WHERE e.id > ? ORDER BY e.id"
)


def event_arrays(conn: sqlite3.Connection, after_id: int, chunk: int) -> Iterator[np.ndarray]:
    """Events with id > ``after_id`` in id order, as float arrays of ``chunk`` rows (or fewer) by
    EVENT_COLUMNS: a million events never exist as Python tuples at once."""
    cur = _plain(conn).execute(_NUMERIC_SQL, (after_id,))
    while rows := cur.fetchmany(chunk):
        yield floats(chain.from_iterable(rows), len(rows) * len(EVENT_COLUMNS)).reshape(
            len(rows), len(EVENT_COLUMNS)
        )


def event_contexts(conn: sqlite3.Connection, after_id: int, chunk: int) -> Iterator[list[tuple[int, str]]]:
    """(event id, context) of the events with id > ``after_id`` that have a context (a home row's id), in
    id order, ``chunk`` at a time."""
    cur = conn.execute(
        "SELECT id, context FROM events WHERE id > ? AND context IS NOT NULL ORDER BY id", (after_id,)
    )
    while rows := cur.fetchmany(chunk):
        yield rows


def playlist_entry_counts(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """(item id, how many playlist entries are that item), where the playlists table has items (0006)."""
    if not table_exists(conn, "playlist_entries"):
        return []
    cols = {r[1] for r in conn.execute("PRAGMA table_info(playlist_entries)")}
    if "item_id" not in cols:
        return []
    return conn.execute(
        "SELECT item_id, count(*) FROM playlist_entries WHERE item_id IS NOT NULL GROUP BY item_id"
    ).fetchall()
