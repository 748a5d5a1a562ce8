"""MovieLens latest-small: loading it, and one user's personal library of movies in a profile DB.

Columns (README.txt): ratings.csv ``userId,movieId,rating,timestamp``; movies.csv
``movieId,title,genres`` (pipe-separated, title ends in "(year)"); tags.csv
``userId,movieId,tag,timestamp``. Timestamps are UTC unix seconds.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

LIBRARY_SIZE = 1000
NO_GENRES = "(no genres listed)"
_YEAR = re.compile(r"^(.*?)\s*\((\d{4})\)\s*$")


@dataclass(frozen=True)
class Movie:
    id: int
    title: str
    year: int | None
    genres: tuple[str, ...]


@dataclass
class MovieLens:
    movies: dict[int, Movie]
    users: np.ndarray  # per rating, int
    items: np.ndarray  # movieId per rating
    stars: np.ndarray  # 0.5 .. 5.0
    ts: np.ndarray  # unix seconds
    tags: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # movieId -> [(userId, tag)]

    def user_ratings(self, user: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(movieIds, stars, timestamps) of one user in time order (ties by movieId)."""
        sel = np.flatnonzero(self.users == user)
        order = np.lexsort((self.items[sel], self.ts[sel]))
        sel = sel[order]
        return self.items[sel], self.stars[sel], self.ts[sel]

    def users_with_at_least(self, n: int) -> list[int]:
        ids, counts = np.unique(self.users, return_counts=True)
        return [int(u) for u, c in zip(ids, counts, strict=True) if c >= n]


def parse_title(raw: str) -> tuple[str, int | None]:
    """'Toy Story (1995)' -> ('Toy Story', 1995); titles without a year keep their text."""
    m = _YEAR.match(raw)
    return (m.group(1), int(m.group(2))) if m else (raw.strip(), None)


def load_movielens(folder: Path) -> MovieLens:
    """Read the three CSV files of ml-latest-small (or a folder of the same shape)."""
    movies: dict[int, Movie] = {}
    with open(folder / "movies.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            title, year = parse_title(row["title"])
            genres = tuple(g for g in row["genres"].split("|") if g and g != NO_GENRES)
            movies[int(row["movieId"])] = Movie(int(row["movieId"]), title, year, genres)
    with open(folder / "ratings.csv", encoding="utf-8", newline="") as f:
        rows = [
            (int(r["userId"]), int(r["movieId"]), float(r["rating"]), int(r["timestamp"]))
            for r in csv.DictReader(f)
        ]
    arr = np.array(rows, dtype=np.float64).reshape(-1, 4)
    tags: dict[int, list[tuple[int, str]]] = {}
    tag_file = folder / "tags.csv"
    if tag_file.exists():
        with open(tag_file, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                tags.setdefault(int(r["movieId"]), []).append((int(r["userId"]), r["tag"].strip()))
    return MovieLens(
        movies,
        arr[:, 0].astype(np.int64),
        arr[:, 1].astype(np.int64),
        arr[:, 2],
        arr[:, 3].astype(np.int64),
        tags,
    )


def choose_library(
    ml: MovieLens, user: int, rng: np.random.Generator, size: int = LIBRARY_SIZE, fill: str = "uniform"
) -> list[int]:
    """The user's own library: every movie they rated, topped up with other movies to ``size``.

    ``fill="uniform"`` draws the top-up evenly from the catalogue (the issue's protocol: mostly
    obscure movies); ``"popular"`` draws it in proportion to how many ratings each movie has, so the
    top-up looks like movies people actually watch and "watched vs filler" is harder to tell apart.
    """
    rated = sorted(set(int(m) for m in ml.items[ml.users == user]))
    others = np.array(sorted(set(ml.movies) - set(rated)), dtype=np.int64)
    n = max(0, min(len(others), size - len(rated)))
    p = None
    if fill == "popular":
        ids, counts = np.unique(ml.items, return_counts=True)
        weight = dict(zip(ids.tolist(), counts.tolist(), strict=True))
        w = np.array([weight.get(int(m), 0) + 1.0 for m in others])  # +1: unrated movies stay possible
        p = w / w.sum()
    elif fill != "uniform":
        raise ValueError(f"unknown fill {fill!r}")
    extra = rng.choice(others, size=n, replace=False, p=p) if n else []
    return rated + sorted(int(m) for m in extra)


def insert_movies(
    conn: sqlite3.Connection, ml: MovieLens, movie_ids: list[int], user: int, added_at: float
) -> dict[int, int]:
    """Write the movies as video items; return movieId -> item id.

    Tags by other users go into ``extra`` as keywords; the user's own tags are left out, since
    tagging a movie reveals having watched it.
    """
    rows = []
    for mid in movie_ids:
        m = ml.movies[mid]
        tags = sorted({t for u, t in ml.tags.get(mid, []) if u != user})
        name = f"{m.title} ({m.year})" if m.year else m.title
        rows.append(
            (
                f"/sim/movies/{mid}/{name}.mkv",
                "video",
                "movie",
                added_at,
                added_at,
                m.title,
                m.year,
                json.dumps(list(m.genres)),
                6000.0,
                json.dumps({"tags": tags, "movielens_id": mid}),
            )
        )
    with conn:
        conn.executemany(
            "INSERT INTO items(path, kind, video_type, added_at, updated_at, title, year, genres, duration, extra)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    out = {}
    for item_id, path in conn.execute("SELECT id, path FROM items WHERE path LIKE '/sim/movies/%'"):
        out[int(path.split("/")[3])] = int(item_id)
    return out
