"""Profiles made of rows only (no media files): large libraries and histories written straight into SQLite.

Each maker fills a profile data dir (``Bench.cached`` decides when one runs, and benchmarks work on a
copy): they measure the window, the queries and the taste engine, not the scanner.
- ``make_rows_profile``: ``/music/Artist N/Album M/NNNNN Track N.flac`` over 1,000 artists and 2,000
  albums, and a month of random plays (benchmarks/startup.py, benchmarks/import_export.py);
- ``make_listener_profile``: one person's year of listening, with favourite artists by time of day,
  Zipf-like taste and sessions of ~12 plays (benchmarks/taste_speed.py);
- ``make_bulk_profile``: the product's own bulk library with varied names (benchmarks/ui.py);
- ``make_event_profile``: items and uniformly random events (benchmarks/playback.py);
- ``add_events``: two years of events appended to a scanned profile (benchmarks/scale.py, timed there).
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

from benchmarks.common import product

TASTE_GENRES = [
    "rock",
    "jazz",
    "pop",
    "electronic",
    "classical",
    "hip hop",
    "folk",
    "metal",
    "ambient",
    "soul",
    "blues",
    "reggae",
    "punk",
    "house",
    "country",
    "latin",
]


def make_rows_profile(data_dir: Path, tracks: int, events: int) -> None:
    """``tracks`` music items in one library folder and ``events`` plays over the last 30 days."""
    conn = product.open_db(data_dir)
    rng = random.Random(1)
    now = time.time()
    genres = ["rock", "pop", "jazz", "ambient", "folk", "electronic", "hip hop", "classical"]
    product.insert_rows(conn, "folders", ("path", "added_at"), [("/music", now)])
    items = (
        (
            f"/music/Artist {i % 1000}/Album {i % 2000}/{i:05d} Track {i}.flac",
            1,
            "music",
            1000000,
            0,
            now - i,
            now,
            f"Track {i}",
            f"Artist {i % 1000}",
            f"Album {i % 2000}",
            f'["{genres[i % len(genres)]}"]',
            1970 + i % 55,
            i % 12 + 1,
            120.0 + i % 240,
        )
        for i in range(tracks)
    )
    columns = "path folder_id kind size mtime_ns added_at updated_at title artist album genres year track_no duration"
    product.insert_rows(conn, "items", columns.split(), items)
    plays = [
        (
            rng.randrange(1, tracks + 1),
            rng.choice(["play", "completed", "completed", "skip"]),
            now - rng.uniform(0, 30 * 86400),
            60,
        )
        for _ in range(events)
    ]
    product.insert_rows(conn, "events", ("item_id", "type", "ts", "tz_offset_min"), plays)
    conn.close()


def make_bulk_profile(data_dir: Path, tracks: int) -> None:
    """The product's bulk library (varied names, ~12 tracks an album) with as many plays as tracks."""
    conn = product.open_db(data_dir)
    product.add_bulk_library(conn, tracks, plays=tracks)
    conn.close()


def make_event_profile(data_dir: Path, items: int, events: int) -> None:
    """``items`` items (every tenth a video) and ``events`` random plays, completions and skips in a year."""
    conn = product.open_db(data_dir)
    now = time.time()
    rows = [
        (f"/m/{i}.flac", "video" if i % 10 == 0 else "music", now, now, 200.0 + i % 3000)
        for i in range(items)
    ]
    product.insert_rows(conn, "items", ("path", "kind", "added_at", "updated_at", "duration"), rows)
    rng = random.Random(3)
    plays = [
        (
            rng.randrange(1, items + 1),
            rng.choice(("play", "completed", "skip")),
            now - rng.random() * 3e7,
            30.0,
            200.0,
        )
        for _ in range(events)
    ]
    product.insert_rows(conn, "events", ("item_id", "type", "ts", "position", "duration"), plays)
    conn.close()


