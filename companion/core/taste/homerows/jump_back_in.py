"""``jump-back-in``: for an album listener, the albums in rotation, one card each, playing the album in order."""

from __future__ import annotations

from companion.core.taste import rows_albums
from companion.core.taste.homerows import Built, HomeRow
from companion.core.taste.rows import Row
from companion.core.taste.view import View


def build(v: View, limit: int, built: Built) -> list[Row]:
    row = rows_albums.jump_back_in_row(v, limit)
    return [row] if row else []


ROW = HomeRow(id="jump-back-in", order=12, title="Jump back in", build=build, min_items=2)
