"""``jump-back-in`` (homerows/jump_back_in.py): for an album listener, one card per album in rotation, each
playing its album in order; nothing for someone who plays single tracks."""

from __future__ import annotations

from datetime import timedelta

from companion.core.taste.home import view_at
from companion.core.taste.homerows import Built, jump_back_in, spec_for
from tests.core.taste.conftest import T0
from tests.core.taste.test_rows_albums import album_listener  # noqa: F401 (the fixture)


def test_one_card_per_album_in_rotation(db, profile, album_listener):  # noqa: F811 (the imported fixture)
    _albums, rotation = album_listener
    (row,) = jump_back_in.build(view_at(db, profile, T0 + timedelta(days=22, hours=20)), 10, Built())
    assert row.id == "jump-back-in" and spec_for(row.id).title_fits(row.title)
    assert sorted(list(it.play_ids) for it in row.items) == sorted(rotation)


def test_nothing_for_a_listener_of_single_tracks(db, profile, listened):
    _lib, end = listened
    assert jump_back_in.build(view_at(db, profile, end + timedelta(hours=20)), 10, Built()) == []
