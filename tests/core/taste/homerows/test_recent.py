"""``new`` (homerows/recent.py): added in the last 30 days before the moment and not played yet."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from companion.core.taste.home import view_at
from companion.core.taste.homerows import Built, recent
from tests.core.taste.conftest import add_items


def test_recently_added_is_what_was_added_lately_and_not_played(db, profile, listened):
    lib, end = listened
    played = {i for (i,) in db.execute("SELECT DISTINCT item_id FROM events WHERE type = 'completed'")}
    added = time.time()  # the listened library was added now
    v = view_at(db, profile, datetime.fromtimestamp(added, UTC) + timedelta(days=2))
    (row,) = recent.build(v, 500, Built())
    ids = {int(v.lib.ids[i]) for i in row.picks}
    assert (row.id, row.kind) == ("new", "music")
    assert ids == {i for ids_ in lib.values() for i in ids_} - played  # skipped, never played: still new
    assert set(row.leads.values()) == {"added recently"}
    # a month later nothing is new; before it was added, nothing yet
    later = view_at(db, profile, datetime.fromtimestamp(added, UTC) + timedelta(days=31))
    assert recent.build(later, 500, Built()) == []
    assert recent.build(view_at(db, profile, end), 500, Built()) == []


def test_new_episodes_make_the_row_mixed(db, profile):
    add_items(db, genres=("jazz",), artists_per_genre=1, albums_per_artist=1, tracks_per_album=3, videos=1)
    v = view_at(db, profile, datetime.now(UTC) + timedelta(hours=1))
    (row,) = recent.build(v, 50, Built())
    assert row.kind == "mixed" and set(v.lib.is_video[row.picks]) == {True, False}
