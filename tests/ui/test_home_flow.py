"""The home's hold: while the person looks at the cards, new picks wait and only the badges change."""

from __future__ import annotations

from companion.core.taste.rows import Row, RowItem
from companion.ui.backend import HomeData
from companion.ui.home_flow import cards_of, patched


def _row(row_id: str, ids: list[int]) -> Row:
    items = tuple(RowItem(i, f"/m/{i}.flac", "music", f"t{i}", "a", "r") for i in ids)
    return Row(row_id, row_id.title(), "music", "because", items)


def test_the_cards_on_screen_keep_their_places_with_the_new_badges():
    shown = HomeData([_row("now", [1, 2, 3]), _row("daily-1", [4])], frozenset(), {})
    new = HomeData([_row("now", [9, 8])], frozenset({2}), {1: 1, 4: -1})
    kept = patched(shown, new)
    assert cards_of(kept) == [("now", [1, 2, 3])], "a row whose only card was disliked leaves"
    assert (kept.played, kept.liked) == (new.played, new.liked)
    assert cards_of(new) != cards_of(shown)  # what tells the controller to hold the new picks back


def test_a_card_just_disliked_leaves_its_row():
    shown = HomeData([_row("now", [1, 2, 3])], frozenset(), {})
    assert cards_of(patched(shown, HomeData([], frozenset(), {2: -1}))) == [("now", [1, 3])]
