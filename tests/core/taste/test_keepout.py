"""Keep out of my taste: a kept-out playlist's plays teach nothing (On repeat, the moment's row), past plays
included, and come back when the rule is removed; time windows, tracks and albums; what each rule hides."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from companion.core.db import events as event_db
from companion.core.db import keepout as keepout_db
from companion.core.db import playlists as playlist_db
from companion.core.db.events import NewEvent
from companion.core.errors import UsageError
from companion.core.taste import keepout
from companion.core.taste.context import moment
from companion.core.taste.home import build_home

from .conftest import add_items

START = datetime(2026, 10, 1, tzinfo=UTC)
AT = START + timedelta(days=20, hours=19, minutes=30)  # an evening, after twenty days of listening


@pytest.fixture
def kids(db):
    """Twenty evenings: the person's jazz at 19:00-20:00, and a kids' playlist (pop) looped before it,
    more often than anything else."""
    lib = add_items(db, added_at=START.timestamp() - 86400 * 60)
    kid_tracks = lib["pop"][:12]
    pid = playlist_db.save(
        db,
        "Bath time",
        "m3u",
        None,
        [playlist_db.EntryRow(i, f"/k/{i}.flac", None, None, None, None, "path", None) for i in kid_tracks],
        START.timestamp(),
    )
    rng = random.Random(3)
    events = []
    for d in range(20):
        day = START + timedelta(days=d)
        for k in range(10):
            t = day + timedelta(hours=18, minutes=5 * k)
            item = kid_tracks[(d + k) % 12]
            events.append(
                NewEvent(item, "completed", t.timestamp(), 0, 200.0, 200.0, "user", None, f"playlist:{pid}")
            )
        for k in range(6):
            t = day + timedelta(hours=19, minutes=8 * k)
            events.append(
                NewEvent(rng.choice(lib["jazz"][:24]), "completed", t.timestamp(), 0, 200.0, 200.0, "user")
            )
    with db:
        event_db.insert_many(db, events)
    return lib, kid_tracks, pid


def _rows(db, profile) -> dict[str, set[int]]:
    return {r.id: {i.item_id for i in r.items} for r in build_home(db, profile, at=AT)}


def test_a_kept_out_playlist_leaves_on_repeat_and_the_moment_and_comes_back(db, profile, kids):
    _, kid_tracks, pid = kids
    before = _rows(db, profile)
    assert before["on-repeat"] & set(kid_tracks) and before["now"] & set(kid_tracks)

    rule = keepout.add_rule(db, "playlist", str(pid))
    assert rule.label == "playlist Bath time"
    after = _rows(db, profile)
    assert "on-repeat" in after and "now" in after  # the person's own listening is still there
    assert not after["on-repeat"] & set(kid_tracks)
    assert not after["now"] & set(kid_tracks)
    assert event_db.count(db) == 20 * 16  # the plays stay in the history
    from companion.core.taste.home import view_at

    v = view_at(db, profile, AT)
    assert v.model.kept_key == v.log.kept_key != ""  # refitted without them (embeddings, tuning, modes)
    assert not (v.sig.plays[v.lib.index_of(np.asarray(kid_tracks))] > 0).any()

    keepout.remove_rule(db, rule.id)
    again = _rows(db, profile)
    assert again["on-repeat"] & set(kid_tracks) and again["now"] & set(kid_tracks)


def test_describe_says_what_each_rule_hides(db, kids):
    lib, kid_tracks, pid = kids
    keepout.add_rule(db, "playlist", "Bath time")
    keepout.add_rule(db, "time", "every day 18:00-19:00")
    keepout.add_rule(db, "track", str(lib["jazz"][0]))
    keepout.add_rule(db, "album", "jazz album 0-0", artist="Jazz Artist 0")
    got = {h.rule.kind: h for h in keepout.describe(db)}
    assert (got["playlist"].events, got["playlist"].tracks) == (200, 12)
    assert (got["time"].events, got["time"].tracks) == (200, 12)  # the playlist's hour
    assert got["track"].tracks <= 1 and got["album"].tracks <= 5
    assert got["playlist"].to_json()["hides"]["examples"]
    with pytest.raises(UsageError):
        keepout.add_rule(db, "playlist", "No such list")
    with pytest.raises(UsageError):
        keepout.remove_rule(db, 999)


def test_time_windows_parse_and_match_local_time():
    spec, label = keepout.parse_window("Saturday 14:00-18:00")
    assert (spec["days"], spec["start"], spec["end"], label) == ([5], 840, 1080, "Saturdays 14:00-18:00")
    spec, label = keepout.parse_window("every night 22:00-06:00 in March")
    assert label == "every night 22:00-06:00 in March" and spec["months"] == [3]
    assert keepout.parse_window("weekends")[1] == "weekends"
    with pytest.raises(UsageError):
        keepout.parse_window("sometimes")

    def local(*args) -> float:
        return moment(datetime(*args, tzinfo=UTC)).local

    sat = keepout.parse_window("Saturday 22:00-02:00")[0]
    times = np.array(
        [local(2026, 3, 7, 23), local(2026, 3, 8, 1), local(2026, 3, 8, 23), local(2026, 3, 7, 12)]
    )
    assert keepout.in_window(sat, times).tolist() == [True, True, False, False]
    march_nights = keepout.parse_window("every night 22:00-06:00 in March")[0]
    assert keepout.in_window(
        march_nights, np.array([local(2026, 3, 3, 23), local(2026, 4, 3, 23)])
    ).tolist() == [
        True,
        False,
    ]


def test_rules_are_stored_once_and_keyed(db):
    assert keepout_db.rules_key(db) == ""
    a = keepout_db.add(db, "time", {"days": [5], "start": 0, "end": 60, "months": []}, "x", 1.0)
    b = keepout_db.add(db, "time", {"days": [5], "start": 0, "end": 60, "months": []}, "x", 2.0)
    assert a == b and len(keepout_db.rules(db)) == 1
    key = keepout_db.rules_key(db)
    assert key and keepout_db.remove(db, a) and keepout_db.rules_key(db) == ""
    keepout_db.dismiss(db, "loop:1,2", 3.0)
    assert keepout_db.dismissed(db) == {"loop:1,2"}
