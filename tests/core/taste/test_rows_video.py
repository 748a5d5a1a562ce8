"""The video rows (taste/rows_video.py): the next episodes of the shows in progress, what to resume, and films
and shows not watched yet."""

from __future__ import annotations

from companion.core.taste import rows_video
from companion.core.taste.home import view_at
from tests.core.taste.watching import watched_library


def ids_of(v, row) -> list[int]:
    return [it.item_id for it in row.items]


def test_up_next_is_the_next_episodes_of_the_show_seen_through(db, profile):
    ids, _, at = watched_library(db)
    v = view_at(db, profile, at)
    show0 = ids["video"][:5]
    row = rows_video.up_next_row(v, 10)
    assert (row.id, row.kind) == ("up-next", "video")
    assert ids_of(v, row) == show0[2:5], "three after the last one watched; the show in progress waits"
    assert all(it.reasons[0] == "next in Show 0" for it in row.items)


def test_continue_resumes_the_stopped_episode_and_offers_the_next_one(db, profile):
    ids, _, at = watched_library(db)
    v = view_at(db, profile, at)
    show0, show1 = ids["video"][:5], ids["video"][5:10]
    row = rows_video.continue_row(v, 10)
    assert ids_of(v, row) == [show1[0], show0[2]], "the latest first"
    stopped, following = row.items
    assert stopped.resume_position == 600.0 and stopped.reasons[0] == "pick up where you left off"
    assert following.resume_position is None and following.reasons[0] == "next episode of Show 0"


def test_recommended_videos_are_unwatched_films_and_first_episodes(db, profile):
    ids, film, at = watched_library(db)
    v = view_at(db, profile, at)
    row = rows_video.recommended_videos_row(v, 10)
    assert set(ids_of(v, row)) == {film, ids["video"][10]}, "Show 2's first episode, not its seventh"
