"""Resume points ("continue watching") and "up next" for episodes.

A resume point is kept only between the first minute and the last few percent
(``thresholds.keeps_resume_point``); finishing an item, or stopping outside that
window, clears it. Reads and writes run inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from companion.core.events.thresholds import keeps_resume_point


@dataclass(frozen=True)
class ResumePoint:
    item_id: int
    position: float
    duration: float | None
    updated_at: float


def update_after_playback(
    conn: sqlite3.Connection, item_id: int, kind: str, position: float, duration: float | None, ts: float
) -> None:
    """Keep, move or clear the item's resume point after a playback stopped at ``position``."""
    if keeps_resume_point(kind, position, duration):
        conn.execute(
            "INSERT INTO resume_points(item_id, position, duration, updated_at) VALUES (?,?,?,?)"
            " ON CONFLICT(item_id) DO UPDATE SET position=excluded.position, duration=excluded.duration,"
            " updated_at=excluded.updated_at",
            (item_id, round(position, 3), duration, ts),
        )
    else:
        conn.execute("DELETE FROM resume_points WHERE item_id = ?", (item_id,))


def resume_point(conn: sqlite3.Connection, item_id: int) -> ResumePoint | None:
    row = conn.execute(
        "SELECT item_id, position, duration, updated_at FROM resume_points WHERE item_id = ?", (item_id,)
    ).fetchone()
    return ResumePoint(*tuple(row)) if row else None


def resume_points(conn: sqlite3.Connection, limit: int = 50) -> list[ResumePoint]:
    """Unfinished items, most recently watched first (for a "Continue" row)."""
    rows = conn.execute(
        "SELECT r.item_id, r.position, r.duration, r.updated_at FROM resume_points r"
        " JOIN items i ON i.id = r.item_id WHERE i.status = 'ok'"
        " ORDER BY r.updated_at DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [ResumePoint(*tuple(r)) for r in rows]


def next_episode(conn: sqlite3.Connection, item_id: int) -> int | None:
    """The episode after ``item_id`` in the same show (next in season, else first of a later season)."""
    row = conn.execute(
        "SELECT show, season, episode FROM items WHERE id = ? AND video_type = 'episode'", (item_id,)
    ).fetchone()
    if row is None or row["show"] is None or row["episode"] is None:
        return None
    season = row["season"] if row["season"] is not None else -1
    nxt = conn.execute(
        "SELECT id FROM items WHERE video_type = 'episode' AND show = ? COLLATE NOCASE AND status = 'ok'"
        " AND id != ? AND (COALESCE(season, -1) > ? OR (COALESCE(season, -1) = ? AND episode > ?))"
        " ORDER BY COALESCE(season, -1), episode, path LIMIT 1",
        (row["show"], item_id, season, season, row["episode"]),
    ).fetchone()
    return int(nxt["id"]) if nxt else None


def up_next(conn: sqlite3.Connection, limit: int = 20) -> list[int]:
    """Next episodes of shows whose latest watched episode was finished, newest first."""
    rows = conn.execute(
        "SELECT e.item_id, MAX(e.ts) AS ts FROM events e JOIN items i ON i.id = e.item_id"
        " WHERE e.type = 'completed' AND i.video_type = 'episode' GROUP BY i.show ORDER BY ts DESC"
    ).fetchall()
    out: list[int] = []
    for r in rows:
        nxt = next_episode(conn, int(r["item_id"]))
        if nxt is not None and resume_point(conn, nxt) is None and not _completed(conn, nxt):
            out.append(nxt)
        if len(out) >= limit:
            break
    return out


def _completed(conn: sqlite3.Connection, item_id: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM events WHERE item_id = ? AND type = 'completed' LIMIT 1", (item_id,)
        ).fetchone()
        is not None
    )
