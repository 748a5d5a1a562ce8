"""What several music rows share (homerows/_mix.py): favourites blended with new finds, reasons that name a
played track, and the cold start's sampler."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.core.taste import mixer
from companion.core.taste.home import view_at
from companion.core.taste.homerows._mix import blend_new, new_find_leads, sampler
from tests.core.taste.conftest import add_items


def test_a_blend_holds_favourites_and_new_finds_and_the_finds_name_a_favourite(db, view_of):
    v = view_of()
    played = {i for (i,) in db.execute("SELECT item_id FROM events WHERE type = 'completed'")}
    pool = v.music.copy()
    picks = blend_new(v, v.base_rank(False), pool, 30, mixer.stable_seed("test", 1))
    ids = [int(v.lib.ids[i]) for i in picks]
    assert len(ids) == 30 == len(set(ids))
    assert 0 < sum(i in played for i in ids) < 30, "both what is played and what is new"
    leads = new_find_leads(v, picks)
    assert leads and all(int(v.lib.ids[i]) not in played for i in leads), "only the new finds get one"
    titles = {v.lib.title[i] for i in picks if int(v.lib.ids[i]) in played}
    for reason in leads.values():
        assert reason.startswith("new to you, close to ")
        assert reason.removeprefix("new to you, close to ").split(" by ")[0] in titles, reason
    assert blend_new(v, v.base_rank(False), pool, 30, mixer.stable_seed("test", 1)) == picks, "seeded"


def test_the_sampler_takes_each_genre_in_turn(db, profile):
    add_items(db)
    v = view_at(db, profile, datetime.now(UTC) + timedelta(days=1))
    picks, score = sampler(v, 12, "test")
    assert len(picks) == 12 and len(score) == len(v.lib)
    genres = [v.lib.genres[i][0] for i in picks]
    assert len(set(genres)) == 6 and max(genres.count(g) for g in genres) <= 3
    assert sampler(v, 12, "other")[0] != picks, "each row its own sampler"
