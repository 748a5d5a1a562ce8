"""'Because you played X' (homerows/because.py): three rows at most, distinct, never seeded by a skip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.core.events.ratings import set_liked
from companion.core.events.record import record_event
from companion.core.taste import home
from companion.core.taste.homerows.because import last_was_early_skip, seeds


def test_seeds_are_distinct_and_skip_what_was_skipped_early_or_disliked_last(db, profile, listened):
    lib, end = listened
    at = end + timedelta(days=1, hours=19)
    v, _ = home._view(db, profile, at)
    first = seeds(v)
    assert len({v.lib.artist[i] for i in first}) == len(first)
    top = first[0]
    top_id = int(v.lib.ids[top])
    record_event(db, top_id, "skip", ts=(at - timedelta(minutes=5)).timestamp(), position=3.0, duration=200.0)
    v, _ = home._view(db, profile, at)
    assert last_was_early_skip(v)[top] and top not in seeds(v)
    second = int(v.lib.ids[seeds(v)[0]])
    set_liked(db, second, -1, ts=(at - timedelta(minutes=1)).timestamp())
    rows = home.build_home(db, profile, at=at)
    because = [r for r in rows if r.id.startswith("because-")]
    assert len(because) <= 3
    assert {f"because-{top_id}", f"because-{second}"}.isdisjoint(r.id for r in because)
    assert len({r.title for r in because}) == len(because)


def test_rows_are_not_look_alikes(db, profile, listened):
    lib, end = listened
    at = end + timedelta(days=1, hours=19)
    rows = {r.id: home.get_row(db, profile, r.id, at=at) for r in home.build_home(db, profile, at=at)}
    because = [r for rid, r in rows.items() if rid.startswith("because-")]
    for k, a in enumerate(because):
        for b in because[k + 1 :]:
            shared = {i.recording_id for i in a.items} & {i.recording_id for i in b.items}
            assert len(shared) <= 0.2 * min(len(a.items), len(b.items))
        assert len(
            {i.recording_id for i in a.items} & {i.recording_id for i in rows["now"].items}
        ) <= 0.4 * len(a.items)


def test_the_favourite_skipped_at_three_seconds_seeds_nothing(messy_db, messy_library, profile):
    from companion.core.demo.messy_week import listen_to_messy

    end = datetime(2026, 3, 16, tzinfo=UTC)
    habits = listen_to_messy(messy_db, messy_library, end)
    for hours in (8.5, 19.5):
        at = end + timedelta(hours=hours)
        ids = {r.id for r in home.build_home(messy_db, profile, at=at)}
        assert f"because-{habits.skipped_favourite}" not in ids and f"because-{habits.disliked}" not in ids
        v, _ = home._view(messy_db, profile, at)
        favourite = int(v.lib.index_of([habits.skipped_favourite])[0])
        assert v.sig.plays[favourite] >= 5 and favourite not in seeds(
            v
        )  # loved, then skipped at 0:03 (a copy)
