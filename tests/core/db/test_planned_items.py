"""Items known before their files exist (db/planned_items.py): added once, and a path already in the library
left as it is."""

from __future__ import annotations

from companion.core.db.planned_items import PlannedItem, add_planned
from companion.core.library.queries import get_item_by_path
from tests.core.importers.library import add_item


def test_planned_items_are_added_once_and_leave_known_paths_alone(db):
    add_item(db, "/demo/known.flac", title="Scanned already")
    plan = [
        PlannedItem("/demo/known.flac", "music", "Planned title", 200.0),
        PlannedItem("/demo/new.flac", "music", "New", 180.0, artist="Band", album="Album", genre="Jazz", year=2001,
                    track_no=2, track_total=9, bpm=96.0, mood="calm"),
        PlannedItem("/demo/film.mkv", "video", "Film", 5400.0),
    ]  # fmt: skip
    assert add_planned(db, plan) == 2
    assert add_planned(db, plan) == 0
    assert get_item_by_path(db, "/demo/known.flac")["title"] == "Scanned already"
    new = get_item_by_path(db, "/demo/new.flac")
    assert (new["artist"], new["album_artist"], new["genres"], new["track_total"], new["mood"]) == (
        "Band", "Band", ["Jazz"], 9, "calm",
    )  # fmt: skip
    assert get_item_by_path(db, "/demo/film.mkv")["kind"] == "video"
