"""``up-next``: the next unwatched episodes (up to 3 per show) of shows in progress."""

from __future__ import annotations

from companion.core.taste import rows_video
from companion.core.taste.homerows import Built, HomeRow
from companion.core.taste.rows import Row
from companion.core.taste.view import View


def build(v: View, limit: int, built: Built) -> list[Row]:
    row = rows_video.up_next_row(v, limit)
    return [row] if row else []


ROW = HomeRow(id="up-next", order=60, title="Up next", build=build, min_items=1, kind="video")
