"""Imported plays that matched no file (``import_unmatched``), read and resolved by artist.

The importers resolve each waiting entry's artist (and album) against the library's names and store
the library's spelling (``artist_match``, ``album_match``); the taste engine and Insights read them
from here. Plain rows in, plain tuples out: no name logic in this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_MUSIC_PLAYS = "kind = 'music' AND type IN ('play', 'completed')"
TYPICAL_TRACK_SECONDS = 210.0  # a play of unknown length, when nothing imported says how long plays are


@dataclass(frozen=True)
class NamedPlay:
    """A music entry known only by name, resolved to a library artist (and album) or not."""

    id: int
    artist: str | None  # as the service named it
    album: str | None
    artist_match: str | None = None  # the library's spelling, when it has the artist
    album_match: str | None = None


@dataclass(frozen=True)
class ImportedListening:
    """All imported music listening: what matched files, what counts by artist, what waits."""

    plays: int  # imported plays (matched to a file or not)
    matched: int  # of them, plays that became events of a library item
    counted: int  # unmatched plays by an artist the library has
    artists_learned: int  # distinct library artists among those
    seconds: float  # listening time: known positions, else the matched item's length, else estimated
    top_artists: list[tuple[str, int]]  # imported plays by artist (as the export names them)


def library_names(conn: sqlite3.Connection) -> Iterator[tuple[str | None, str | None, str | None, int]]:
    """(artist, album artist, album, items) of every distinct music credit in the library."""
    yield from conn.execute(
        "SELECT artist, album_artist, album, count(*) FROM items WHERE kind = 'music' GROUP BY 1, 2, 3"
    )


def waiting_music(conn: sqlite3.Connection, after_id: int = 0) -> list[NamedPlay]:
    """Unmatched music entries (id > ``after_id``) by the names their service gave."""
    rows = conn.execute(
        "SELECT id, artist, album, artist_match, album_match FROM import_unmatched"
        " WHERE kind = 'music' AND id > ? ORDER BY id",
        (after_id,),
    )
    return [NamedPlay(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]


def last_unmatched_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM import_unmatched").fetchone()[0])


def store_matches(conn: sqlite3.Connection, resolved: Iterable[tuple[int, str | None, str | None]]) -> None:
    """Set (id, artist_match, album_match) rows, in the caller's transaction."""
    conn.executemany(
        "UPDATE import_unmatched SET artist_match = ?, album_match = ? WHERE id = ?",
        ((artist, album, row_id) for row_id, artist, album in resolved),
    )


def counted_since(conn: sqlite3.Connection, after_id: int) -> tuple[int, set[str]]:
    """(plays, library artists) of the unmatched music plays with id > ``after_id`` that count by artist."""
    rows = conn.execute(
        f"SELECT artist_match, count(*) FROM import_unmatched WHERE id > ? AND {_MUSIC_PLAYS}"
        " AND artist_match IS NOT NULL GROUP BY artist_match",
        (after_id,),
    ).fetchall()
    return sum(int(r[1]) for r in rows), {str(r[0]) for r in rows}


def named_fingerprint(conn: sqlite3.Connection) -> tuple[int, int, int, int]:
    """Changes whenever entries are added, removed or resolved anew (the taste engine reloads then)."""
    row = conn.execute(
        "SELECT count(*), coalesce(max(id), 0), count(artist_match), count(album_match) FROM import_unmatched"
    ).fetchone()
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]))


def named_plays(conn: sqlite3.Connection) -> list[tuple[float, str, str, str | None, float | None]]:
    """(ts, type, artist_match, album_match, position) of unmatched music entries with a library artist,
    in time order."""
    return conn.execute(
        "SELECT ts, type, artist_match, album_match, position FROM import_unmatched"
        " WHERE kind = 'music' AND artist_match IS NOT NULL ORDER BY ts, id"
    ).fetchall()


def imported_listening(conn: sqlite3.Connection, top: int = 10) -> ImportedListening:
    """The imported music listening, matched or not, for Insights."""
    m = conn.execute(
        "SELECT count(*), total(coalesce(e.position, e.duration, i.duration)),"
        " count(coalesce(e.position, e.duration, i.duration))"
        " FROM events e JOIN items i ON i.id = e.item_id"
        " WHERE e.source LIKE 'import:%' AND i.kind = 'music' AND e.type IN ('play', 'completed')"
    ).fetchone()
    u = conn.execute(
        f"SELECT count(*), count(artist_match), count(DISTINCT artist_match), total(position), count(position)"
        f" FROM import_unmatched WHERE {_MUSIC_PLAYS}"
    ).fetchone()
    matched, unmatched = int(m[0]), int(u[0])
    known_seconds, known = float(m[1]) + float(u[3]), int(m[2]) + int(u[4])
    typical = known_seconds / known if known else TYPICAL_TRACK_SECONDS
    top_rows = conn.execute(
        "SELECT name, sum(n) FROM ("
        " SELECT coalesce(i.artist, i.album_artist) AS name, count(*) AS n FROM events e"
        " JOIN items i ON i.id = e.item_id WHERE e.source LIKE 'import:%' AND i.kind = 'music'"
        " AND e.type IN ('play', 'completed') GROUP BY name COLLATE NOCASE"
        f" UNION ALL SELECT coalesce(artist_match, artist), count(*) FROM import_unmatched WHERE {_MUSIC_PLAYS}"
        " GROUP BY coalesce(artist_match, artist) COLLATE NOCASE"
        ") WHERE name IS NOT NULL GROUP BY name COLLATE NOCASE ORDER BY 2 DESC, name LIMIT ?",
        (top,),
    ).fetchall()
    return ImportedListening(
        plays=matched + unmatched,
        matched=matched,
        counted=int(u[1]),
        artists_learned=int(u[2]),
        seconds=known_seconds + typical * (matched + unmatched - known),
        top_artists=[(str(r[0]), int(r[1])) for r in top_rows],
    )
