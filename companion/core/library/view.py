"""The library as ``companion library --json`` shows it: items plus their listening facts.

Adds play and skip counts and the last play (from ``events``), the person's rating and like
(``ratings``, else the rating found in the tags) and, when the audio-analysis table exists,
its features (which win over tag ``bpm`` and ``mood``).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from companion.core.db import browse
from companion.core.db import features as feature_db
from companion.core.db.connection import table_exists
from companion.core.db.items import KINDS
from companion.core.db.recordings import file_counts
from companion.core.library.pathcodec import display, from_db
from companion.core.library.versions import one_row_per_recording

# Bookkeeping columns of audio_features that are not facts about the music (duration stays the tags').
_FEATURE_SKIP = {
    "item_id",
    "version",
    "error",
    "analysed_at",
    "analyzed_at",
    "updated_at",
    "seconds",
    "duration",
    "vector",
}


TABLE_VIEWS = tuple(browse.TABLES)  # tracks, albums, artists, genres, movies, episodes


def library_table(conn: sqlite3.Connection, view: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The window's table of one of TABLE_VIEWS: (column names, rows of plain values; the first column an
    item id). Plain tuples: 100,000 rows load in well under a second and sort in memory. The tracks
    table lists a song kept as FLAC, MP3 and M4A once: "3 files"."""
    columns, rows = browse.table(conn, view)
    if view == "tracks":
        return columns, one_row_per_recording(rows, shown=len(columns) - 1, plays_col=8)
    return columns, rows


def library_view(conn: sqlite3.Connection, kind: str | None = None) -> list[dict[str, Any]]:
    if kind is not None and kind not in (*KINDS, "spoken"):
        raise ValueError(kind)
    features = _features(conn)
    files = file_counts(conn)
    return [_entry(row, features.get(row["id"]), files) for row in browse.items_with_listening(conn, kind)]


def _entry(r: dict[str, Any], feats: dict[str, Any] | None, files: dict[int, int]) -> dict[str, Any]:
    genres = json.loads(r["genres"]) if r["genres"] else []
    rating = r["r_stars"] if r["r_stars"] is not None else r["tag_rating"]
    recording = r["recording_id"] if r["recording_id"] is not None else r["id"]
    out: dict[str, Any] = {
        "id": r["id"],
        "path": display(from_db(r["path"])),
        "kind": "spoken" if r["kind"] == "music" and r["spoken"] else r["kind"],
        "recording_id": recording,
        "files": files.get(recording, 1),
        "status": r["status"],
        "status_reason": r["status_reason"],
        "title": r["title"],
        "artist": r["artist"],
        "album_artist": r["album_artist"],
        "album": r["album"],
        "genre": genres[0] if genres else None,
        "genres": genres,
        "year": r["year"],
        "track_no": r["track_no"],
        "disc_no": r["disc_no"],
        "duration": r["duration"],
        "rating": rating,
        "tag_rating": r["tag_rating"],
        "liked": bool(r["r_liked"] and r["r_liked"] > 0),
        "disliked": bool(r["r_liked"] and r["r_liked"] < 0),
        "play_count": int(r["plays"] or 0),
        "skip_count": int(r["skips"] or 0),
        "last_played": _iso(r["last_played"]),
        "tag_play_count": r["tag_play_count"],
        "bpm": r["bpm"],
        "mood": r["mood"],
        "cover_key": r["cover_key"],
    }
    if r["spoken"]:
        out["spoken"] = r["spoken"]  # why it is spoken word
    if r["implausible"]:
        out["implausible"] = r["implausible"]  # why its claimed length cannot be right (kept out of mixes)
    if r["cue_path"]:  # a track of a CUE sheet: where it lies in its audio file
        out.update(cue=display(from_db(r["cue_path"])), start=r["cue_start"], duration=r["duration"])
    elif r["cue_problem"]:
        out["cue_problem"] = r["cue_problem"]  # why the CUE sheet for this file was not used
    if r["kind"] == "video":
        out.update(
            video_type=r["video_type"],
            show=r["show"],
            season=r["season"],
            episode=r["episode"],
            width=r["width"],
            height=r["height"],
        )
    for key, value in (feats or {}).items():
        if value is not None or out.get(key) is None:  # an unmeasured feature keeps the tag's value
            out[key] = value
    return out


def _features(conn: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    if not table_exists(conn, "audio_features"):
        return {}
    out = {}
    for d in feature_db.all_for_items(conn):
        out[d["item_id"]] = {
            k: v for k, v in d.items() if k not in _FEATURE_SKIP and not isinstance(v, bytes)
        }
    return out


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
