"""Three weeks of a person listening to the messy library (``companion.core.media.messy``), with habits.

Jazz on weekday mornings, and the rock they love in the evening skipped within seconds every morning; rock
in the evening, and jazz skipped early every evening; folk on weekend mornings; electronic, ambient and
the junk-tagged tapes in the afternoon; metal skipped early whenever it comes up. Plays go to whichever
file of a song comes to hand (the FLAC one day, the MP3 copy or the compilation's the next), as they do
when a person has several copies. A favourite is skipped at 0:03 on its last play, and one song is
disliked. Never played: the audiobook, the 27-hour WAV, the damaged FLAC.

Used by the curation report and the tests; everything goes through ``record_event`` as real plays do.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from companion.core.events.ratings import set_liked
from companion.core.events.record import record_event
from companion.core.library.queries import get_item_by_path
from companion.core.media.messy import MessyLibrary

SECONDS = 200.0  # the files are short clips; the events speak of whole songs, as imported history does


@dataclass
class Habits:
    """What the listener did, for checks: genres by moment, the favourite skipped last, the disliked song."""

    morning: str = "jazz"
    evening: str = "rock"
    weekend: str = "folk"
    skipped_favourite: int | None = None  # item id: loved, then skipped at 0:03 on its last play
    disliked: int | None = None
    files_played: set[int] = field(default_factory=set)


def _ids(conn: sqlite3.Connection, paths: list[Path]) -> list[int]:
    out = []
    for p in paths:
        item = get_item_by_path(conn, str(p))
        if item is not None:
            out.append(int(item["id"]))
    return out


def listen_to_messy(
    conn: sqlite3.Connection, lib: MessyLibrary, end: datetime, days: int = 21, seed: int = 3
) -> Habits:
    """Record ``days`` of listening ending the day before ``end`` (a timezone-aware midnight)."""
    rng = random.Random(seed)
    by_genre: dict[str, list[list[int]]] = {}
    for key, paths in lib.recordings.items():
        genre = lib.genre_of.get(key)
        files = _ids(conn, paths)
        if (
            genre
            and files
            and not any(p in lib.spoken or p in (lib.bogus_length, lib.damaged) for p in paths)
        ):
            by_genre.setdefault(genre, []).append(files)
    habits = Habits()

    def play(files: list[int], ts: float, kind: str, session: str) -> None:
        item = rng.choice(files)
        habits.files_played.add(item)
        position = SECONDS if kind == "completed" else 3.0
        record_event(
            conn, item, kind, ts=ts, tz_offset_min=0, position=position, duration=SECONDS, session_id=session
        )

    start = end - timedelta(days=days)
    for d in range(days):
        day = start + timedelta(days=d)
        weekend = day.weekday() >= 5
        sessions: list[tuple[float, str, str | None]]
        sessions = [(10.5, "folk", None)] if weekend else [(8.0, "jazz", "rock"), (19.0, "rock", "jazz")]
        sessions.append((14.5, rng.choice(["electronic", "ambient", "genre1", "other"]), None))
        for hour, genre, skipped in sessions:
            t = (day + timedelta(hours=hour)).timestamp()
            session = f"m{d}-{hour}"
            songs = by_genre.get(genre, [])
            for k in range(6 if songs else 0):
                play(rng.choice(songs), t + k * 210, "completed", session)
            for k, g in enumerate(filter(None, (skipped, skipped, "metal"))):
                play(rng.choice(by_genre[g]), t + 1300 + k * 20, "skip", session)
    _favourite_skipped_last(conn, by_genre, end, habits)
    spores = _ids(conn, lib.recordings.get("Neon Ferns - Spores", []))
    if spores:
        habits.disliked = spores[0]
        set_liked(conn, spores[0], -1, ts=(end - timedelta(days=2)).timestamp())
    return habits


def _favourite_skipped_last(
    conn: sqlite3.Connection, by_genre: dict[Any, Any], end: datetime, habits: Habits
) -> None:
    """A jazz song played through often this week, then skipped at 0:03 yesterday: no row is seeded by it."""
    files = by_genre["jazz"][0]
    for k in range(5):
        ts = (end - timedelta(days=6 - k, hours=1, minutes=30)).timestamp()
        record_event(conn, files[0], "completed", ts=ts, tz_offset_min=0, position=SECONDS, duration=SECONDS)
    ts = (end - timedelta(hours=1)).timestamp()  # after the day's last session
    record_event(conn, files[-1], "skip", ts=ts, tz_offset_min=0, position=3.0, duration=SECONDS)
    habits.skipped_favourite = files[0]
