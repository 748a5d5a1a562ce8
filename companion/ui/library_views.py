"""The library as the window's tables show it: one grouped query per view, plain tuples.

Tuples, not dicts: 100,000 rows load in well under a second and the table model sorts
them in memory. The connection comes from the caller's thread (``Store.conn()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Table:
    """A library view: column names and rows of plain values (fast to build, cheap to sort)."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


OPINION_VIEWS = frozenset({"tracks", "movies"})  # the window adds an "Opinion" column to these

_PLAYS = (
    "LEFT JOIN (SELECT item_id, COUNT(*) AS n FROM events WHERE type IN ('play', 'completed')"
    " GROUP BY item_id) p ON p.item_id = i.id LEFT JOIN ratings r ON r.item_id = i.id"
)

VIEWS: dict[str, tuple[tuple[str, ...], str]] = {
    "tracks": (  # one row per recording (see load_view): the hidden file facts pick its best file
        ("id", "Title", "Artist", "Album", "Genre", "Year", "Time", "Rating", "Plays", "Added", "Files"),
        "SELECT i.id, COALESCE(i.title, ''), COALESCE(i.artist, ''), COALESCE(i.album, ''),"
        " COALESCE(json_extract(i.genres, '$[0]'), ''), i.year, i.duration, r.stars, COALESCE(p.n, 0),"
        " i.added_at, COALESCE(i.recording_id, i.id), i.path, i.status, i.bitrate, i.has_cover, i.implausible"
        f" FROM items i {_PLAYS} WHERE i.kind = 'music' AND i.status != 'missing'"
        " ORDER BY i.artist COLLATE NOCASE, i.album COLLATE NOCASE, i.disc_no, i.track_no",
    ),
    "albums": (
        ("id", "Album", "Artist", "Year", "Tracks", "Time", "Plays"),
        "SELECT MIN(i.id), COALESCE(i.album, ''), COALESCE(i.album_artist, i.artist, ''), MAX(i.year),"
        f" COUNT(*), SUM(i.duration), SUM(COALESCE(p.n, 0)) FROM items i {_PLAYS}"
        " WHERE i.kind = 'music' AND i.status != 'missing' GROUP BY i.album, COALESCE(i.album_artist,"
        " i.artist) ORDER BY 3 COLLATE NOCASE, 2 COLLATE NOCASE",
    ),
    "artists": (
        ("id", "Artist", "Albums", "Tracks", "Plays"),
        "SELECT MIN(i.id), COALESCE(i.artist, ''), COUNT(DISTINCT i.album), COUNT(*), SUM(COALESCE(p.n, 0))"
        f" FROM items i {_PLAYS} WHERE i.kind = 'music' AND i.status != 'missing' GROUP BY i.artist"
        " ORDER BY 2 COLLATE NOCASE",
    ),
    "genres": (
        ("id", "Genre", "Artists", "Tracks", "Plays"),
        "SELECT MIN(i.id), COALESCE(json_extract(i.genres, '$[0]'), ''), COUNT(DISTINCT i.artist), COUNT(*),"
        f" SUM(COALESCE(p.n, 0)) FROM items i {_PLAYS} WHERE i.kind = 'music' AND i.status != 'missing'"
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


def load_view(conn: Any, view: str) -> Table:
    if view == "playlists":  # saved and imported playlists (PlaylistInfo fields as tuples)
        from dataclasses import astuple

        from companion.core.playlists.repo import list_playlists

        return Table(
            ("id", "Name", "Format", "Source", "Entries", "Matched", "Updated"),
            [astuple(p) for p in list_playlists(conn)],
        )
    if view not in VIEWS:
        raise ValueError(f"unknown library view {view!r}")
    columns, sql = VIEWS[view]
    if view == "tracks":  # a song kept as FLAC, MP3 and M4A is one row: "3 files"
        from companion.core.library.versions import one_row_per_recording

        return Table(columns, one_row_per_recording(conn.execute(sql), shown=10, plays_col=8))
    return Table(columns, [tuple(r) for r in conn.execute(sql)])