def make_listener_profile(data_dir: Path, tracks: int, videos: int, events: int, seed: int = 7) -> None:
    """One listener: 25 tracks an artist, a genre per artist, a year of sessions at all hours in which
    80% of plays are of the 40 artists they favour at that time of day, 15% skips, 2% videos."""
    rng = random.Random(seed)
    conn = product.open_db(data_dir)
    now = time.time()
    columns = "path kind title artist album genres year duration bpm added_at updated_at show season episode"
    product.insert_rows(conn, "items", columns.split(), _listener_items(rng, tracks, videos, now))
    ids = product.item_ids(conn, "music")
    vids = product.item_ids(conn, "video")
    n_artists = max(1, tracks // 25)
    fav_by_part = {p: rng.sample(range(n_artists), min(40, n_artists)) for p in range(4)}
    rows: list[tuple] = []
    t = now - 365 * 86400
    session = 0
    while len(rows) < events:
        t += rng.expovariate(1 / (3.5 * 3600))
        hour = time.gmtime(t).tm_hour
        part = 0 if 5 <= hour < 12 else 1 if hour < 17 else 2 if hour < 22 else 3
        session += 1
        for _k in range(rng.randint(4, 20)):
            if rng.random() < 0.02 and vids:
                rows.append((rng.choice(vids), "completed", t, 60, 1500.0, 1500.0, f"s{session}", "app"))
                continue
            artist = rng.choice(fav_by_part[part]) if rng.random() < 0.8 else rng.randrange(n_artists)
            item = ids[min(len(ids) - 1, artist * 25 + int(rng.paretovariate(1.2)) % 25)]
            if rng.random() < 0.15:
                rows.append((item, "skip", t, 60, rng.random() * 40, 200.0, f"s{session}", "app"))
            else:
                source = "import:lastfm" if t < now - 200 * 86400 else "app"
                rows.append((item, "completed", t, 60, 200.0, 200.0, f"s{session}", source))
            t += 200
    columns = "item_id type ts tz_offset_min position duration session_id source"
    product.insert_rows(conn, "events", columns.split(), rows[:events])
    conn.close()


def cached_listener_profile(bench: Any, tracks: int, videos: int, events: int) -> Path:
    """``make_listener_profile`` at this size, made once in the bench's cache and reused; says which."""
    size = {"tracks": tracks, "videos": videos, "events": events}
    made = bench.cached("listener-profile", size, lambda d: make_listener_profile(d, tracks, videos, events))
    bench.say(f"profile: {tracks} tracks, {videos} videos, {events} events ({made})")
    return Path(made)


def _listener_items(rng: random.Random, tracks: int, videos: int, now: float) -> list[tuple]:
    items = []
    for i in range(tracks):
        a = i // 25
        g = TASTE_GENRES[(a * 7) % len(TASTE_GENRES)]
        path = f"/music/{g}/artist {a}/album {i // 10}/{i % 10:02d}.flac"
        added = now - rng.random() * 400 * 86400
        items.append(
            (path, "music", f"Track {i}", f"Artist {a}", f"Album {i // 10}", json.dumps([g]), 1990 + a % 35)
            + (180.0 + i % 120, float(80 + (i * 13) % 100), added, now, None, None, None)
        )
    for v in range(videos):
        show = v // 10
        genre = json.dumps([["drama", "comedy", "sci-fi", "documentary"][show % 4]])
        added = now - rng.random() * 400 * 86400
        items.append(
            (f"/video/Show {show}/S01E{v % 10 + 1:02d}.mkv", "video", f"Show {show} episode {v % 10 + 1}")
            + (None, None, genre, None, 1500.0, None, added, now, f"Show {show}", 1, v % 10 + 1)
        )
    return items


def add_events(data_dir: Path, n: int, seed: int = 3) -> None:
    """Append ``n`` events spread over two years (60% completions, 20% plays, 20% skips, 3% videos; 60% of
    the music plays go to a twentieth of the tracks), committed 50,000 at a time."""
    rng = random.Random(seed)
    conn = product.open_db(data_dir)
    ids = product.item_ids(conn, "music")
    videos = product.item_ids(conn, "video")
    favourites = rng.sample(ids, max(1, len(ids) // 20))
    start = time.time() - 2 * 365 * 86400
    ts, step = start, (time.time() - start) / n
    columns = (
        "item_id",
        "type",
        "ts",
        "tz_offset_min",
        "position",
        "duration",
        "start_reason",
        "end_reason",
        "source",
    )
    batch: list[tuple] = []
    for _k in range(n):
        ts += rng.expovariate(1 / step)
        if videos and rng.random() < 0.03:
            item = rng.choice(videos)
        else:
            item = rng.choice(favourites) if rng.random() < 0.6 else rng.choice(ids)
        kind = rng.choices(("completed", "play", "skip"), (0.6, 0.2, 0.2))[0]
        pos = rng.uniform(1, 25) if kind == "skip" else rng.uniform(60, 240)
        batch.append(
            (item, kind, ts, 60, pos, 240.0, "user", "ended" if kind == "completed" else "next", "app")
        )
        if len(batch) >= 50_000:
            product.insert_rows(conn, "events", columns, batch)
            batch.clear()
    product.insert_rows(conn, "events", columns, batch)
    conn.close()
