"""``rediscover`` (homerows/rediscover.py): loved once, not played for 60 days."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from companion.core.taste.homerows import Built, rediscover


def test_loved_music_comes_back_after_sixty_days_not_before(db, view_of, listened):
    lib, _ = listened
    assert rediscover.build(view_of(timedelta(days=30)), 20, Built()) == []
    v = view_of(timedelta(days=75))
    (row,) = rediscover.build(v, 20, Built())
    plays = Counter(i for (i,) in db.execute("SELECT item_id FROM events WHERE type = 'completed'"))
    ids = [int(v.lib.ids[i]) for i in row.picks]
    assert row.id == "rediscover" and len(ids) >= 8
    assert all(plays[i] >= 3 for i in ids) and not set(ids) & set(lib["metal"])
    assert all(row.leads[i].startswith("loved, not played for ") for i in row.picks)
    assert min(int(row.leads[i].split()[-2]) for i in row.picks) >= 60  # "... for 75 days"
