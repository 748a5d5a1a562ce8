""" "Not now": early skips at this day-part and kind of day, against plays there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.core.events.record import record_event
from companion.core.taste import home
from companion.core.taste.context import moment
from companion.core.taste.eventlog import load_events
from companion.core.taste.library import load_library
from companion.core.taste.notnow import not_now


def test_metal_skipped_early_everywhere_is_not_now_and_the_moments_genre_is(db, profile, listened):
    lib, end = listened
    v, _ = home._view(db, profile, end + timedelta(days=1, hours=8))
    g = v.sig.genre_group
    metal = int(v.lib.index_of([lib["metal"][0]])[0])
    jazz = int(v.lib.index_of([lib["jazz"][0]])[0])
    assert v.not_now.genres[g[metal]] and not v.not_now.genres[g[jazz]]


def test_a_skip_counts_only_at_its_own_moment(db, profile, listened):
    lib, end = listened
    pop = lib["pop"][7]
    morning = end + timedelta(days=1, hours=8)
    record_event(
        db, pop, "skip", ts=(morning - timedelta(minutes=30)).timestamp(), position=2.0, duration=200.0
    )
    v, _ = home._view(db, profile, morning)
    i = int(v.lib.index_of([pop])[0])
    assert v.not_now.items[i]
    home.forget_state()
    v, _ = home._view(db, profile, end + timedelta(days=1, hours=20))  # the evening: another day-part
    assert not v.not_now.items[i]


MONDAY_MORNING = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _skip_mornings(db, item_ids: list[int], days: int) -> None:
    for d in range(days):
        when = MONDAY_MORNING + timedelta(days=d % 5 + 7 * (d // 5))  # weekday mornings only
        for k, item in enumerate(item_ids):
            ts = (when + timedelta(minutes=k)).timestamp()
            record_event(db, item, "skip", ts=ts, tz_offset_min=0, position=4.0, duration=200.0)


def test_early_morning_skips_are_not_now_in_the_morning_only(db, library):
    metal = library["metal"]
    _skip_mornings(db, metal[:6], days=5)
    lib = load_library(db)
    log = load_events(db, lib)
    n = len(log.id)
    at = MONDAY_MORNING + timedelta(days=7, hours=1)  # the next Monday, 9:00
    morning = not_now(lib, log, n, moment(at), half_life_days=30.0)
    pos = {int(i): k for k, i in enumerate(lib.ids)}
    assert all(morning.items[pos[i]] for i in metal[:6])
    assert not any(morning.items[pos[i]] for i in library["jazz"])
    g, _ = lib.genre_groups
    assert morning.genres[g[pos[metal[0]]]] and not morning.genres[g[pos[library["jazz"][0]]]]
    evening = not_now(lib, log, n, moment(at + timedelta(hours=11)), half_life_days=30.0)
    assert not evening.items.any() and not evening.genres.any()
    saturday = not_now(lib, log, n, moment(at + timedelta(days=5)), half_life_days=30.0)
    assert not saturday.items.any(), "a weekend morning is another moment"


def test_no_events_nothing_is_not_now(db, library):
    lib = load_library(db)
    log = load_events(db, lib)
    empty = not_now(lib, log, 0, moment(MONDAY_MORNING), half_life_days=30.0)
    assert not empty.items.any() and not empty.genres.any() and len(empty.items) == len(lib)
