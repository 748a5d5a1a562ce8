"""What the demo and the benchmarks' made-up libraries read and write (db/demo.py): items under one folder by
the prefix of their stored paths, made-up rows in bulk, and removal with their events."""

from __future__ import annotations

from companion.core.db import demo
from companion.core.db.demo import BulkTrack
from companion.core.events.record import record_event
from tests.core.importers.library import add_item


def track(path: str, title: str, artist: str = "Band") -> BulkTrack:
    return BulkTrack(path, "music", 1.0, 1.0, title, artist, artist, "Album", '["Jazz"]', 2001, 1, 180.0, 1)


def test_bulk_tracks_and_the_items_under_a_folder(db):
    demo.add_tracks(
        db, [track("/demo/a.flac", "A"), track("/demo/b.flac", "B"), track("/demo/a.flac", "again")]
    )
    mine = add_item(db, "/home/me/c.flac", artist="Me", title="C", duration=100.0)
    add_item(db, "/demo-other/d.flac", status="missing")
    under = demo.ids_under(db, "/demo/")
    assert len(under) == 2 and demo.count_outside(db, "/demo/") == 2
    assert demo.count_ok_under(db, "/demo/") == 2 and demo.count_ok_under(db, "/demo") == 2
    assert demo.find(db, "Band", "A") in under and demo.find(db, "Band", "again") is None, "a path once"
    assert sorted(demo.ids_like(db, "%/a.flac")) == [demo.find(db, "Band", "A")]
    assert [t.id for t in demo.music_tracks(db)] == [*under, mine]


def test_videos_in_order_and_removal_takes_the_events_along(db):
    ep2 = add_item(db, "/v/s/e2.mkv", kind="video", video_type="episode", episode=2, duration=1500.0)
    ep1 = add_item(db, "/v/s/e1.mkv", kind="video", video_type="episode", episode=1, duration=1500.0)
    film = add_item(db, "/v/film.mkv", kind="video", video_type="movie", duration=6000.0)
    assert [v.id for v in demo.videos(db)] == [ep1, ep2, film]
    record_event(db, ep1, "completed", ts=10.0, position=1500.0, duration=1500.0)
    record_event(db, film, "play", ts=20.0, position=60.0, duration=6000.0)
    demo.delete_items(db, [ep1, ep2])
    assert [v.id for v in demo.videos(db)] == [film]
    assert [r[0] for r in db.execute("SELECT item_id FROM events")] == [film]
