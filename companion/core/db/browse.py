"""The library as people browse it: ``companion library --json``'s items with their listening facts,
and the window's grouped tables (tracks, albums, artists, genres, movies, episodes)."""

from __future__ import annotations

import sqlite3
from typing import Any

from companion.core.db.events import PLAYS_SQL, EventType

_ORDER = (
    " ORDER BY i.kind, COALESCE(i.album_artist, i.artist) COLLATE NOCASE, i.album COLLATE NOCASE, "
    "i.disc_no, i.track_no, i.show, i.season, i.episode, i.title COLLATE NOCASE"
)


def items_with_listening(conn: sqlite3.Connection, kind: str | None = None) -> list[dict[str, Any]]:
    """Every column of every item (of one kind, or all; "spoken" is music told apart as spoken word, and
    "music" leaves it out), plus ``r_stars`` and ``r_liked`` (the person's
    rating), ``plays``, ``skips`` and ``last_played``; in artist / album / disc / track order."""
    sql = (
        "SELECT i.*, r.stars AS r_stars, r.liked AS r_liked, e.plays, e.skips, e.last_played FROM items i "
        "LEFT JOIN ratings r ON r.item_id = i.id "
        f"LEFT JOIN (SELECT item_id, SUM(type IN ({PLAYS_SQL})) AS plays, "
        f"SUM(type = '{EventType.SKIP.value}') AS skips, "
        f"MAX(CASE WHEN type IN ({PLAYS_SQL}) THEN ts END) AS last_played FROM events GROUP BY item_id) e "
        "ON e.item_id = i.id"
    )
    args: list[Any] = []
    if kind == "spoken":  # spoken word is music-kind in the table, told apart by why it is spoken
        sql += " WHERE i.kind = 'music' AND i.spoken IS NOT NULL"
    elif kind:
        sql += " WHERE i.kind = ?" + (" AND i.spoken IS NULL" if kind == "music" else "")
        args.append(kind)
    cur = conn.execute(sql + _ORDER, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


_PLAYS = (
    f"LEFT JOIN (SELECT item_id, COUNT(*) AS n FROM events WHERE type IN ({PLAYS_SQL})"
    " GROUP BY item_id) p ON p.item_id = i.id LEFT JOIN ratings r ON r.item_id = i.id"
)

# view -> (column names, query): the first column is an item id (of the group's first item)
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "tracks": (  # every file; hidden file facts after the shown columns (library.versions.FILE_FACTS)
        ("id", "Title", "Artist", "Album", "Genre", "Year", "Time", "Rating", "Plays", "Added", "Files"),
        "SELECT i.id, COALESCE(i.title, ''), COALESCE(i.artist, ''), COALESCE(i.album, ''),"
        " COALESCE(json_extract(i.genres, '$[0]'), ''), i.year, i.duration, r.stars, COALESCE(p.n, 0),"
        " i.added_at, COALESCE(i.recording_id, i.id), i.path, i.status, i.bitrate, i.has_cover, i.implausible"
        f" FROM items i {_PLAYS} WHERE i.kind = 'music' AND i.spoken IS NULL AND i.status != 'missing'"
        " ORDER BY i.artist COLLATE NOCASE, i.album COLLATE NOCASE, i.disc_no, i.track_no",
    ),
    "albums": (
        ("id", "Album", "Artist", "Year", "Tracks", "Time", "Plays"),
        "SELECT MIN(i.id), COALESCE(i.album, ''), COALESCE(i.album_artist, i.artist, ''), MAX(i.year),"
        f" COUNT(*), SUM(i.duration), SUM(COALESCE(p.n, 0)) FROM items i {_PLAYS}"
        " WHERE i.kind = 'music' AND i.spoken IS NULL AND i.status != 'missing' GROUP BY i.album, COALESCE(i.album_artist,"
        " i.artist) ORDER BY 3 COLLATE NOCASE, 2 COLLATE NOCASE",
    ),
    "artists": (
        ("id", "Artist", "Albums", "Tracks", "Plays"),
        "SELECT MIN(i.id), COALESCE(i.artist, ''), COUNT(DISTINCT i.album), COUNT(*), SUM(COALESCE(p.n, 0))"
        f" FROM items i {_PLAYS} WHERE i.kind = 'music' AND i.spoken IS NULL AND i.status != 'missing' GROUP BY i.artist"
        " ORDER BY 2 COLLATE NOCASE",
    ),
    "genres": (
        ("id", "Genre", "Artists", "Tracks", "Plays"),
        "SELECT MIN(i.id), COALESCE(json_extract(i.genres, '$[0]'), ''), COUNT(DISTINCT i.artist), COUNT(*),"
        f" SUM(COALESCE(p.n, 0)) FROM items i {_PLAYS} WHERE i.kind = 'music' AND i.spoken IS NULL AND i.status != 'missing'"
        " GROUP BY 2 ORDER BY 2 COLLATE NOCASE",
    ),
    "movies": (
        ("id", "Title", "Year", "Time", "Rating", "Plays", "Added"),
        "SELECT i.id, COALESCE(i.title, ''), i.year, i.duration, r.stars, COALESCE(p.n, 0), i.added_at"
        f" FROM items i {_PLAYS} WHERE i.kind = 'video' AND COALESCE(i.video_type, 'movie') != 'episode'"
        " AND i.status != 'missing' ORDER BY i.title COLLATE NOCASE",
    ),
    "episodes": (
        ("id", "Show", "Season", "Episode", "Title", "Time", "Rating", "Plays"),
        "SELECT i.id, COALESCE(i.show, ''), i.season, i.episode, COALESCE(i.title, ''), i.duration,"
        f" r.stars, COALESCE(p.n, 0) FROM items i {_PLAYS} WHERE i.kind = 'video'"
        " AND i.video_type = 'episode' AND i.status != 'missing'"
        " ORDER BY i.show COLLATE NOCASE, i.season, i.episode",
    ),
}


def table(conn: sqlite3.Connection, view: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """(column names, rows of plain values) of one of TABLES (100,000 rows in well under a second)."""
    if view not in TABLES:
        raise ValueError(f"unknown library view {view!r}")
    columns, sql = TABLES[view]
    return columns, [tuple(r) for r in conn.execute(sql)]
