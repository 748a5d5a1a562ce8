"""The ``ratings`` table: the current stars and like / dislike of each item (derived from rating events,
kept for fast reads; :func:`replace_all` rebuilds it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple


class Rating(NamedTuple):
    item_id: int
    stars: float | None  # 0..5, None: not rated
    liked: int  # 1 like, -1 dislike, 0 neither
    updated_at: float


def get(conn: sqlite3.Connection, item_id: int) -> Rating | None:
    row = conn.execute(
        "SELECT item_id, stars, liked, updated_at FROM ratings WHERE item_id = ?", (item_id,)
    ).fetchone()
    return Rating(int(row[0]), row[1], int(row[2]), row[3]) if row else None


def put(conn: sqlite3.Connection, rating: Rating) -> None:
    """Insert or replace one item's rating (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO ratings(item_id, stars, liked, updated_at) VALUES (?,?,?,?)"
        " ON CONFLICT(item_id) DO UPDATE SET stars=excluded.stars, liked=excluded.liked,"
        " updated_at=excluded.updated_at",
        rating,
    )


def delete(conn: sqlite3.Connection, item_id: int) -> None:
    conn.execute("DELETE FROM ratings WHERE item_id = ?", (item_id,))


def replace_all(conn: sqlite3.Connection, ratings: Iterable[Rating]) -> None:
    """The whole table becomes ``ratings`` (inside the caller's transaction)."""
    conn.execute("DELETE FROM ratings")
    conn.executemany("INSERT INTO ratings(item_id, stars, liked, updated_at) VALUES (?,?,?,?)", ratings)


def disliked_ids(conn: sqlite3.Connection) -> set[int]:
    """Items the person said never to play in mixes."""
    return {int(r[0]) for r in conn.execute("SELECT item_id FROM ratings WHERE liked = -1")}


def likes(conn: sqlite3.Connection) -> dict[int, int]:
    """item id -> 1 (liked) or -1 (disliked), for the items that are either."""
    return {int(i): int(v) for i, v in conn.execute("SELECT item_id, liked FROM ratings WHERE liked != 0")}


def before(conn: sqlite3.Connection, ts: float) -> list[Rating]:
    """The ratings last changed before ``ts``."""
    rows = conn.execute("SELECT item_id, stars, liked, updated_at FROM ratings WHERE updated_at < ?", (ts,))
    return [Rating(int(r[0]), r[1], int(r[2] or 0), r[3]) for r in rows]
