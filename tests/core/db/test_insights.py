"""The reads behind the Insights page (db/insights.py): plays counted by each event's own local time, with
their items; skips and other events left out."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from companion.core.db import insights
from companion.core.events.record import record_event
from tests.core.importers.library import add_item

MONDAY_9 = datetime(2026, 3, 2, 9, tzinfo=UTC).timestamp()


def test_plays_by_local_weekday_and_hour_with_their_items(db):
    jazz = add_item(db, "/m/a.mp3", artist="Trio", genres=json.dumps(["Jazz"]), bpm=100.0, duration=200.0)
    show = add_item(db, "/v/s.mkv", kind="video", show="The Show", duration=1500.0)
    record_event(db, jazz, "completed", ts=MONDAY_9, tz_offset_min=0, position=200.0, duration=200.0)
    record_event(
        db, jazz, "play", ts=MONDAY_9 + 3600, tz_offset_min=-660, position=50.0, duration=200.0
    )  # Sunday 23h
    record_event(
        db, show, "completed", ts=MONDAY_9 + 86400, tz_offset_min=0, position=1500.0, duration=1500.0
    )
    record_event(db, jazz, "skip", ts=MONDAY_9 + 7200, position=3.0, duration=200.0)
    assert sorted(insights.plays_by_weekday_hour(db)) == [(0, 9, 1), (1, 9, 1), (6, 23, 1)]
    assert sorted(p.hour for p in insights.plays_with_items(db)) == [9, 9, 23]
    assert insights.plays_and_items_played(db) == (3, 2)
    assert insights.first_plays(db) == {jazz: MONDAY_9, show: MONDAY_9 + 86400}
    assert sorted(insights.plays_between(db, MONDAY_9, MONDAY_9 + 3601)) == [
        (jazz, MONDAY_9),
        (jazz, MONDAY_9 + 3600),
    ]
    (trio,) = insights.music_artist_plays(db)
    assert (trio.who, trio.bpm, trio.plays) == ("Trio", 100.0, 2)
    assert insights.totals(db) == (3, 200.0 + 50.0 + 1500.0, 1)
