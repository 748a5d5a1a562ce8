"""The Replay row on the home: last month's most played in a month's first week, last year's in a year's
first two weeks, never otherwise; titled by the period."""

from __future__ import annotations

from datetime import UTC, datetime

from companion.core.taste.home import build_home, get_row
from companion.core.taste.homerows import replay as replay_row
from companion.core.taste.homerows import spec_for
from tests.core.taste.listening_history import make_history


def test_the_row_is_last_month_in_the_first_week(db, profile):
    h = make_history(db)
    at = datetime(2026, 11, 3, 12, tzinfo=UTC)
    rows = {r.id: r for r in build_home(db, profile, at=at)}
    assert rows["replay"].title == "Your October Replay"
    assert spec_for("replay").title_fits(rows["replay"].title)
    whole = get_row(db, profile, "replay", at=at)
    october = {
        e.item_id for e in h.events if e.type == "completed" and datetime.fromtimestamp(e.ts, UTC).month == 10
    }
    assert {i.item_id for i in whole.items} <= october
    assert "played" in whole.items[0].reason and "in October" in whole.items[0].reason
    assert "replay" not in {r.id for r in build_home(db, profile, at=datetime(2026, 11, 12, 12, tzinfo=UTC))}


def test_periods_of_the_row():
    def at(*a):
        return datetime(*a, tzinfo=UTC).timestamp()

    assert replay_row.period(at(2027, 1, 10))[2] == "2026"
    assert replay_row.period(at(2026, 3, 7))[2] == "February"
    assert replay_row.period(at(2026, 3, 8)) is None
