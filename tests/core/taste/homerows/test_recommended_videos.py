"""``recommended-videos`` (homerows/recommended_videos.py) on a library with shows being watched, and before
anything is watched."""

from __future__ import annotations

from datetime import UTC, datetime

from companion.core.taste.home import view_at
from companion.core.taste.homerows import Built, recommended_videos, spec_for
from tests.core.taste.conftest import add_items
from tests.core.taste.watching import watched_library


def test_the_row_when_something_is_being_watched(db, profile):
    ids, film, at = watched_library(db)
    (row,) = recommended_videos.build(view_at(db, profile, at), 10, Built())
    assert row.id == "recommended-videos" and spec_for(row.id).title_fits(row.title) and row.items
    shown = [it.item_id for it in row.items]
    assert set(shown) == {film, ids["video"][10]} and row.kind == "video"


def test_before_anything_is_watched_each_show_by_its_first_episode(db, profile):
    ids = add_items(db, genres=("jazz",), videos=2)
    (row,) = recommended_videos.build(view_at(db, profile, datetime.now(UTC)), 10, Built())
    assert sorted(it.item_id for it in row.items) == [ids["video"][0], ids["video"][5]]
