"""``discover`` (homerows/discover.py): music barely heard and never skipped, close to the taste; the same all
week; a sampler of the library before there is any history."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from companion.core.taste.home import view_at
from companion.core.taste.homerows import Built, discover, spec_for
from tests.core.taste.conftest import add_items


def test_discover_is_barely_heard_never_skipped_and_holds_all_week(db, view_of, listened):
    lib, _ = listened
    heard = Counter(i for (i,) in db.execute("SELECT item_id FROM events WHERE type = 'completed'"))
    skipped = {i for (i,) in db.execute("SELECT item_id FROM events WHERE type = 'skip'")}
    v = view_of(timedelta(days=1, hours=8))  # a Tuesday
    (row,) = discover.build(v, 20, Built())
    ids = [int(v.lib.ids[i]) for i in row.picks]
    assert row.title == "Discover" and spec_for("discover").title_fits(row.title)
    assert len(ids) == 20 and all(heard[i] <= 1 for i in ids) and not set(ids) & skipped
    assert len({v.lib.artist[i] for i in row.picks}) >= 10, "spread over artists"
    same_week = view_of(timedelta(days=3, hours=20))  # Thursday evening
    assert discover.build(same_week, 20, Built())[0].picks == row.picks


def test_before_any_history_it_is_a_sampler(db, profile):
    add_items(db)
    v = view_at(db, profile, datetime.now(UTC) + timedelta(days=1))
    (row,) = discover.build(v, 20, Built())
    assert row.title == "A sampler of your library" and spec_for("discover").title_fits(row.title)
    assert len({v.lib.genres[i][0] for i in row.picks}) == 6, "one corner of each genre"
