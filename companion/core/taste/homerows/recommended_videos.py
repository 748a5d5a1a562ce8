"""``recommended-videos``: unwatched films and first episodes of unwatched shows that fit what is watched."""

from __future__ import annotations

from companion.core.taste import rows_video
from companion.core.taste.homerows import Built, HomeRow
from companion.core.taste.rows import Row
from companion.core.taste.view import View


def build(v: View, limit: int, built: Built) -> list[Row]:
    row = rows_video.recommended_videos_row(v, limit)
    return [row] if row else []


ROW = HomeRow(
    id="recommended-videos", order=70, title="Recommended videos", build=build, min_items=1, kind="video"
)
