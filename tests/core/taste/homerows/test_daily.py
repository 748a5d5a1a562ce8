"""Daily Mixes (homerows/daily.py): distinct from each other and from the moment's row, honestly named."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations

from companion.core.taste.home import build_home, get_row, view_at
from companion.core.taste.homerows import Built, daily, spec_for
from companion.core.taste.names import NAME_SHARE


def shared(a, b) -> float:
    ra, rb = {i.recording_id for i in a.items}, {i.recording_id for i in b.items}
    return len(ra & rb) / min(len(ra), len(rb))


def check_home(db, profile, at, genres_of) -> list:
    rows = build_home(db, profile, at=at)
    whole = {r.id: get_row(db, profile, r.id, at=at) for r in rows}
    daily = [whole[r.id] for r in rows if r.id.startswith("daily-")]
    assert [d.id for d in daily] == [f"daily-{n}" for n in range(1, len(daily) + 1)]  # numbered in order
    for a, b in combinations(daily, 2):
        assert shared(a, b) <= 0.2, (a.id, b.id)
    shown = [r for r in rows if r.id.startswith("daily-")]
    for d in daily + shown:  # the whole mixes and the cards the home shows
        assert len(d.items) >= 8
        if "now" in whole:
            assert shared(whole["now"], d) <= 0.4, d.id
        if ": " in d.title:  # named after genres: they hold at least 70% of it
            named = {g.strip().lower() for g in d.title.split(": ", 1)[1].split(" & ")}
            held = sum(1 for i in d.items if genres_of(i.item_id) & named)
            assert held >= NAME_SHARE * len(d.items), d.title
    return daily


def test_daily_mixes_on_the_listened_library(db, profile, listened):
    lib, end = listened

    def genres_of(item_id):
        return {g for g, ids in lib.items() if item_id in ids}

    daily = check_home(db, profile, end + timedelta(days=1, hours=8), genres_of)
    assert len(daily) >= 2


def test_daily_mixes_on_the_messy_library(messy_db, messy_library, profile):
    from companion.core.demo.messy_week import listen_to_messy
    from companion.core.library.view import library_view

    end = datetime(2026, 3, 16, tzinfo=UTC)
    listen_to_messy(messy_db, messy_library, end)
    genres = {e["id"]: {g.lower() for g in e["genres"]} for e in library_view(messy_db)}
    for hours in (8.5, 19.5, 24 * 5 + 10.5):
        daily = check_home(messy_db, profile, end + timedelta(hours=hours), lambda i: genres.get(i, set()))
        assert daily  # a small library gets fewer mixes, not none
        for d in daily:
            assert "genre" not in d.title.lower() and "other" not in d.title.lower()  # no junk names
            assert all("daily mix" not in i.reason.lower() for i in d.items)  # reasons never point at a mix


def test_the_builder_on_its_own_numbers_distinct_mixes(db, profile, listened):
    _lib, end = listened
    v = view_at(db, profile, end + timedelta(days=1, hours=8))
    drafts = daily.build(v, 30, Built())
    assert [d.id for d in drafts] == [f"daily-{n}" for n in range(1, len(drafts) + 1)] and len(drafts) >= 2
    for d in drafts:
        assert spec_for(d.id).title_fits(d.title) and len(d.picks) >= 8 and d.reason
    for a, b in combinations(drafts, 2):
        assert len(set(a.picks) & set(b.picks)) <= 0.2 * min(len(a.picks), len(b.picks)), (a.id, b.id)
    assert [d.picks for d in daily.build(v, 30, Built())] == [d.picks for d in drafts], "the same mixes again"
