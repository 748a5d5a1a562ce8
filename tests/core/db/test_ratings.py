"""The ``ratings`` table: one row per item, replaced in place, rebuilt whole, read by time."""

from __future__ import annotations

from companion.core.db import ratings as ratings_db
from companion.core.db.ratings import Rating
from companion.core.events.ratings import set_liked, set_stars
from tests.core.events.helpers import add_item


def test_a_rating_is_put_replaced_and_deleted(db):
    item = add_item(db, "/m/a.flac")
    assert ratings_db.get(db, item) is None
    with db:
        ratings_db.put(db, Rating(item, 4.5, 0, 10.0))
        ratings_db.put(db, Rating(item, 4.5, 1, 20.0))
    assert ratings_db.get(db, item) == Rating(item, 4.5, 1, 20.0)
    with db:
        ratings_db.delete(db, item)
    assert ratings_db.get(db, item) is None


def test_replace_all_likes_dislikes_and_before(db):
    a, b, c = (add_item(db, f"/m/{n}.flac") for n in "abc")
    with db:
        ratings_db.put(db, Rating(a, 1.0, -1, 5.0))  # gone after the rebuild
        ratings_db.replace_all(db, [Rating(b, None, 1, 10.0), Rating(c, 2.0, -1, 30.0)])
    assert ratings_db.get(db, a) is None
    assert ratings_db.likes(db) == {b: 1, c: -1}
    assert ratings_db.disliked_ids(db) == {c}
    assert ratings_db.before(db, 20.0) == [Rating(b, None, 1, 10.0)]


def test_likes_list_only_likes_and_dislikes(db):
    """As the library's tables show them: stars alone are no opinion, and a like taken back leaves."""
    liked, disliked, starred, neither = (add_item(db, f"/m/{n}.flac") for n in "abcd")
    set_liked(db, liked, 1)
    set_liked(db, disliked, -1)
    set_stars(db, starred, 4.0)
    assert ratings_db.likes(db) == {liked: 1, disliked: -1}
    set_liked(db, liked, 0)
    assert ratings_db.likes(db) == {disliked: -1}
    assert neither not in ratings_db.likes(db)
