"""A week of simulated listening so the demo's home has taste to show.

A person with habits: calm music in the morning, upbeat in the evening, skips loud
guitars, watched the first episode of a show and stopped half way through a movie.
Everything goes through ``record_event`` like real plays do.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from datetime import datetime, timedelta
from typing import Any

from companion.core.db import demo as demo_db
from companion.core.db import events as event_db
from companion.core.db import playback as playback_db
from companion.core.db.events import EventType
from companion.core.events.ratings import set_liked, set_stars
from companion.core.events.record import record_event

DEMO_MARK = {"demo": True}

# day-part -> (start hour, artists played, how many tracks)
SESSIONS: tuple[tuple[float, tuple[str, ...], int], ...] = (
    (7.0, ("Northern Lights", "Night Bus", "Oak & Ember"), 14),
    (12.5, ("Marisol Vega", "Luna Park Trio", "Oak & Ember"), 6),
    (15.0, ("Night Bus", "Northern Lights", "Luna Park Trio"), 8),
    (18.5, ("Kilowatt Kids", "Glasshouse", "Velvet Static", "Marisol Vega"), 16),
    (22.5, ("Luna Park Trio", "Night Bus", "Northern Lights"), 6),
)
SKIPPED_ARTISTS = {"Velvet Static"}
LIKES = (
    ("Night Bus", "Late Tram"),
    ("Oak & Ember", "Woodsmoke"),
    ("Glasshouse", "Prism City"),
    ("Luna Park Trio", "After Hours"),
)
DISLIKES = (("Velvet Static", "Fuzz Parade"),)
STARS = (
    (("Night Bus", "Steam on Glass"), 5.0),
    (("Kilowatt Kids", "Neon Runner"), 4.0),
    (("Northern Lights", "Blue Hour"), 4.5),
    (("Velvet Static", "Garage Heart"), 2.0),
)


def already_simulated(conn: sqlite3.Connection) -> bool:
    return event_db.any_with_data(conn, json.dumps(DEMO_MARK))


def simulate_week(conn: sqlite3.Connection, now: float | None = None, seed: int = 7) -> int:
    """Record a week of plays, skips, likes and ratings ending at ``now``; return how many events."""
    now = time.time() if now is None else now
    rng = random.Random(seed)
    tracks = _tracks_by_artist(conn)
    count = 0
    today = datetime.fromtimestamp(now).astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    for days_ago in range(7, 0, -1):
        day = today - timedelta(days=days_ago)
        for start_hour, artists, n in SESSIONS:
            if rng.random() < 0.2:
                continue  # not every day has every session
            ts = (day + timedelta(hours=start_hour, minutes=rng.randint(0, 40))).timestamp()
            for _ in range(n):
                artist = rng.choice(artists)
                if artist not in tracks:
                    continue
                item_id, duration = rng.choice(tracks[artist])
                if artist in SKIPPED_ARTISTS and rng.random() < 0.7:
                    pos = rng.uniform(2, 6)
                    _event(
                        conn, item_id, EventType.SKIP, ts, position=pos, duration=duration, end_reason="next"
                    )
                    ts += pos + rng.uniform(1, 5)
                else:
                    _played_through(conn, item_id, ts, duration)
                    ts += rng.uniform(150, 280)  # as if a song of ordinary length had played
                count += 1
        if day.weekday() >= 5 or days_ago == 2:
            count += _watch(conn, day, rng)
    count += _opinions(conn, now)
    return count


def _watch(conn: sqlite3.Connection, day: datetime, rng: random.Random) -> int:
    """An evening of video: the show's first episode, and half a movie."""
    ts = (day + timedelta(hours=20, minutes=rng.randint(0, 30))).timestamp()
    n = 0
    for item_id, duration, video_type, episode in demo_db.videos(conn):
        if video_type == "episode" and episode == 1:
            _played_through(conn, item_id, ts, duration)
            n += 1
        elif video_type == "movie" and n == 1:
            pos = (duration or 10) * 0.55
            _event(
                conn, item_id, EventType.PLAY, ts + 600, position=pos, duration=duration, end_reason="closed"
            )
            with conn:
                playback_db.put_resume_point(conn, playback_db.ResumeRow(item_id, pos, duration, ts + 600))
            n += 1
    return n


def _opinions(conn: sqlite3.Connection, now: float) -> int:
    n = 0
    for (artist, title), liked in [(k, 1) for k in LIKES] + [(k, -1) for k in DISLIKES]:
        item_id = _find(conn, artist, title)
        if item_id is not None:
            set_liked(conn, item_id, liked, ts=now - 3600 * (n + 2))
            n += 1
    for (artist, title), stars in STARS:
        item_id = _find(conn, artist, title)
        if item_id is not None:
            set_stars(conn, item_id, stars, ts=now - 1800 * (n + 1))
            n += 1
    return n


def _event(conn: sqlite3.Connection, item_id: int, type: str, ts: float, **kw: Any) -> None:
    record_event(
        conn,
        item_id,
        type,
        ts=ts,
        start_reason=kw.pop("start_reason", "user"),
        session_id="demo",
        data=DEMO_MARK,
        **kw,
    )


def _played_through(conn: sqlite3.Connection, item_id: int, ts: float, duration: float | None) -> None:
    _event(conn, item_id, EventType.COMPLETED, ts, position=duration, duration=duration, end_reason="ended")


def _tracks_by_artist(conn: sqlite3.Connection) -> dict[str, list[tuple[int, float]]]:
    out: dict[str, list[tuple[int, float]]] = {}
    for t in demo_db.music_tracks(conn):
        out.setdefault(t.artist or "", []).append((t.id, float(t.duration or 30)))
    return out


def _find(conn: sqlite3.Connection, artist: str, title: str) -> int | None:
    return demo_db.find(conn, artist, title)
