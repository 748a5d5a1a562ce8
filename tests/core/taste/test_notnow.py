""" "Not now": early skips at this day-part and kind of day, against plays there."""

from __future__ import annotations

from datetime import timedelta

from companion.core.events.record import record_event
from companion.core.taste import home


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
