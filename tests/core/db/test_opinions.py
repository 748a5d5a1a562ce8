"""Likes and dislikes as the library's tables show them: items with no opinion are left out."""

from __future__ import annotations

from companion.core.db.opinions import opinions
from companion.core.events.ratings import set_liked, set_stars
from tests.core.events.helpers import add_item


def test_only_likes_and_dislikes_are_listed(db):
    liked, disliked, starred, neither = (add_item(db, f"/m/{n}.flac") for n in "abcd")
    set_liked(db, liked, 1)
    set_liked(db, disliked, -1)
    set_stars(db, starred, 4.0)  # stars alone are not an opinion here
    assert opinions(db) == {liked: 1, disliked: -1}
    set_liked(db, liked, 0)
    assert opinions(db) == {disliked: -1}
    assert neither not in opinions(db)
