"""Per-item statistics derived from events: play count, skip count, last played, rating.

Counts from the files' own tags (``items.tag_play_count``) are a separate, labelled
source and never mixed into ``play_count``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from companion.core.events.record import PLAY_TYPES


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


_PLAYS = ", ".join(f"'{t}'" for t in PLAY_TYPES)
_QUERY = f"""
SELECT i.id AS item_id, COALESCE(e.plays, 0) AS play_count, COALESCE(e.skips, 0) AS skip_count,
       e.last_played, r.stars AS rating, COALESCE(r.liked, 0) AS liked, i.tag_play_count
FROM items i
LEFT JOIN (SELECT item_id, SUM(type IN ({_PLAYS})) AS plays, SUM(type = 'skip') AS skips,
                  MAX(CASE WHEN type IN ({_PLAYS}) THEN ts END) AS last_played
           FROM events {{where_events}} GROUP BY item_id) e ON e.item_id = i.id
LEFT JOIN ratings r ON r.item_id = i.id
"""


def item_stats(conn: sqlite3.Connection, item_ids: Iterable[int] | None = None) -> dict[int, ItemStats]:
    """Statistics for the given items (all items when None), keyed by item id."""
    if item_ids is None:
        rows = conn.execute(_QUERY.format(where_events="")).fetchall()
    else:
        ids = list(dict.fromkeys(int(i) for i in item_ids))
        rows = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = _QUERY.format(where_events=f"WHERE item_id IN ({marks})") + f" WHERE i.id IN ({marks})"
            rows += conn.execute(sql, chunk + chunk).fetchall()
    return {int(r["item_id"]): ItemStats(**dict(r)) for r in rows}
