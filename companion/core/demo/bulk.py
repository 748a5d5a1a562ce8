"""A large synthetic library (rows only, no files) for benchmarks and scale tests.

The files do not exist: this measures the window and the queries, not the scanner.
Names are varied enough that sorting and filtering do real work.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time

from companion.core.db import demo as demo_db
from companion.core.db import events as event_db
from companion.core.db.events import EventType, NewEvent

GENRES = ("Rock", "Jazz", "Electronic", "Folk", "Hip Hop", "Classical", "Ambient", "Pop", "Soul", "Metal")
WORDS = (
    "blue",
    "night",
    "river",
    "echo",
    "paper",
    "glass",
    "summer",
    "velvet",
    "northern",
    "static",
    "golden",
    "quiet",
    "wild",
    "silver",
    "city",
    "ocean",
    "morning",
    "electric",
    "hollow",
    "crimson",
)


def add_bulk_library(
    conn: sqlite3.Connection, tracks: int, *, seed: int = 1, plays: int = 0, root: str = "/nonexistent/bulk"
) -> int:
    """Insert ``tracks`` music items (about 12 per album, 4 albums per artist) and ``plays`` play events."""
    rng = random.Random(seed)
    now = time.time()
    rows = []
    for n in range(tracks):
        artist_no, album_no = n // 48, n // 12
        artist = f"{rng.choice(WORDS).title()} {WORDS[artist_no % len(WORDS)].title()} {artist_no}"
        album = f"{WORDS[album_no % len(WORDS)].title()} {rng.choice(WORDS).title()}"
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).title()
        rows.append(
            demo_db.BulkTrack(
                f"{root}/{artist_no}/{album_no}/{n:06d}.mp3",
                "music",
                now - rng.uniform(0, 3e7),
                now,
                title,
                artist,
                artist,
                album,
                json.dumps([GENRES[artist_no % len(GENRES)]]),
                1960 + rng.randint(0, 64),
                n % 12 + 1,
                rng.uniform(90, 420),
                1,
            )
        )
    demo_db.add_tracks(conn, rows)
    if plays:
        ids = demo_db.ids_like(conn, f"{root}/%")
        events = [
            NewEvent(rng.choice(ids), EventType.COMPLETED, now - rng.uniform(0, 3e6), 0, source="bulk")
            for _ in range(plays)
        ]
        with conn:
            event_db.insert_many(conn, events)
    return tracks
