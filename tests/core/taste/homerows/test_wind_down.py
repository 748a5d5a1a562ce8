"""``wind-down``: offered late in the evening when the history has evenings that slow down."""

from __future__ import annotations

from datetime import timedelta

from companion.core.flow.arc import spearman
from companion.core.taste.home import build_home, get_row
from tests.core.taste.homerows.test_warm_up import analysed, habit


def test_wind_down_late_in_the_evening(db, profile, library):
    energy = analysed(db)
    end = habit(db, energy, 22, rising=False)
    late = end + timedelta(hours=22, minutes=30)
    rows = {r.id: r for r in build_home(db, profile, at=late)}
    assert "wind-down" in rows and "warm-up" not in rows
    e = [energy[i.item_id] for i in get_row(db, profile, "wind-down", at=late).items]
    assert spearman(list(range(len(e))), e) <= -0.7
