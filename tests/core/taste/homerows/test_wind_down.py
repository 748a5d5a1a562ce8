"""``wind-down``: offered late in the evening when the history has evenings that slow down."""

from __future__ import annotations

from datetime import timedelta

from companion.core.flow.arc import spearman
from companion.core.taste.home import build_home, get_row, view_at
from companion.core.taste.homerows import Built, spec_for, wind_down
from tests.core.taste.homerows.test_warm_up import analysed, habit


def test_wind_down_late_in_the_evening(db, profile, library):
    energy = analysed(db)
    end = habit(db, energy, 22, rising=False)
    late = end + timedelta(hours=22, minutes=30)
    rows = {r.id: r for r in build_home(db, profile, at=late)}
    assert "wind-down" in rows and "warm-up" not in rows
    e = [energy[i.item_id] for i in get_row(db, profile, "wind-down", at=late).items]
    assert spearman(list(range(len(e))), e) <= -0.7


def test_the_builder_on_its_own_winds_down_step_by_step(db, profile, library):
    energy = analysed(db)
    end = habit(db, energy, 22, rising=False)
    (row,) = wind_down.build(view_at(db, profile, end + timedelta(hours=22)), 50, Built())
    assert row.id == "wind-down" and spec_for("wind-down").title_fits(row.title)
    e = [energy[i.item_id] for i in row.items]
    assert e[0] > e[-1] and row.items[0].reason.startswith("winding down, step 1 of ")
    assert wind_down.build(view_at(db, profile, end + timedelta(hours=8)), 50, Built()) == []
