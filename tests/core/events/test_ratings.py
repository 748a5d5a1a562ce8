import pytest

from companion.core.errors import UsageError
from companion.core.events.ratings import (
    check_stars,
    clear,
    disliked_ids,
    rating_state,
    rebuild_ratings,
    set_liked,
    set_stars,
)
from tests.core.events.helpers import add_item, events


def test_stars_and_likes_are_events_and_current_state(db):
    a = add_item(db, "/m/a.mp3")
    assert set_stars(db, a, 4).stars == 4
    assert set_liked(db, a, -1).liked == -1
    assert rating_state(db, a).stars == 4  # a dislike keeps the stars
    assert disliked_ids(db) == {a}
    assert set_liked(db, a, 0).liked == 0  # reversible
    assert disliked_ids(db) == set()
    assert [e["type"] for e in events(db)] == ["rating", "dislike", "unlike"]
    assert events(db, "rating")[0]["value"] == 4


def test_clear_forgets_both_and_says_so_in_events(db):
    a = add_item(db, "/m/a.mp3")
    set_stars(db, a, 2.5)
    set_liked(db, a, 1)
    state = clear(db, a)
    assert (state.stars, state.liked) == (None, 0)
    assert db.execute("SELECT COUNT(*) FROM ratings").fetchone()[0] == 0
    assert [(e["type"], e["value"]) for e in events(db)][-2:] == [("rating", None), ("unlike", None)]


def test_ratings_table_can_be_rebuilt_from_events(db):
    a, b = add_item(db, "/m/a.mp3"), add_item(db, "/m/b.mp3")
    set_stars(db, a, 3, ts=1)
    set_stars(db, a, 5, ts=2)
    set_liked(db, b, -1, ts=3)
    before = db.execute("SELECT item_id, stars, liked FROM ratings ORDER BY item_id").fetchall()
    with db:
        db.execute("DELETE FROM ratings")
    assert rebuild_ratings(db) == 2
    after = db.execute("SELECT item_id, stars, liked FROM ratings ORDER BY item_id").fetchall()
    assert [tuple(r) for r in after] == [tuple(r) for r in before] == [(a, 5.0, 0), (b, None, -1)]


@pytest.mark.parametrize("bad", [-1, 5.5, "many", float("nan"), None])
def test_bad_stars_are_refused(bad):
    with pytest.raises(UsageError):
        check_stars(bad)


def test_half_stars_are_kept():
    assert check_stars("3.5") == 3.5
    assert check_stars(3.74) == 3.5
