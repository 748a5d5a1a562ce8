"""A library of music and three five-episode shows, two weeks of listening, then some watching: two episodes of
Show 0 seen through, Show 1's first stopped at 40%, and a film never watched (for the video rows' tests)."""

from __future__ import annotations

from datetime import datetime, timedelta

from companion.core.events.record import record_event
from tests.core.importers.library import add_item
from tests.core.taste.conftest import add_items, listen


def watched_library(db) -> tuple[dict[str, list[int]], int, datetime]:
    """(genre or "video" -> item ids, the film's id, when the watching ended)."""
    ids = add_items(db, videos=3)
    film = add_item(db, "/films/Film (2001).mkv", kind="video", video_type="movie", title="Film", year=2001,
                    genres='["drama"]', duration=6000.0)  # fmt: skip
    end = listen(db, ids)
    show0, show1 = ids["video"][:5], ids["video"][5:10]
    for k, ep in enumerate(show0[:2]):
        ts = (end + timedelta(hours=20 + k)).timestamp()
        record_event(db, ep, "completed", ts=ts, position=1500.0, duration=1500.0)
    ts = (end + timedelta(days=1, hours=21)).timestamp()
    record_event(db, show1[0], "play", ts=ts, position=600.0, duration=1500.0, end_reason="closed")
    return ids, film, end + timedelta(days=2)
