"""``wind-down``: late in the evening, when the person's evenings often slow down, an arc that does the same."""

from __future__ import annotations

from companion.core.flow.moments import LATE_EVENING
from companion.core.taste.homerows import Built, HomeRow
from companion.core.taste.homerows._arc import arc_row
from companion.core.taste.rows import Row
from companion.core.taste.view import View


def build(v: View, limit: int, built: Built) -> list[Row]:
    return arc_row(v, "wind-down", "Wind down", LATE_EVENING, rising=False)


ROW = HomeRow(id="wind-down", order=15, title="Wind down", build=build)
