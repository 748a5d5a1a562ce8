"""``continue`` (homerows/resume.py) on a library with shows being watched; none before anything is watched."""

from __future__ import annotations

from datetime import UTC, datetime

from companion.core.taste.home import view_at
from companion.core.taste.homerows import Built, resume, spec_for
from tests.core.taste.conftest import add_items
from tests.core.taste.watching import watched_library


def test_the_row_when_something_is_being_watched(db, profile):
    ids, film, at = watched_library(db)
    (row,) = resume.build(view_at(db, profile, at), 10, Built())
    assert row.id == "continue" and spec_for(row.id).title_fits(row.title) and row.items
    shown = [it.item_id for it in row.items]
    assert shown == [ids["video"][5], ids["video"][2]] and row.items[0].resume_position == 600.0


def test_no_row_before_anything_is_watched(db, profile):
    add_items(db, genres=("jazz",), videos=2)
    assert resume.build(view_at(db, profile, datetime.now(UTC)), 10, Built()) == []
