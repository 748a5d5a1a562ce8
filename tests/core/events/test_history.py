"""Recent events for people to read: newest first, at the local time of the place they happened."""

from __future__ import annotations

from datetime import UTC, datetime

from companion.core.events.history import local_time, recent_events
from companion.core.events.record import record_event
from tests.core.events.helpers import add_item


def test_local_time_is_the_wall_clock_where_it_happened():
    ts = datetime(2026, 3, 1, 23, 30, tzinfo=UTC).timestamp()
    assert local_time(ts, 0).isoformat() == "2026-03-01T23:30:00+00:00"
    tokyo = local_time(ts, 9 * 60)
    assert (tokyo.day, tokyo.hour, tokyo.strftime("%A")) == (2, 8, "Monday")
    assert local_time(ts, -5 * 60).hour == 18


def test_recent_events_newest_first_with_their_item(db, tmp_path):
    song = add_item(db, tmp_path / "Aurora.flac", title="Aurora", artist="Northern Lights")
    t0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC).timestamp()
    record_event(db, song, "play", ts=t0, tz_offset_min=60, position=0.0)
    record_event(db, song, "completed", ts=t0 + 200, tz_offset_min=60, position=200.0, data={"why": "end"})
    record_event(db, song, "rating", ts=t0 + 300, tz_offset_min=60, value=4.0)
    got = recent_events(db)
    assert [e["type"] for e in got] == ["rating", "completed", "play"]
    end = got[1]
    assert (end["title"], end["artist"], end["kind"]) == ("Aurora", "Northern Lights", "music")
    assert end["local_time"] == "2026-03-01T13:03:20+01:00" and end["hour"] == 13
    assert end["time_utc"] == "2026-03-01T12:03:20+00:00" and end["weekday"] == "Sunday"
    assert end["data"] == {"why": "end"} and got[0]["value"] == 4.0 and got[2]["data"] is None
    assert [e["type"] for e in recent_events(db, limit=1)] == ["rating"]
