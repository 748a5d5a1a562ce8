"""``warm-up``: on a morning home, when the person's mornings often build up, an arc that does the same."""

from __future__ import annotations

from companion.core.flow.moments import MORNING
from companion.core.taste.homerows import Built, HomeRow
from companion.core.taste.homerows._arc import arc_row
from companion.core.taste.rows import Row
from companion.core.taste.view import View


def build(v: View, limit: int, built: Built) -> list[Row]:
    return arc_row(v, "warm-up", "Warm up", MORNING, rising=True)


ROW = HomeRow(id="warm-up", order=15, title="Warm up", build=build)
