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

from companion.core.db.recordings import file_counts
from companion.core.events.record import PLAY_TYPES
from companion.core.library.pathcodec import display, from_db
from companion.core.library.queries import KINDS

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


def library_view(conn: sqlite3.Connection, kind: str | None = None) -> list[dict[str, Any]]:
    if kind is not None and kind not in (*KINDS, "spoken"):
        raise ValueError(kind)
    plays = ", ".join(f"'{t}'" for t in PLAY_TYPES)
    sql = (
        "SELECT i.*, r.stars AS r_stars, r.liked AS r_liked, e.plays, e.skips, e.last_played FROM items i "
        "LEFT JOIN ratings r ON r.item_id = i.id "
        f"LEFT JOIN (SELECT item_id, SUM(type IN ({plays})) AS plays, SUM(type = 'skip') AS skips, "
        f"MAX(CASE WHEN type IN ({plays}) THEN ts END) AS last_played FROM events GROUP BY item_id) e "
        "ON e.item_id = i.id"
    )
    args: list[Any] = []
    if kind == "spoken":  # spoken word is music-kind in the table, told apart by why it is spoken
        sql += " WHERE i.kind = 'music' AND i.spoken IS NOT NULL"
    elif kind:
        sql += " WHERE i.kind = ?" + (" AND i.spoken IS NULL" if kind == "music" else "")
        args.append(kind)
    sql += (
        " ORDER BY i.kind, COALESCE(i.album_artist, i.artist) COLLATE NOCASE, i.album COLLATE NOCASE, "
        "i.disc_no, i.track_no, i.show, i.season, i.episode, i.title COLLATE NOCASE"
    )
    features = _features(conn)
    files = file_counts(conn)
    return [_entry(dict(row), features.get(row["id"]), files) for row in conn.execute(sql, args)]


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
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audio_features'"
    ).fetchone()
    if not exists:
        return {}
    cur = conn.execute("SELECT * FROM audio_features WHERE error IS NULL")
    names = [d[0] for d in cur.description]
    out = {}
    for row in cur:
        d = dict(zip(names, row, strict=True))
        out[d["item_id"]] = {
            k: v for k, v in d.items() if k not in _FEATURE_SKIP and not isinstance(v, bytes)
        }
    return out


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
