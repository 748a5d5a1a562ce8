"""A generated music library written straight into a profile database (paths need not exist)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import numpy as np

# genre: (share of the library, BPM range, mood tag)
GENRES: dict[str, tuple[float, tuple[int, int], str]] = {
    "Jazz": (0.14, (80, 120), "chill"),
    "Electronic": (0.14, (118, 135), "party"),
    "Metal": (0.20, (140, 190), "energetic"),
    "Rock": (0.12, (100, 150), "energetic"),
    "Pop": (0.12, (95, 130), "happy"),
    "Folk": (0.10, (70, 110), "melancholic"),
    "Classical": (0.09, (60, 100), "focus"),
    "Hip-Hop": (0.09, (85, 100), "party"),
}
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "tor", "sa", "no", "bel", "dun", "fi", "qua", "zel", "or")


@dataclass(frozen=True)
class Track:
    id: int
    genre: str
    artist: str
    album: str
    year: int
    bpm: float
    mood: str
    duration: float


def _name(rng: np.random.Generator, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate_library(
    conn: sqlite3.Connection, *, n_tracks: int = 1500, seed: int = 7, added_at: float = 0.0
) -> list[Track]:
    """Insert about ``n_tracks`` music items (artists with albums of 8-12 tracks) and return them."""
    rng = np.random.default_rng(seed)
    rows: list[tuple] = []
    specs: list[tuple[str, str, str, int, float, str, float]] = []
    for genre, (weight, (lo, hi), mood) in GENRES.items():
        target = int(round(weight * n_tracks))
        made, a = 0, 0
        while made < target:
            artist = f"{_name(rng, 2)} {_name(rng, 2)} ({genre} {a})"
            a += 1
            for b in range(2):
                album = f"{_name(rng, 3)} {b + 1}"
                year = int(rng.integers(1965, 2024))
                for _t in range(int(rng.integers(8, 13))):
                    if made >= target:
                        break
                    specs.append(
                        (
                            genre,
                            artist,
                            album,
                            year,
                            float(rng.integers(lo, hi + 1)),
                            mood,
                            float(rng.integers(150, 320)),
                        )
                    )
                    made += 1
    for n, (genre, artist, album, year, bpm, mood, duration) in enumerate(specs):
        path = f"/sim/music/{genre}/{artist}/{album}/{n:05d}.flac"
        rows.append(
            (
                path,
                "music",
                added_at,
                added_at,
                f"{_name(rng, 2)} {n}",
                artist,
                artist,
                album,
                json.dumps([genre]),
                year,
                duration,
                bpm,
                mood,
            )
        )
    with conn:
        conn.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at, title, artist, album_artist, album, genres,"
            " year, duration, bpm, mood) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    ids = [r[0] for r in conn.execute("SELECT id FROM items WHERE path LIKE '/sim/music/%' ORDER BY id")]
    return [Track(i, *spec) for i, spec in zip(ids, specs, strict=True)]
