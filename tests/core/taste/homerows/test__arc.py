"""The warm-up and wind-down rows' shared arc (homerows/_arc.py): the history's rising (or falling) sessions at
that time of day, and a row that walks the same way, only inside its hours."""

from __future__ import annotations

from datetime import timedelta

from companion.core.flow.moments import LATE_EVENING, MORNING
from companion.core.taste.home import view_at
from companion.core.taste.homerows._arc import ARC_MINUTES, arc_row, moments_of
from tests.core.taste.homerows.test_warm_up import analysed, habit


def test_rising_mornings_are_found_and_the_row_builds_up(db, profile, library):
    energy = analysed(db)
    end = habit(db, energy, 8, rising=True)
    v = view_at(db, profile, end + timedelta(hours=8))
    found = moments_of(v, MORNING, rising=True)
    assert found.count == 10 and found.start_energy < found.end_energy
    assert moments_of(v, LATE_EVENING, rising=False) is None, "no evening sessions"
    (row,) = arc_row(v, "test-arc", "Test arc", MORNING, rising=True)
    assert (row.id, row.title, row.kind) == ("test-arc", "Test arc", "music")
    assert (
        row.reason
        == f"Your mornings often start calm and build up (10 times): {ARC_MINUTES} minutes that do the same"
    )
    n = len(row.items)
    assert n >= 8 and [it.reason for it in row.items] == [
        f"building up, step {k} of {n}" for k in range(1, n + 1)
    ]
    evening = view_at(db, profile, end + timedelta(hours=15))
    assert arc_row(evening, "test-arc", "Test arc", MORNING, rising=True) == [], "only in its hours"


def test_no_arc_without_analysed_music(db, profile, listened):
    _lib, end = listened
    v = view_at(db, profile, end + timedelta(hours=8))
    assert moments_of(v, MORNING, rising=True) is None
    assert arc_row(v, "test-arc", "Test arc", MORNING, rising=True) == []
