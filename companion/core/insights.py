"""What the Insights page shows, computed on the device from events and the library.

Pure functions over one connection: no Qt, no drawing. Plays are ``play`` and
``completed`` events; time is each event's own local time (UTC + its offset).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from companion.core.db import insights as insight_db
from companion.core.db.imported_plays import ImportedListening, imported_listening
from companion.core.taste.context import day_part
from companion.core.taste.kmeans import kmeans
from companion.core.taste.library import _genres  # the one way genre text is read

__all__ = ["ImportedListening", "Insights", "TastePoint", "compute"]
DAY_PARTS = ("morning", "afternoon", "evening", "night")


@dataclass(frozen=True)
class TastePoint:
    x: float
    y: float
    weight: float  # plays
    cluster: int
    label: str  # artist or show


@dataclass(frozen=True)
class Insights:
    heatmap: tuple[tuple[int, ...], ...]  # 7 weekdays (Monday first) x 24 hours
    top_artists: dict[str, list[tuple[str, int]]]  # day-part -> [(artist, plays)]
    top_genres: dict[str, list[tuple[str, int]]]
    familiar: int  # plays of things played before that day
    new: int  # first plays
    points: tuple[TastePoint, ...] = ()
    cluster_names: tuple[str, ...] = ()
    total_plays: int = 0
    hours: float = 0.0
    skips: int = 0
    weekly: tuple[tuple[int, int], ...] = field(default_factory=tuple)  # (familiar, new) for the last 4 weeks
    imported: ImportedListening | None = None  # listening brought from other services, None if none


def heatmap(conn: sqlite3.Connection) -> tuple[tuple[int, ...], ...]:
    grid = np.zeros((7, 24), dtype=int)
    for c in insight_db.plays_by_weekday_hour(conn):
        grid[c.weekday, c.hour] = c.plays
    return tuple(tuple(int(v) for v in row) for row in grid)


def top_by_day_part(
    conn: sqlite3.Connection, limit: int = 5
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[tuple[str, int]]]]:
    artists: dict[str, Counter[str]] = {p: Counter() for p in DAY_PARTS}
    genres: dict[str, Counter[str]] = {p: Counter() for p in DAY_PARTS}
    for hour, artist, show, genre_text in insight_db.plays_with_items(conn):
        part = day_part(float(hour))
        who = artist or show
        if who:
            artists[part][who] += 1
        for g in _genres(genre_text):
            genres[part][g] += 1
    return (
        {p: c.most_common(limit) for p, c in artists.items()},
        {p: c.most_common(limit) for p, c in genres.items()},
    )


def familiar_vs_new(conn: sqlite3.Connection) -> tuple[int, int]:
    """Plays of an item already played before (familiar) vs its very first play (new)."""
    total, distinct = insight_db.plays_and_items_played(conn)
    return total - distinct, distinct


def weekly_familiar_new(conn: sqlite3.Connection, now: float, weeks: int = 4) -> tuple[tuple[int, int], ...]:
    first = insight_db.first_plays(conn)
    out = []
    for w in range(weeks, 0, -1):
        start, end = now - w * 7 * 86400, now - (w - 1) * 7 * 86400
        fam = new = 0
        for item_id, ts in insight_db.plays_between(conn, start, end):
            if first.get(item_id) == ts:
                new += 1
            else:
                fam += 1
        out.append((fam, new))
    return tuple(out)


def taste_map(
    conn: sqlite3.Connection, max_clusters: int = 4, seed: int = 0
) -> tuple[tuple[TastePoint, ...], tuple[str, ...]]:
    """Artists placed by what they sound like (genre, tempo, mood), sized by plays, grouped into clusters.

    Music only: a show has no genre or tempo to place it by."""
    rows = insight_db.music_artist_plays(conn)
    if len(rows) < 2:
        return (), ()
    vocab = sorted({g for r in rows for g in _genres(r.genres)} | {f"mood:{r.mood}" for r in rows if r.mood})
    index = {v: k for k, v in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab) + 1))
    for k, r in enumerate(rows):
        for g in _genres(r.genres):
            x[k, index[g]] = 1.0
        if r.mood:
            x[k, index[f"mood:{r.mood}"]] = 0.7
        x[k, -1] = ((r.bpm or 100.0) - 100.0) / 40.0
    centred = x - x.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    xy = u[:, :2] * s[:2] if s.size >= 2 else np.c_[u[:, 0] * s[0], np.zeros(len(rows))]
    k = min(max_clusters, len(rows))

    labels = kmeans(x, k, n_init=4, seed=seed).labels
    names = []
    for c in range(k):
        members = [rows[i] for i in range(len(rows)) if labels[i] == c]
        genre_count: Counter[str] = Counter()
        for r in members:
            for g in _genres(r.genres):
                genre_count[g] += int(r.plays)
        names.append(" & ".join(g.title() for g, _ in genre_count.most_common(2)) or f"Group {c + 1}")
    span = np.abs(xy).max(axis=0)
    span[span == 0] = 1.0
    xy = xy / span
    points = tuple(
        TastePoint(float(xy[i, 0]), float(xy[i, 1]), float(rows[i].plays), int(labels[i]), str(rows[i].who))
        for i in range(len(rows))
    )
    return points, tuple(names)


def compute(conn: sqlite3.Connection, now: float) -> Insights:
    artists, genres = top_by_day_part(conn)
    familiar, new = familiar_vs_new(conn)
    points, names = taste_map(conn)
    sums = insight_db.totals(conn)
    return Insights(
        heatmap=heatmap(conn),
        top_artists=artists,
        top_genres=genres,
        familiar=familiar,
        new=new,
        points=points,
        cluster_names=names,
        total_plays=sums.plays,
        hours=sums.seconds / 3600.0,
        skips=sums.skips,
        weekly=weekly_familiar_new(conn, now),
        imported=_imported(conn),
    )


def _imported(conn: sqlite3.Connection) -> ImportedListening | None:
    """Imported listening, matched to files or not (plays of artists the library lacks count here too)."""
    got = imported_listening(conn)
    return got if got.plays else None
