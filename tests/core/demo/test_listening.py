"""The demo's simulated week (demo/listening.py), over a few items with the demo's artists: plays ending before
``now``, the loud guitars mostly skipped, the show's first episode and half a movie, likes and stars."""

from __future__ import annotations

import json
from collections import Counter

from companion.core.demo import listening
from companion.core.events.ratings import rating_state
from tests.core.importers.library import add_item

NOW = 1_780_000_000.0


def test_a_week_of_habits_ends_before_now_and_is_marked_as_the_demos(db):
    pairs = {*listening.LIKES, *listening.DISLIKES, *(k for k, _ in listening.STARS)}
    ids = {(a, t): add_item(db, f"/demo/{a}/{t}.flac", artist=a, title=t, duration=200.0) for a, t in pairs}
    ep1 = add_item(db, "/demo/show/e1.mkv", kind="video", video_type="episode", episode=1, duration=1500.0)
    film = add_item(db, "/demo/film.mkv", kind="video", video_type="movie", duration=6000.0)
    assert not listening.already_simulated(db)
    count = listening.simulate_week(db, now=NOW)
    events = db.execute("SELECT item_id, type, ts, position, data FROM events").fetchall()
    assert count == len(events) > 50 and listening.already_simulated(db)
    plays = [e for e in events if e["type"] in ("completed", "play", "skip")]
    assert all(NOW - 8 * 86400 < e["ts"] < NOW and json.loads(e["data"])["demo"] for e in plays)
    artist_of = {i: a for (a, _), i in ids.items()}
    kinds = Counter((artist_of.get(e["item_id"]), e["type"]) for e in plays)
    assert kinds["Velvet Static", "skip"] > kinds["Velvet Static", "completed"], "loud guitars mostly skipped"
    assert not [a for a, t in kinds if t == "skip" and a != "Velvet Static"]
    assert {e["type"] for e in plays if e["item_id"] == ep1} == {"completed"}
    assert {e["position"] for e in plays if e["item_id"] == film} == {0.55 * 6000.0}, "stopped half way"
    assert rating_state(db, ids["Velvet Static", "Fuzz Parade"]).liked == -1
    assert all(rating_state(db, ids[k]).liked == 1 for k in listening.LIKES)
    assert all(rating_state(db, ids[k]).stars == stars for k, stars in listening.STARS)
