"""Reading and writing ``audio_features`` (migration 0005): what is pending, results, features by item."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from companion.core.db import features as feature_db
from companion.core.db.cue_tracks import cue_spans
from companion.core.db.features import FEATURE_COLUMNS
from companion.core.library.cue import file_of_track_key
from companion.core.library.pathcodec import from_db

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


def count_pending(conn: sqlite3.Connection, version: int) -> int:
    """Music items with no features yet, or features from an older analyser version."""
    return feature_db.count_pending(conn, version)


def status(conn: sqlite3.Connection, version: int) -> dict[str, int]:
    """How far the analysis of the library is: analysed, failed and pending music tracks."""
    done = feature_db.analysed_and_failed(conn, version)
    return {"analysed": done.analysed, "failed": done.failed, "pending": count_pending(conn, version)}


def pending_jobs(conn: sqlite3.Connection, version: int, limit: int | None = None) -> list[Job]:
    """The pending items, never-analysed ones first, then oldest versions; in library order."""
    return _cue_spans(
        [
            Job(int(p.item_id), from_db(p.path), p.rg_track_gain)
            for p in feature_db.pending(conn, version, limit)
        ],
        conn,
    )


def _cue_spans(jobs: list[Job], conn: sqlite3.Connection) -> list[Job]:
    """A CUE sheet's track is its span of the album's file."""

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
    rows = []
    for item_id, features, error in results:
        values = (
            [None] * len(FEATURE_COLUMNS) if features is None else [features.get(c) for c in FEATURE_COLUMNS]
        )
        rows.append((item_id, version, now, error, *values))
    feature_db.write(conn, rows)


def features_for(
    conn: sqlite3.Connection, item_ids: Iterable[int] | None = None, keys: Sequence[str] = JSON_KEYS
) -> dict[int, dict[str, Any]]:
    """Features of analysed items (rows without error), keyed by item id."""
    return feature_db.by_item(conn, keys, item_ids)


def failures(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(item_id, path, error) of items whose analysis failed."""
    return [(f.item_id, from_db(f.path), f.error) for f in feature_db.failures(conn)]
