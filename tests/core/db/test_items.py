"""The items repository (db/items.py): one item by id or path, lists in library order, playable counts,
status changes, the next episode, and what the queue needs of an item."""

from __future__ import annotations

from companion.core.db import items
from tests.core.importers.library import add_item


def test_items_by_id_path_and_in_library_order(db):
    b = add_item(db, "/m/b.flac", artist="beta", album="Z", track_no=1, title="B1")
    a2 = add_item(db, "/m/a2.flac", artist="Alpha", album="A", track_no=2, title="A2")
    a1 = add_item(db, "/m/a1.flac", artist="alpha", album="a", track_no=1, title="A1")
    film = add_item(db, "/v/f.mkv", kind="video", title="Film")
    gone = add_item(db, "/m/gone.flac", status="missing")
    assert items.get(db, a1)["title"] == "A1" and items.get(db, 999) is None
    assert items.get_by_path(db, "/m/b.flac")["id"] == b and items.id_for_path(db, "/m/nope") is None
    assert items.path_of(db, film) == "/v/f.mkv" and items.path_of(db, 999) is None
    assert [i["id"] for i in items.listed(db, "music", ["ok"], None)] == [a1, a2, b]  # case-free order
    assert [i["id"] for i in items.listed(db, None, ["ok", "missing"], 2)] == [gone, a1]
    assert (items.count_ok(db), items.count_ok(db, "video")) == (4, 1)
    assert sorted(i for i, _ in items.paths(db)) == sorted([a1, a2, b, film, gone])


def test_status_changes_say_why(db):
    item = add_item(db, "/m/a.flac")
    assert items.set_unplayable(db, item, "cannot decode", 5.0) and not items.set_unplayable(
        db, 999, "x", 5.0
    )
    assert (items.get(db, item)["status"], items.get(db, item)["status_reason"]) == (
        "unplayable",
        "cannot decode",
    )
    items.set_missing(db, item, "not found", 6.0)
    row = items.get(db, item)
    assert (row["status"], row["missing_since"], row["updated_at"]) == ("missing", 6.0, 6.0)
    assert items.count_ok(db) == 0


def test_the_next_episode_goes_on_into_the_next_season(db):
    def ep(season, episode, **cols):
        return add_item(db, f"/tv/S{season}E{episode}.mkv", kind="video", video_type="episode", show="Show",
                        season=season, episode=episode, **cols)  # fmt: skip

    s1e1, s1e2, s2e1 = ep(1, 1), ep(1, 2), ep(2, 1)
    ep(1, 3, status="missing")  # not playable: passed over
    film = add_item(db, "/v/f.mkv", kind="video", video_type="movie")
    assert items.next_episode(db, s1e1) == s1e2
    assert items.next_episode(db, s1e2) == s2e1
    assert items.next_episode(db, s2e1) is None and items.next_episode(db, film) is None


def test_what_the_queue_needs_with_the_resume_point(db):
    ep = add_item(db, "/tv/e.mkv", kind="video", show="Show", album=None, title="Pilot", duration=1500.0)
    song = add_item(db, "/m/a.flac", album="Album", title="A", rg_track_gain=-6.5, spoken="audiobook")
    db.execute("INSERT INTO resume_points(item_id, position, updated_at) VALUES (?, 600.0, 1.0)", (ep,))
    got = items.queue_fields(db, [ep, song, 999])
    assert set(got) == {ep, song}
    assert (got[ep].album, got[ep].resume_at, got[ep].spoken) == ("Show", 600.0, False)
    assert (got[song].album, got[song].rg_track_gain, got[song].resume_at, got[song].spoken) == (
        "Album", -6.5, None, True,
    )  # fmt: skip
    assert items.tracks(db, [song])[song]
