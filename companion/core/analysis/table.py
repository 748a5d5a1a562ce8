"""Reading and writing ``audio_features`` (migration 0005): what is pending, results, features by item."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from companion.core.library.pathcodec import from_db

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
# The keys the issue promises in ``companion library --json`` (and the taste engine reads).
JSON_KEYS = (
    "bpm",
    "bpm_confidence",
    "key",
    "mode",
    "loudness",
    "energy",
    "danceability",
    "acousticness",
    "valence",
    "mood",
    "intro_end",
    "outro_start",
)


@dataclass(frozen=True)
class Job:
    item_id: int
    path: str  # file-system path (decoded from the database form)
    rg_track_gain: float | None
    span: tuple[float, float | None] | None = None  # a CUE sheet's track: (start, end) in ``path``


_PENDING_WHERE = (
    "FROM items i LEFT JOIN audio_features f ON f.item_id = i.id "
    "WHERE i.kind = 'music' AND i.status = 'ok' AND (f.item_id IS NULL OR f.version < ? "
    # long files analysed before speech was measured: is this an audiobook? (migration 0008)
    "OR (f.speech IS NULL AND f.error IS NULL AND i.duration >= 1200 AND i.spoken IS NULL))"
)


def count_pending(conn: sqlite3.Connection, version: int) -> int:
    """Music items with no features yet, or features from an older analyser version."""
    return int(conn.execute(f"SELECT COUNT(*) {_PENDING_WHERE}", (version,)).fetchone()[0])


def status(conn: sqlite3.Connection, version: int) -> dict[str, int]:
    """How far the analysis of the library is: analysed, failed and pending music tracks."""
    row = conn.execute(
        "SELECT SUM(f.error IS NULL AND f.version >= ?), SUM(f.error IS NOT NULL AND f.version >= ?) "
        "FROM audio_features f JOIN items i ON i.id = f.item_id WHERE i.kind = 'music' AND i.status = 'ok'",
        (version, version),
    ).fetchone()
    return {"analysed": int(row[0] or 0), "failed": int(row[1] or 0), "pending": count_pending(conn, version)}


def pending_jobs(conn: sqlite3.Connection, version: int, limit: int | None = None) -> list[Job]:
    """The pending items, never-analysed ones first, then oldest versions; in library order."""
    sql = (
        f"SELECT i.id, i.path, i.rg_track_gain {_PENDING_WHERE} "
        "ORDER BY f.item_id IS NOT NULL, f.version, i.id"
    )
    args: list[Any] = [version]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    return _cue_spans([Job(int(r[0]), from_db(r[1]), r[2]) for r in conn.execute(sql, args)], conn)


def _cue_spans(jobs: list[Job], conn: sqlite3.Connection) -> list[Job]:
    """A CUE sheet's track is its span of the album's file."""
    from companion.core.db.cue_tracks import cue_spans
    from companion.core.library.cue import file_of_track_key

    spans = cue_spans(conn, [j.item_id for j in jobs if "#track" in j.path])
    return [
        Job(j.item_id, file_of_track_key(j.path), j.rg_track_gain, spans[j.item_id])
        if j.item_id in spans
        else j
        for j in jobs
    ]


def write_results(
    conn: sqlite3.Connection, version: int, results: Sequence[tuple[int, dict[str, Any] | None, str | None]]
) -> None:
    """Store (item_id, features or None, error or None) rows in one transaction; replaces older rows."""
    if not results:
        return
    now = time.time()
    cols = ("item_id", "version", "analysed_at", "error", *FEATURE_COLUMNS)
    sql = f"INSERT OR REPLACE INTO audio_features({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    rows = []
    for item_id, features, error in results:
        values = (
            [None] * len(FEATURE_COLUMNS) if features is None else [features.get(c) for c in FEATURE_COLUMNS]
        )
        rows.append((item_id, version, now, error, *values))
    with conn:
        # An item removed from the library meanwhile has nothing to attach to: skip it.
        existing = {
            r[0]
            for r in conn.execute(
                f"SELECT id FROM items WHERE id IN ({','.join('?' for _ in rows)})", [r[0] for r in rows]
            )
        }
        conn.executemany(sql, [r for r in rows if r[0] in existing])


def features_for(
    conn: sqlite3.Connection, item_ids: Iterable[int] | None = None, keys: Sequence[str] = JSON_KEYS
) -> dict[int, dict[str, Any]]:
    """Features of analysed items (rows without error), keyed by item id."""
    ids = None if item_ids is None else list(item_ids)
    sql = f"SELECT item_id, {', '.join(keys)} FROM audio_features WHERE error IS NULL"
    out: dict[int, dict[str, Any]] = {}
    chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        where = "" if chunk is None else f" AND item_id IN ({','.join('?' for _ in chunk)})"
        for row in conn.execute(sql + where, chunk or []):
            out[int(row[0])] = dict(zip(keys, tuple(row)[1:], strict=True))
    return out


def failures(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(item_id, path, error) of items whose analysis failed."""
    rows = conn.execute(
        "SELECT f.item_id, i.path, f.error FROM audio_features f JOIN items i ON i.id = f.item_id "
        "WHERE f.error IS NOT NULL ORDER BY f.item_id"
    )
    return [(int(r[0]), from_db(r[1]), r[2]) for r in rows]
