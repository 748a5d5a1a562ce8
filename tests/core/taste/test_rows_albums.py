"""Album listeners get albums: the half-finished one to continue, albums in rotation, a moment's row of
whole albums; for a radio-like listener nothing changes."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from companion.core.taste import rows_albums
from companion.core.taste.home import _view, build_home, forget_state, get_row
from companion.core.taste.homerows import Built
from companion.core.taste.homerows import now as now_row
from tests.core.taste.conftest import T0, add_items
from tests.core.taste.test_albums import _albums, _session

pytestmark = pytest.mark.usefixtures("fresh_state")


@pytest.fixture
def album_listener(db):
    """Three weeks of evenings playing one of four rock albums through, in order; the last one stopped
    after its third track."""
    add_items(db)
    albums = _albums(db)
    rotation = [albums[f"rock album {a}-{b}"] for a, b in ((0, 0), (1, 0), (2, 1), (3, 0))]
    for d in range(21):
        _session(db, d, rotation[d % 4])
    _session(db, 21, albums["jazz album 4-1"][:3])  # started, not finished
    return albums, rotation


def _ids(row):
    return [it.item_id for it in row.items]


def test_continue_offers_the_half_finished_album_from_its_next_track(db, profile, album_listener):
    albums, _ = album_listener
    at = T0 + timedelta(days=22, hours=20)
    row = get_row(db, profile, "continue", at=at)
    assert row is not None and row.items[0].title == "jazz album 4-1"
    card = row.items[0]
    assert list(card.play_ids) == albums["jazz album 4-1"][3:] and card.item_id == albums["jazz album 4-1"][3]
    assert card.reason == "continue jazz album 4-1 from track 4"
    assert card.to_json()["play_ids"] == albums["jazz album 4-1"][3:]
    # a month later it is no longer in progress
    forget_state()
    assert get_row(db, profile, "continue", at=at + timedelta(days=30)) is None


def test_jump_back_in_holds_the_albums_in_rotation_each_playing_in_order(db, profile, album_listener):
    albums, rotation = album_listener
    row = get_row(db, profile, "jump-back-in", at=T0 + timedelta(days=22, hours=20))
    assert row is not None and row.title == "Jump back in"
    assert {tuple(it.play_ids) for it in row.items} == {tuple(ids) for ids in rotation}
    assert all(it.item_id == it.play_ids[0] for it in row.items)
    assert "albums:" not in row.reason and all("played it through" in it.reason for it in row.items)


def test_the_moment_leans_on_albums(db, profile, album_listener):
    albums, rotation = album_listener
    at = T0 + timedelta(days=22, hours=20)
    now = build_home(db, profile, at=at)[0]
    ids = _ids(now)
    assert now.id == "now" and len(ids) == 50
    assert ids[:2] == albums["jazz album 4-1"][3:]  # on from where the album stopped
    blocks = [ids[2 + 5 * k : 7 + 5 * k] for k in range(4)]
    assert sorted(blocks) == sorted(rotation)  # then whole albums, each in track order
    assert len(set(ids)) == len(ids)
    home_ids = [r.id for r in build_home(db, profile, at=at)]
    assert home_ids[:3] == ["now", "continue", "jump-back-in"]


def test_a_radio_listener_sees_no_change(db, profile):
    add_items(db)
    everything = [i for ids in _albums(db).values() for i in ids]
    rng = random.Random(5)
    for d in range(21):
        _session(db, d, rng.sample(everything, 8))
    at = T0 + timedelta(days=22, hours=20)
    rows = build_home(db, profile, at=at)
    assert "jump-back-in" not in [r.id for r in rows]
    assert all(not it.play_ids for r in rows for it in r.items)
    v, _ = _view(db, profile, at)
    plain = now_row.build(v, 50, Built())[0]  # the moment's row as everybody gets it
    assert _ids(rows[0]) == [int(v.lib.ids[i]) for i in plain.picks[: len(rows[0].items)]]


def test_the_album_rows_built_from_the_view(db, profile, album_listener):
    """rows_albums on its own: the half-finished album, the albums in rotation, and the cards that play them."""
    albums, rotation = album_listener
    v, _ = _view(db, profile, T0 + timedelta(days=22, hours=20))
    assert rows_albums.habit(v).album_sessions >= 21
    album, rest = rows_albums.half_finished(v)
    assert [int(v.lib.ids[i]) for i in rest] == albums["jazz album 4-1"][3:]
    jump = rows_albums.jump_back_in_row(v, 10)
    assert {tuple(it.play_ids) for it in jump.items} == {tuple(ids) for ids in rotation}
    cont = rows_albums.continue_row(v, 10)
    assert cont.items[0].play_ids == tuple(albums["jazz album 4-1"][3:])
    # a radio listener's view has no album rows
    forget_state()
    db.execute("DELETE FROM events")
    db.commit()
    v, _ = _view(db, profile, T0 + timedelta(days=22, hours=20))
    assert rows_albums.jump_back_in_row(v, 10) is None and rows_albums.half_finished(v) is None
