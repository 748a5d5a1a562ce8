"""Per-item statistics derived from events: play count, skip count, last played, rating.

Counts from the files' own tags (``items.tag_play_count``) are a separate, labelled
source and never mixed into ``play_count``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from companion.core.db import events as event_db


@dataclass(frozen=True)
class ItemStats:
    item_id: int
    play_count: int = 0
    skip_count: int = 0
    last_played: float | None = None  # UTC unix seconds of the latest play or completed
    rating: float | None = None  # stars set in the app, else None
    liked: int = 0  # 1 like, -1 dislike
    tag_play_count: int | None = None  # from the file's tags (another player's count)

    def to_json(self) -> dict[str, object]:
        return {
            "play_count": self.play_count,
            "skip_count": self.skip_count,
            "last_played": self.last_played,
            "rating": self.rating,
            "liked": {1: "like", -1: "dislike"}.get(self.liked),
            "tag_play_count": self.tag_play_count,
        }


def item_stats(conn: sqlite3.Connection, item_ids: Iterable[int] | None = None) -> dict[int, ItemStats]:
    """Statistics for the given items (all items when None), keyed by item id."""
    rows = event_db.play_counts(conn, None if item_ids is None else list(item_ids))
    return {r.item_id: ItemStats(**r._asdict()) for r in rows}
