"""What the flow features read from the library: the ends of queued tracks (crossfades) and the sound facts
of candidates (flow order, arcs). Plain values only: paths as stored (``companion.core.library.pathcodec``);
``companion.core.flow.transition.track_ends`` makes the crossfade's ``TrackEnds`` of these rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

_ENDS_SQL = (
    "SELECT i.id, i.path, i.kind, i.spoken, i.album, i.album_artist, i.disc_no, i.track_no, i.duration,"
    " f.intro_end, f.outro_start, f.energy_in, f.energy_out, f.bpm"
    " FROM items i LEFT JOIN audio_features f ON f.item_id = i.id AND f.error IS NULL"
)


class Ends(NamedTuple):
    """One queued track's row: what a transition needs to know (its fields are ``TrackEnds``')."""

    item_id: int
    path: str  # as stored
    kind: str
    spoken: bool
    album: str | None
    album_artist: str | None
    disc_no: int | None
    track_no: int | None
    duration: float | None
    intro_end: float | None
    outro_start: float | None
    energy_in: float | None
    energy_out: float | None
    bpm: float | None


def track_ends(conn: sqlite3.Connection, item_ids: Iterable[int]) -> dict[int, Ends]:
    """The ends of the given items (unknown ids are left out; unanalysed tracks have None ends)."""
    ids = list(dict.fromkeys(int(i) for i in item_ids))
    out: dict[int, Ends] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sql = f"{_ENDS_SQL} WHERE i.id IN ({','.join('?' * len(chunk))})"
        for r in conn.execute(sql, chunk):
            out[int(r[0])] = Ends(
                item_id=int(r[0]),
                path=r[1],
                kind=r[2],
                spoken=bool(r[3]),
                album=r[4],
                album_artist=r[5],
                disc_no=r[6],
                track_no=r[7],
                duration=r[8],
                intro_end=r[9],
                outro_start=r[10],
                energy_in=r[11],
                energy_out=r[12],
                bpm=r[13],
            )
    return out


def recent_plays(conn: sqlite3.Connection, limit: int = 20000) -> tuple[list[float], list[int], list[int]]:
    """(times, item ids, event ids) of the latest ``limit`` plays and completions, oldest first (for
    session kNN)."""
    rows = conn.execute(
        "SELECT ts, item_id, id FROM (SELECT ts, item_id, id FROM events WHERE type IN ('play', 'completed') "
        "AND item_id IS NOT NULL ORDER BY ts DESC, id DESC LIMIT ?) ORDER BY ts, id",
        (int(limit),),
    ).fetchall()
    return [float(r[0]) for r in rows], [int(r[1]) for r in rows], [int(r[2]) for r in rows]


def latest_outcomes(conn: sqlite3.Connection, n: int = 2) -> list[tuple[str, int, float]]:
    """(type, item id, ts) of the latest ``n`` play/completed/skip events, newest first."""
    rows = conn.execute(
        "SELECT type, item_id, ts FROM events WHERE type IN ('play', 'completed', 'skip') AND item_id IS NOT NULL "
        "ORDER BY ts DESC, id DESC LIMIT ?",
        (int(n),),
    ).fetchall()
    return [(str(r[0]), int(r[1]), float(r[2])) for r in rows]
