"""The ``audio_features`` table (migration 0005): what is pending, results, features by item, and the
vectors the "sounds like" index and radio seeds read."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

# Feature columns, in table order (everything but item_id, version, analysed_at and error).
FEATURE_COLUMNS = (
    "bpm",
    "bpm_confidence",
    "tempo_flag",
    "beat_strength",
    "key",
    "mode",
    "key_confidence",
    "loudness",
    "loudness_source",
    "dynamic_range",
    "energy",
    "danceability",
    "acousticness",
    "valence",
    "mood",
    "brightness",
    "centroid",
    "rolloff",
    "flatness",
    "zcr",
    "onset_rate",
    "spectral_flux",
    "rms",
    "duration",
    "seconds",
    "speech",
    "vector",
    "beat_period",  # migration 0010 (flow)
    "intro_end",
    "outro_start",
    "energy_in",
    "energy_out",
)

_PENDING_WHERE = (
    "FROM items i LEFT JOIN audio_features f ON f.item_id = i.id "
    "WHERE i.kind = 'music' AND i.status = 'ok' AND (f.item_id IS NULL OR f.version < ? "
    # long files analysed before speech was measured: is this an audiobook? (migration 0008)
    "OR (f.speech IS NULL AND f.error IS NULL AND i.duration >= 1200 AND i.spoken IS NULL))"
)


def count_pending(conn: sqlite3.Connection, version: int) -> int:
    """Music items with no features yet, or features from an older analyser version."""
    return int(conn.execute(f"SELECT COUNT(*) {_PENDING_WHERE}", (version,)).fetchone()[0])


class Progress(NamedTuple):
    analysed: int
    failed: int


def analysed_and_failed(conn: sqlite3.Connection, version: int) -> Progress:
    """Playable music tracks analysed, and failed, by this analyser version (or a later one)."""
    row = conn.execute(
        "SELECT SUM(f.error IS NULL AND f.version >= ?), SUM(f.error IS NOT NULL AND f.version >= ?) "
        "FROM audio_features f JOIN items i ON i.id = f.item_id WHERE i.kind = 'music' AND i.status = 'ok'",
        (version, version),
    ).fetchone()
    return Progress(int(row[0] or 0), int(row[1] or 0))


class Pending(NamedTuple):
    item_id: int
    path: str  # as stored
    rg_track_gain: float | None


def pending(conn: sqlite3.Connection, version: int, limit: int | None = None) -> list[Pending]:
    """The pending items, never-analysed ones first, then oldest versions; in library order."""
    sql = f"SELECT i.id, i.path, i.rg_track_gain {_PENDING_WHERE} ORDER BY f.item_id IS NOT NULL, f.version, i.id"
    args: list[Any] = [version]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    return [Pending._make(r) for r in conn.execute(sql, args)]


def write(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Store (item_id, version, analysed_at, error, *FEATURE_COLUMNS values) rows in one transaction,
    replacing older rows; an item removed from the library meanwhile has nothing to attach to: skipped."""
    cols = ("item_id", "version", "analysed_at", "error", *FEATURE_COLUMNS)
    sql = f"INSERT OR REPLACE INTO audio_features({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    with conn:
        existing = {
            r[0]
            for r in conn.execute(
                f"SELECT id FROM items WHERE id IN ({','.join('?' for _ in rows)})", [r[0] for r in rows]
            )
        }
        conn.executemany(sql, [r for r in rows if r[0] in existing])


def by_item(
    conn: sqlite3.Connection, keys: Sequence[str], item_ids: Iterable[int] | None = None
) -> dict[int, dict[str, Any]]:
    """The ``keys`` columns of analysed items (rows without error), keyed by item id."""
    sql = f"SELECT item_id, {', '.join(keys)} FROM audio_features WHERE error IS NULL"
    out: dict[int, dict[str, Any]] = {}
    if item_ids is None:
        parts: list[list[int] | None] = [None]
    else:
        ids = list(item_ids)
        parts = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for part in parts:
        where = "" if part is None else f" AND item_id IN ({','.join('?' for _ in part)})"
        for row in conn.execute(sql + where, part or []):
            out[int(row[0])] = dict(zip(keys, tuple(row)[1:], strict=True))
    return out


class Failed(NamedTuple):
    item_id: int
    path: str  # as stored
    error: str


def failures(conn: sqlite3.Connection) -> list[Failed]:
    """Items whose analysis failed."""
    rows = conn.execute(
        "SELECT f.item_id, i.path, f.error FROM audio_features f JOIN items i ON i.id = f.item_id "
        "WHERE f.error IS NOT NULL ORDER BY f.item_id"
    )
    return [Failed(int(r[0]), r[1], r[2]) for r in rows]


def vectors(conn: sqlite3.Connection) -> list[tuple[int, bytes]]:
    """(item id, packed vector) of every analysed item in the library, by id."""
    rows = conn.execute(
        "SELECT f.item_id, f.vector FROM audio_features f JOIN items i ON i.id = f.item_id "
        "WHERE f.error IS NULL AND f.vector IS NOT NULL AND i.status = 'ok' ORDER BY f.item_id"
    )
    return [(int(i), v) for i, v in rows]


def stamp(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes whenever analysed rows are added or changed (the cached index is rebuilt then)."""
    return tuple(
        conn.execute(
            "SELECT COUNT(*), MAX(analysed_at), SUM(item_id) FROM audio_features WHERE error IS NULL"
        ).fetchone()
    )


def artist_vectors(conn: sqlite3.Connection, artist: str) -> list[tuple[int, bytes]]:
    """(item id, packed vector) of the analysed tracks by this artist (or album artist), any case."""
    rows = conn.execute(
        "SELECT i.id, f.vector FROM items i JOIN audio_features f ON f.item_id = i.id "
        "WHERE f.error IS NULL AND lower(coalesce(i.artist, i.album_artist)) = lower(?)",
        (artist,),
    )
    return [(int(i), v) for i, v in rows]


class Analysed(NamedTuple):
    version: int
    error: str | None
    vector: bytes | None


def analysed(conn: sqlite3.Connection, item_id: int) -> Analysed | None:
    row = conn.execute(
        "SELECT version, error, vector FROM audio_features WHERE item_id = ?", (item_id,)
    ).fetchone()
    return Analysed._make(row) if row else None


def all_for_items(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every column of every analysed row without error (``companion library --json`` shows them)."""
    cur = conn.execute("SELECT * FROM audio_features WHERE error IS NULL")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def analysed_artists(conn: sqlite3.Connection) -> dict[int, str | None]:
    """item id -> its artist (or album artist), lower case, for every analysed item."""
    rows = conn.execute(
        "SELECT f.item_id, lower(coalesce(i.artist, i.album_artist)) FROM audio_features f "
        "JOIN items i ON i.id = f.item_id WHERE f.error IS NULL"
    )
    return {int(r[0]): r[1] for r in rows}
