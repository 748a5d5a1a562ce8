"""Insights: heat map in each event's local time, day-parts, familiar vs new, the taste map."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

from companion.core import insights
from companion.core.events.record import record_event


def _item(db, title, artist, genre, bpm=100.0, mood=None):
    with db:
        cur = db.execute(
            "INSERT INTO items(path, kind, added_at, updated_at, title, artist, genres, bpm, mood)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (f"/m/{artist}/{title}.mp3", "music", 0, 0, title, artist, json.dumps([genre]), bpm, mood),
        )
    return cur.lastrowid


def _at(weekday_date: datetime, hour: int, tz_min: int) -> float:
    local = weekday_date.replace(hour=hour, minute=15, tzinfo=timezone(timedelta(minutes=tz_min)))
    return local.timestamp()


def test_heat_map_uses_each_events_own_local_time(db):
    a = _item(db, "One", "Night Bus", "Lo-Fi")
    monday = datetime(2026, 11, 2)  # a Monday
    record_event(db, a, "completed", ts=_at(monday, 8, 120), tz_offset_min=120)  # Monday 08:xx at UTC+2
    record_event(db, a, "play", ts=_at(monday, 23, -300), tz_offset_min=-300)  # Monday 23:xx at UTC-5
    record_event(db, a, "skip", ts=_at(monday, 12, 0), tz_offset_min=0)  # skips are not plays
    grid = insights.heatmap(db)
    assert grid[0][8] == 1 and grid[0][23] == 1
    assert sum(map(sum, grid)) == 2


def test_top_artists_and_genres_per_day_part(db):
    a = _item(db, "Dawn", "Oak & Ember", "Folk")
    b = _item(db, "Neon", "Kilowatt Kids", "Electronic")
    day = datetime(2026, 11, 3)
    for _ in range(3):
        record_event(db, a, "completed", ts=_at(day, 7, 0), tz_offset_min=0)
    record_event(db, b, "completed", ts=_at(day, 20, 0), tz_offset_min=0)
    artists, genres = insights.top_by_day_part(db)
    assert artists["morning"] == [("Oak & Ember", 3)]
    assert artists["evening"] == [("Kilowatt Kids", 1)]
    assert genres["morning"][0][0] == "folk"
    assert artists["night"] == []


def test_familiar_vs_new_counts_first_plays(db):
    a = _item(db, "A", "X", "Jazz")
    b = _item(db, "B", "Y", "Jazz")
    now = time.time()
    for k in range(3):
        record_event(db, a, "completed", ts=now - 1000 + k)
    record_event(db, b, "play", ts=now - 10)
    assert insights.familiar_vs_new(db) == (2, 2)
    weekly = insights.weekly_familiar_new(db, now)
    assert weekly[-1] == (2, 2) and weekly[0] == (0, 0)


def test_taste_map_groups_artists_that_sound_alike(db):
    ids = {}
    for artist, genre, bpm, mood in (
        ("Calm 1", "Ambient", 60, "chill"),
        ("Calm 2", "Ambient", 64, "chill"),
        ("Loud 1", "Metal", 170, "energetic"),
        ("Loud 2", "Metal", 165, "energetic"),
    ):
        ids[artist] = _item(db, "t", artist, genre, bpm, mood)
        record_event(db, ids[artist], "completed", ts=time.time() - 100)
    points, names = insights.taste_map(db, max_clusters=2)
    cluster = {p.label: p.cluster for p in points}
    assert cluster["Calm 1"] == cluster["Calm 2"] != cluster["Loud 1"] == cluster["Loud 2"]
    assert sorted(names) == ["Ambient", "Metal"]
    assert all(-1.0 <= p.x <= 1.0 and -1.0 <= p.y <= 1.0 for p in points)


def test_no_history_gives_empty_pictures_not_errors(db):
    data = insights.compute(db, time.time())
    assert data.total_plays == 0 and data.points == () and sum(map(sum, data.heatmap)) == 0


def test_the_taste_map_is_music_only(db):
    """QA session 2, C5: a TV show sat in a music cluster ("Ambient & Folk")."""
    a = _item(db, "Dawn", "Oak & Ember", "Folk")
    b = _item(db, "Neon", "Kilowatt Kids", "Electronic")
    with db:
        show = db.execute(
            "INSERT INTO items(path, kind, added_at, updated_at, title, show) VALUES (?,?,?,?,?,?)",
            ("/v/Star Harbor/S01E01.mkv", "video", 0, 0, "Arrival", "Star Harbor"),
        ).lastrowid
    now = time.time()
    for item in (a, b, show):
        record_event(db, item, "completed", ts=now - 100)
    points, _names = insights.taste_map(db)
    assert sorted(p.label for p in points) == ["Kilowatt Kids", "Oak & Ember"]
    artists, _genres = insights.top_by_day_part(db)
    assert any(name == "Star Harbor" for part in artists.values() for name, _n in part), (
        "shows stay in 'your day'"
    )


def test_imported_listening_is_in_the_insights_even_when_no_file_matched(db, tmp_path):
    from companion.core.importers.run import import_history

    _item(db, "Another Song", "Agnes Obel", "Folk")
    assert insights.compute(db, time.time()).imported is None  # nothing imported yet
    f = tmp_path / "scrobbles.csv"
    lines = ["uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid"]
    lines += [f"{1700000000 + 300 * k},,Agnes Obel,,Philharmonics,,Riverside,," for k in range(4)]
    lines += [f"{1700009000 + 300 * k},,Nobody Here,,X,,Y {k}," for k in range(2)]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_history(db, [f])
    data = insights.compute(db, time.time())
    assert data.total_plays == 0  # no play of a file ...
    got = data.imported  # ... but the imported listening is there
    assert got is not None and (got.plays, got.matched, got.counted, got.artists_learned) == (6, 0, 4, 1)
    assert got.top_artists[0] == ("Agnes Obel", 4)
    assert round(got.seconds) == 6 * 210  # lengths unknown: a typical track's
