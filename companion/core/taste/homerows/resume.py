"""``continue``: resume points, the next episode of shows whose last episode was finished, and for an album
listener the half-finished album."""

from __future__ import annotations

from companion.core.taste import rows_albums
from companion.core.taste.homerows import Built, HomeRow
from companion.core.taste.rows import Row
from companion.core.taste.view import View


def build(v: View, limit: int, built: Built) -> list[Row]:
    row = rows_albums.continue_row(v, limit)
    return [row] if row else []


ROW = HomeRow(id="continue", order=10, title="Continue", build=build, min_items=1, kind="mixed", quick_mix=3)
