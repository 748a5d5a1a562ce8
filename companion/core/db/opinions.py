"""Likes and dislikes for the library's tables (the window shows them, and finds dislikes to undo)."""

from __future__ import annotations

import sqlite3


def opinions(conn: sqlite3.Connection) -> dict[int, int]:
    """item id -> 1 (liked) or -1 (disliked), for every item with an opinion."""
    return {int(i): int(v) for i, v in conn.execute("SELECT item_id, liked FROM ratings WHERE liked != 0")}
