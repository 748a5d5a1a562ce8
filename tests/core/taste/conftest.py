"""A small generated library and a simulated listener, inserted straight into the database (fast)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from companion.core.events.record import record_event

GENRES = ("jazz", "rock", "metal", "ambient", "pop", "classical")
# weekday mornings: jazz; evenings: rock; metal is always skipped within seconds
T0 = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday


def add_items(
    conn,
    *,
    genres=GENRES,
    artists_per_genre=6,
    albums_per_artist=2,
    tracks_per_album=5,
    added_at: float | None = None,
    videos: int = 0,
    folder: str = "music",
) -> dict[str, list[int]]:
    """Insert a music library (and optional episodes); returns genre -> item ids."""
    now = time.time() if added_at is None else added_at
    out: dict[str, list[int]] = {g: [] for g in genres}
    rows = []
    n = 0
    for g in genres:
        for a in range(artists_per_genre):
            for al in range(albums_per_artist):
                for t in range(tracks_per_album):
                    n += 1
                    rows.append(
                        (
                            f"/{folder}/{g}/{g} artist {a}/album {al}/{t:02d}.flac",
                            "music",
                            f"{g} song {n}",
                            f"{g.title()} Artist {a}",
                            f"{g} album {a}-{al}",
                            json.dumps([g]),
                            t + 1,
                            200.0,
                            now,
                            now,
                            g,
                        )
                    )
    with conn:
        for r in rows:
            cur = conn.execute(
                "INSERT INTO items(path, kind, title, artist, album, genres, track_no, duration, added_at,"
                " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                r[:10],
            )
            out[r[10]].append(int(cur.lastrowid))
        for s in range(videos):
            for e in range(1, 6):
                cur = conn.execute(
                    "INSERT INTO items(path, kind, title, show, season, episode, video_type, genres, duration,"
                    " added_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        f"/tv/Show {s}/S01E{e:02d}.mkv",
                        "video",
                        f"Show {s} episode {e}",
                        f"Show {s}",
                        1,
                        e,
                        "episode",
                        json.dumps(["drama" if s % 2 else "sci-fi"]),
                        1500.0,
                        now,
                        now,
                    ),
                )
                out.setdefault("video", []).append(int(cur.lastrowid))
    return out


def listen(conn, library, days: int = 14, start: datetime = T0, tz_min: int = 0) -> datetime:
    """Two weeks of a person with habits: jazz on weekday mornings, rock in the evenings, metal skipped early."""
    import random

    rng = random.Random(1)
    for d in range(days):
        day = start + timedelta(days=d)
        slots = [(8, "jazz"), (19, "rock")] if day.weekday() < 5 else [(11, "pop"), (20, "rock")]
        for hour, genre in slots:
            t = day + timedelta(hours=hour)
            session = f"s{d}-{hour}"
            for k in range(8):
                ts = (t + timedelta(minutes=4 * k)).timestamp()
                if k % 4 == 3:  # now and then something else comes up: metal is skipped at once
                    item = rng.choice(library["metal"])
                    record_event(
                        conn,
                        item,
                        "skip",
                        ts=ts,
                        tz_offset_min=tz_min,
                        position=3.0,
                        duration=200.0,
                        session_id=session,
                    )
                    continue
                item = rng.choice(library[genre][:30])
                record_event(
                    conn,
                    item,
                    "completed",
                    ts=ts,
                    tz_offset_min=tz_min,
                    position=200.0,
                    duration=200.0,
                    session_id=session,
                )
    return start + timedelta(days=days)


@pytest.fixture(autouse=True)
def _forget_taste_state():
    """Every test starts and ends without the taste engine's in-memory state of another profile."""
    from companion.core.taste.home import forget_state

    forget_state()
    yield
    forget_state()


@pytest.fixture
def library(db):
    return add_items(db)


@pytest.fixture
def listened(db, library):
    end = listen(db, library)
    return library, end


@pytest.fixture
def fresh_state():
    """The taste engine's in-memory state forgotten before and after the test."""
    from companion.core.taste.home import forget_state

    forget_state()
    yield
    forget_state()
