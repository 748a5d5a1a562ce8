"""``warm-up``: offered on a morning home when the history has mornings that build up (helpers shared with
test_wind_down)."""

from __future__ import annotations

import random
from datetime import timedelta

from companion.core.analysis.features import VERSION
from companion.core.analysis.table import write_results
from companion.core.events.record import record_event
from companion.core.flow.arc import spearman
from companion.core.taste.home import build_home, get_row, view_at
from companion.core.taste.homerows import Built, spec_for, warm_up
from tests.core.taste.conftest import T0


def analysed(db) -> dict[int, float]:
    rng = random.Random(5)
    energy = {}
    for (item_id,) in db.execute("SELECT id FROM items WHERE kind = 'music'"):
        energy[item_id] = round(rng.uniform(0.05, 0.95), 3)
    rows = [
        (i, {"energy": e, "bpm": 60 + 90 * e, "key": "C", "mode": "major", "loudness": -20 + 12 * e}, None)
        for i, e in energy.items()
    ]
    write_results(db, VERSION, rows)
    return energy


def habit(db, energy: dict[int, float], hour: int, rising: bool, days: int = 10):
    """Sessions at ``hour`` every day whose tracks' energy rises (or falls)."""
    rng = random.Random(hour)
    ids = sorted(energy, key=energy.get)
    for d in range(days):
        picks = sorted(rng.sample(ids, 7), key=energy.get, reverse=not rising)
        start = T0 + timedelta(days=d, hours=hour)
        for k, item in enumerate(picks):
            ts = (start + timedelta(minutes=4 * k)).timestamp()
            record_event(
                db, item, "completed", ts=ts, position=200.0, duration=200.0, session_id=f"{d}-{hour}"
            )
    return T0 + timedelta(days=days)


def test_warm_up_on_a_morning_home_only_with_rising_mornings(db, profile, library):
    energy = analysed(db)
    end = habit(db, energy, 8, rising=True)
    morning = end + timedelta(hours=8)
    rows = {r.id: r for r in build_home(db, profile, at=morning)}
    assert "warm-up" in rows and "wind-down" not in rows
    whole = get_row(db, profile, "warm-up", at=morning)
    e = [energy[i.item_id] for i in whole.items]
    assert len(e) >= 8 and spearman(list(range(len(e))), e) >= 0.7
    assert "mornings" in whole.reason and whole.title == "Warm up"
    assert "warm-up" not in {r.id for r in build_home(db, profile, at=end + timedelta(hours=15))}


def test_no_such_habit_no_card(db, profile, listened):
    analysed(db)
    _lib, end = listened
    ids = {r.id for r in build_home(db, profile, at=end + timedelta(days=1, hours=8))}
    assert "warm-up" not in ids


def test_the_builder_on_its_own_builds_up_step_by_step(db, profile, library):
    energy = analysed(db)
    end = habit(db, energy, 8, rising=True)
    (row,) = warm_up.build(view_at(db, profile, end + timedelta(hours=8)), 50, Built())
    assert row.id == "warm-up" and spec_for("warm-up").title_fits(row.title)
    assert row.items[0].reason.startswith("building up, step 1 of ")
    assert warm_up.build(view_at(db, profile, end + timedelta(hours=22)), 50, Built()) == []
