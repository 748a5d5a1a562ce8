"""Spotify streaming histories (the basic and the extended one), written small by the test, imported into a
library of inserted items; and what the module reads from one stream."""

from __future__ import annotations

import json

from companion.core.importers.model import HistoryEntry, Ignored, RecordError
from companion.core.importers.run import import_history
from companion.core.importers.services import spotify
from tests.core.importers.library import events, ts


def test_spotify_basic_history_short_streams_are_skips(db, lib, tmp_path):
    f = tmp_path / "StreamingHistory0.json"
    f.write_text(
        json.dumps(
            [
                {
                    "endTime": "2022-03-01 07:30",
                    "artistName": "Beyoncé",
                    "trackName": "Halo",
                    "msPlayed": 12000,
                },
                {
                    "endTime": "2022-03-01 07:35",
                    "artistName": "The Beatles",
                    "trackName": "Yesterday",
                    "msPlayed": 125000,
                },
                {
                    "endTime": "2022-03-01 07:40",
                    "artistName": "The Beatles",
                    "trackName": "Yesterday",
                    "msPlayed": 60000,
                },
            ]
        ),
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert (s.read, s.matched) == (3, 3)
    halo, done, part = events(db)
    assert (halo["type"], halo["position"], halo["item_id"]) == ("skip", 12.0, lib["halo"])
    assert halo["ts"] == ts("2022-03-01T07:30") - 12.0  # start = end - played
    assert (done["type"], part["type"]) == ("completed", "play")


def test_spotify_extended_history_reason_and_skip_flags(db, lib, tmp_path):
    def rec(t, artist, track, ms, reason_end, skipped=None, album=None):
        return {
            "ts": t,
            "ms_played": ms,
            "master_metadata_track_name": track,
            "master_metadata_album_artist_name": artist,
            "master_metadata_album_album_name": album,
            "reason_start": "clickrow",
            "reason_end": reason_end,
            "skipped": skipped,
            "shuffle": False,
            "spotify_track_uri": "spotify:track:abc",
        }

    f = tmp_path / "Streaming_History_Audio_2022.json"
    f.write_text(
        json.dumps(
            [
                rec("2022-05-01T08:00:05Z", "The Beatles", "Yesterday", 5000, "fwdbtn", True, "Help!"),
                rec(
                    "2022-05-01T08:10:00Z",
                    "The Beatles",
                    "Yesterday",
                    125000,
                    "trackdone",
                    False,
                    "Live at the BBC",
                ),
                rec(
                    "2022-05-01T08:20:00Z", "Beyoncé", "Halo", 9000, "endplay"
                ),  # stopped early: left, not a skip
                rec("2022-05-01T08:30:00Z", "Beyoncé", "Halo", 100000, "fwdbtn", False),
                {
                    "ts": "2022-05-01T09:00:00Z",
                    "ms_played": 600000,
                    "master_metadata_track_name": None,
                    "episode_name": "A podcast",
                    "reason_end": "trackdone",
                },
            ]
        ),
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert (s.read, s.matched, s.ignored, s.unmatched) == (5, 3, 2, 0)
    skip, completed, play = events(db)
    assert (skip["type"], skip["position"], skip["item_id"], skip["end_reason"]) == (
        "skip",
        5.0,
        lib["yesterday"],
        "next",
    )
    assert (completed["type"], completed["item_id"]) == ("completed", lib["yesterday_live"])
    assert play["type"] == "play" and play["item_id"] == lib["halo"]
    assert json.loads(skip["data"])["reason_end"] == "fwdbtn"


def test_spotify_basic_and_extended_histories_of_the_same_streams_import_once(db, lib, tmp_path):
    basic = tmp_path / "StreamingHistory_music_0.json"
    basic.write_text(
        json.dumps(
            [
                {
                    "endTime": "2022-05-01 08:10",
                    "artistName": "The Beatles",
                    "trackName": "Yesterday",
                    "msPlayed": 125000,
                }
            ]
        ),
        encoding="utf-8",
    )
    extended = tmp_path / "Streaming_History_Audio_2022.json"
    extended.write_text(
        json.dumps(
            [
                {
                    "ts": "2022-05-01T08:10:41Z",
                    "ms_played": 125000,
                    "master_metadata_track_name": "Yesterday",
                    "master_metadata_album_artist_name": "The Beatles",
                    "reason_end": "trackdone",
                }
            ]
        ),
        encoding="utf-8",
    )
    first = import_history(db, [extended])
    second = import_history(db, [basic])
    assert (first.matched, second.matched, second.duplicates) == (1, 0, 1)
    assert len(events(db)) == 1


def test_a_basic_stream_starts_its_length_before_it_ended_and_keys_on_the_minute():
    basic = {"endTime": "2022-03-01 07:30", "artistName": "Beyoncé", "trackName": "Halo", "msPlayed": 90500}
    extended = {"ts": "2022-03-01T07:30:41Z", "ms_played": 90500, "master_metadata_track_name": "Halo"}
    assert spotify.looks_like(basic) and spotify.looks_like(extended)
    assert not spotify.looks_like({"listened_at": 1, "track_metadata": {}})
    (entry,) = spotify.parse([("record 1", basic)])
    assert isinstance(entry, HistoryEntry)
    assert (entry.ts, entry.position, entry.end_reason) == (ts("2022-03-01T07:30") - 90.5, 90.5, "next")
    assert entry.key_time == ts("2022-03-01T07:30") and entry.data == {"ms_played": 90500}


def test_a_bad_stream_is_an_error_of_its_own_and_a_podcast_is_left_out():
    got = list(
        spotify.parse(
            [
                (
                    "record 1",
                    {"endTime": "2022-03-01 07:30", "artistName": "a", "trackName": "b", "msPlayed": -1},
                ),
                (
                    "record 2",
                    {"endTime": "2022-03-01 07:30", "artistName": "a", "trackName": "b", "msPlayed": True},
                ),
                ("record 3", {"ts": "2022-05-01T09:00:00Z", "ms_played": 1000, "episode_name": "A podcast"}),
                ("record 4", "text"),
            ]
        )
    )
    assert got[:2] == [
        RecordError("record 1", "bad milliseconds played -1"),
        RecordError("record 2", "bad milliseconds played True"),
    ]
    assert isinstance(got[2], Ignored) and got[3] == RecordError("record 4", "not a streaming record")
