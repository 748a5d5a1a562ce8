"""Putting the demo files into the library.

The library scanner does this for real folders; when it is importable the demo
uses it (one code path for everything). Until then, the demo registers the files
it made itself from the catalog it made them from (it knows every tag).
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from companion.core.demo.catalog import ARTISTS, TRACK_SECONDS, VIDEOS
from companion.core.demo.media import track_path
from companion.core.media import synth
from companion.core.paths import Profile


def register_from_catalog(conn: sqlite3.Connection, profile: Profile, root: Path) -> int:
    """Insert the demo's items (skipping ones already there); return how many are in the library."""
    now = time.time()
    profile.covers_dir.mkdir(parents=True, exist_ok=True)
    with conn:
        folder_id = _folder(conn, root, now)
        for a_index, artist in enumerate(ARTISTS):
            key = f"demo-{a_index}"
            cover_file = profile.covers_dir / f"{key}.jpg"
            if not cover_file.exists():
                cover_file.write_bytes(synth.cover_jpeg(seed=101 + a_index * 7, size=320))
            for i, title in enumerate(artist.titles):
                path = track_path(root, artist, i)
                conn.execute(
                    "INSERT OR IGNORE INTO items(path, folder_id, kind, size, mtime_ns, added_at, updated_at,"
                    " title, artist, album_artist, album, genres, year, date, track_no, track_total, duration,"
                    " bpm, mood, has_cover, cover_key, container)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (str(path), folder_id, "music", _size(path), _mtime(path), now - (a_index * 3600), now,
                     title, artist.name, artist.name, artist.album, json.dumps([artist.genre]), artist.year,
                     str(artist.year), i + 1, len(artist.titles), TRACK_SECONDS, artist.bpm, artist.mood, 1, key,
                     artist.ext.lstrip(".")))
        for v_index, video in enumerate(VIDEOS):
            path = root / video.relpath
            key = f"demo-video-{v_index}"
            cover_file = profile.covers_dir / f"{key}.jpg"
            if not cover_file.exists():
                cover_file.write_bytes(synth.cover_jpeg(seed=900 + v_index, size=320))
            is_episode = "Season" in video.relpath
            conn.execute(
                "INSERT OR IGNORE INTO items(path, folder_id, kind, size, mtime_ns, added_at, updated_at, title,"
                " duration, width, height, video_type, show, season, episode, has_cover, cover_key, container)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (str(path), folder_id, "video", _size(path), _mtime(path), now, now, video.title, video.seconds,
                 320, 180, "episode" if is_episode else "movie", "Star Harbor" if is_episode else None,
                 1 if is_episode else None, (v_index + 1) if is_episode else None, 1, key, path.suffix.lstrip(".")))
    return int(conn.execute("SELECT COUNT(*) FROM items WHERE path LIKE ?", (f"{root}%",)).fetchone()[0])


def _folder(conn: sqlite3.Connection, root: Path, now: float) -> int:
    conn.execute("INSERT OR IGNORE INTO folders(path, added_at, last_scan_at) VALUES (?,?,?)", (str(root), now, now))
    return int(conn.execute("SELECT id FROM folders WHERE path = ?", (str(root),)).fetchone()[0])


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
