"""What playing leaves behind besides events: ``resume_points`` (where to continue an item) and
``playback_checkpoints`` (the in-flight playback, rewritten every couple of seconds so that a killed
app loses at most that much)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple

from companion.core.db.events import chunks


class ResumeRow(NamedTuple):
    item_id: int
    position: float
    duration: float | None
    updated_at: float


def put_resume_point(conn: sqlite3.Connection, point: ResumeRow) -> None:
    """Keep or move an item's resume point (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO resume_points(item_id, position, duration, updated_at) VALUES (?,?,?,?)"
        " ON CONFLICT(item_id) DO UPDATE SET position=excluded.position, duration=excluded.duration,"
        " updated_at=excluded.updated_at",
        point,
    )


def delete_resume_point(conn: sqlite3.Connection, item_id: int) -> None:
    conn.execute("DELETE FROM resume_points WHERE item_id = ?", (item_id,))


def resume_point(conn: sqlite3.Connection, item_id: int) -> ResumeRow | None:
    row = conn.execute(
        "SELECT item_id, position, duration, updated_at FROM resume_points WHERE item_id = ?", (item_id,)
    ).fetchone()
    return ResumeRow._make(row) if row else None


def latest_resume_points(conn: sqlite3.Connection, limit: int) -> list[ResumeRow]:
    """Resume points of items still in the library (status ok), most recently left first."""
    rows = conn.execute(
        "SELECT r.item_id, r.position, r.duration, r.updated_at FROM resume_points r"
        " JOIN items i ON i.id = r.item_id WHERE i.status = 'ok'"
        " ORDER BY r.updated_at DESC LIMIT ?",
        (limit,),
    )
    return [ResumeRow._make(r) for r in rows]


def resume_points_before(conn: sqlite3.Connection, ts: float) -> list[ResumeRow]:
    """Every resume point last moved before ``ts``."""
    rows = conn.execute(
        "SELECT item_id, position, duration, updated_at FROM resume_points WHERE updated_at < ?", (ts,)
    )
    return [ResumeRow._make(r) for r in rows]


def resume_positions(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, float]:
    """item id -> resume position, for those of ``item_ids`` that have one."""
    out: dict[int, float] = {}
    for chunk in chunks(item_ids):
        rows = conn.execute(
            f"SELECT item_id, position FROM resume_points WHERE item_id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        out.update((int(i), float(p)) for i, p in rows)
    return out


# --- in-flight playback ------------------------------------------------------------------------------


class Checkpoint(NamedTuple):
    session_id: str
    item_id: int
    kind: str
    started_at: float
    tz_offset_min: int
    position: float
    listened: float
    duration: float | None
    start_reason: str | None
    context: str | None
    updated_at: float


def put_checkpoint(conn: sqlite3.Connection, cp: Checkpoint) -> None:
    """Write (or move on) a playback's checkpoint (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO playback_checkpoints(session_id, item_id, kind, started_at, tz_offset_min, position,"
        " listened, duration, start_reason, context, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(session_id) DO UPDATE SET position=excluded.position, listened=excluded.listened,"
        " duration=excluded.duration, updated_at=excluded.updated_at",
        cp,
    )


def checkpoints_before(conn: sqlite3.Connection, ts: float) -> list[Checkpoint]:
    """Checkpoints not rewritten since ``ts``, oldest first."""
    rows = conn.execute(
        "SELECT session_id, item_id, kind, started_at, tz_offset_min, position, listened, duration,"
        " start_reason, context, updated_at FROM playback_checkpoints WHERE updated_at <= ? ORDER BY updated_at",
        (ts,),
    )
    return [Checkpoint._make(r) for r in rows]


def delete_checkpoint(conn: sqlite3.Connection, session_id: str) -> None:
    conn.execute("DELETE FROM playback_checkpoints WHERE session_id = ?", (session_id,))
