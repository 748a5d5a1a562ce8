"""``on-repeat`` (homerows/on_repeat.py): what was played most in the last 30 days, never what was skipped."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from companion.core.taste.homerows import Built, on_repeat, spec_for


def test_on_repeat_holds_the_most_played_and_nothing_skipped(db, view_of, listened):
    lib, _ = listened
    plays = Counter(i for (i,) in db.execute("SELECT item_id FROM events WHERE type = 'completed'"))
    (row,) = on_repeat.build(view_of(), 20, Built())
    v = view_of()
    ids = [int(v.lib.ids[i]) for i in row.picks]
    assert row.id == "on-repeat" and spec_for("on-repeat").title_fits(row.title)
    assert len(ids) == 20 and all(plays[i] >= 2 for i in ids), "played at least twice"
    assert not set(ids) & set(lib["metal"]), "skipped at once: never on repeat"
    assert min(plays[i] for i in ids[:5]) >= sorted(plays.values())[len(plays) // 2], "the most played lead"


def test_nothing_is_on_repeat_a_month_and_more_later(view_of):
    assert on_repeat.build(view_of(timedelta(days=40)), 20, Built()) == []
