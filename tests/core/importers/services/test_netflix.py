"""Each service's export, written small by the test, imported into a library of inserted items."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from companion.core.importers.run import import_history
from tests.core.importers.library import add_item, events

MBID = "0383dadf-2a4e-4d10-a46a-e9e041da8eb3"


@pytest.fixture
def lib(db):
    return {
        "halo": add_item(
            db, "/m/halo.mp3", artist="Beyoncé", title="Halo", album="I Am... Sasha Fierce", duration=261.0
        ),
        "yesterday": add_item(
            db, "/m/yesterday.flac", artist="The Beatles", title="Yesterday", album="Help!", duration=125.0
        ),
        "yesterday_live": add_item(
            db,
            "/m/yesterday-live.flac",
            artist="The Beatles",
            title="Yesterday",
            album="Live at the BBC",
            duration=130.0,
        ),
        "by_id": add_item(
            db, "/m/x.ogg", artist="Somebody Else", title="Other Name", mb_track_id=MBID, duration=200.0
        ),
        "crown": add_item(
            db,
            "/v/crown-s01e01.mkv",
            kind="video",
            video_type="episode",
            show="The Crown",
            season=1,
            episode=1,
            title="Wolferton Splash",
            duration=3400.0,
        ),
        "st": add_item(
            db,
            "/v/st-s02e01.mkv",
            kind="video",
            video_type="episode",
            show="Stranger Things",
            season=2,
            episode=1,
            title="MADMAX",
            duration=2900.0,
        ),
        "movie": add_item(
            db, "/v/inception.mkv", kind="video", video_type="movie", title="Inception", duration=8880.0
        ),
    }


def ts(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def test_lastfm_csv_with_header(db, lib, tmp_path):
    f = tmp_path / "scrobbles.csv"
    f.write_text(
        "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
        '1600000000,"13 Sep 2020, 12:26",BEYONCE,,I Am... Sasha Fierce,,Halo (feat. Nobody),\n'
        f"1600000300,,Wrong Name,,,,Wrong Title,{MBID}\n"
        "1600000600,,The Beatles,,Live at the BBC,,Yesterday - Live,\n"
        "1600000900,,Unknown Band,,,,Unknown Song,\n",
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert (s.read, s.matched, s.unmatched, s.duplicates, s.errors) == (4, 3, 1, 0, [])
    evs = events(db)
    assert [e["item_id"] for e in evs] == [lib["halo"], lib["by_id"], lib["yesterday_live"]]
    assert {e["type"] for e in evs} == {"play"} and {e["source"] for e in evs} == {"import:lastfm"}
    assert evs[0]["ts"] == 1600000000
    assert json.loads(evs[0]["data"])["import_key"].startswith("lastfm|1600000000|")


def test_lastfm_headerless_and_now_playing(db, lib, tmp_path):
    f = tmp_path / "lastfm-to-csv.csv"
    f.write_text(
        "The Beatles,Help!,Yesterday,31 Jan 2021 17:23\n"
        '"Beyoncé","I Am... Sasha Fierce","Halo",01 Feb 2021 08:00\n'
        "Beyoncé,I Am... Sasha Fierce,Halo,\n",
        encoding="utf-8",
    )  # "now playing": no date
    s = import_history(db, [f])
    assert (s.read, s.matched, s.ignored, s.errors) == (3, 2, 1, [])
    evs = events(db)
    assert evs[0]["item_id"] == lib["yesterday"] and evs[0]["ts"] == ts("2021-01-31T17:23")
    assert evs[1]["item_id"] == lib["halo"]


def test_listenbrainz_json_and_json_lines(db, lib, tmp_path):
    listens = [
        {
            "listened_at": 1650000000,
            "track_metadata": {
                "artist_name": "Beyonce",
                "track_name": "Halo",
                "release_name": "I Am... Sasha Fierce",
            },
        },
        {
            "listened_at": 1650000500,
            "track_metadata": {
                "artist_name": "?",
                "track_name": "?",
                "additional_info": {"recording_mbid": MBID},
            },
        },
        {
            "listened_at": 1650000900,
            "track_metadata": {
                "artist_name": "x",
                "track_name": "y",
                "mbid_mapping": {"recording_mbid": "bad"},
            },
        },
    ]
    whole = tmp_path / "listens.json"
    whole.write_text(json.dumps(listens), encoding="utf-8")
    s = import_history(db, [whole])
    assert (s.read, s.matched, s.unmatched) == (3, 2, 1)
    lines = tmp_path / "listens.jsonl"
    lines.write_text("\n".join(json.dumps(x) for x in listens) + "\n{broken\n", encoding="utf-8")
    s = import_history(db, [lines])
    assert (s.read, s.matched, s.unmatched, s.duplicates) == (3, 0, 0, 3)
    assert s.errors == [
        f"{lines}: line 4: not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    ]
    assert {e["source"] for e in events(db)} == {"import:listenbrainz"}


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


def test_netflix_viewing_activity(db, lib, tmp_path):
    f = tmp_path / "ViewingActivity.csv"
    header = (
        "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,"
        "Bookmark,Latest Bookmark,Country\n"
    )
    f.write_text(
        header + "Ann,2023-01-02 20:00:00,00:55:00,,The Crown: Season 1: Wolferton Splash (Episode 1),,TV,"
        "00:55:00,00:55:00,GB (United Kingdom)\n"
        'Ann,2023-01-03 20:00:00,00:20:00,,"Stranger Things: Stranger Things 2: Chapter One: MADMAX '
        '(Episode 1)",,TV,00:20:00,00:20:00,GB\n'
        "Ann,2023-01-04 20:00:00,02:20:00,,Inception,,TV,02:20:00,02:20:00,GB\n"
        "Ann,2023-01-04 19:59:00,00:00:40,,Season 2 Trailer: Dark,TRAILER,TV,00:00:40,,GB\n"
        "Ann,2023-01-05 20:00:00,00:30:00,,Some Other Show: Season 3: Gone (Episode 4),,TV,"
        "00:30:00,,GB\n"
        "Ann,not a date,00:30:00,,Inception,,TV,,,GB\n",
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert (s.read, s.matched, s.unmatched, s.ignored) == (5, 3, 1, 1)
    assert s.errors == [f"{f}: line 7: unreadable time 'not a date'"]
    crown, st, movie = events(db)
    assert (crown["item_id"], crown["type"]) == (lib["crown"], "completed")
    assert (st["item_id"], st["type"], st["position"]) == (lib["st"], "play", 1200.0)
    assert (movie["item_id"], movie["type"]) == (lib["movie"], "completed")
    kept = db.execute("SELECT show, season, episode, title FROM import_unmatched").fetchone()
    assert tuple(kept) == ("Some Other Show", 3, 4, "Gone")


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


def test_netflix_shared_account_one_viewer(db, lib, tmp_path):
    f = tmp_path / "ViewingActivity.csv"
    f.write_text(
        "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type\n"
        "Ann,2023-01-04 20:00:00,02:20:00,,Inception,\n"
        "Kids,2023-01-05 16:00:00,01:30:00,,Inception,\n",
        encoding="utf-8",
    )
    everyone = import_history(db, [f])
    assert everyone.matched == 2
    assert everyone.notes == [
        "viewing of 2 Netflix profiles (Ann, Kids) imported; choose one with --netflix-profile NAME"
    ]
    db.execute("DELETE FROM events")
    db.commit()
    ann = import_history(db, [f], netflix_profile="Ann")
    assert (ann.matched, ann.ignored, ann.notes) == (1, 1, [])
    nobody = import_history(db, [f], netflix_profile="Bob")
    assert nobody.notes == ["no Netflix profile 'Bob' in this file (found: Ann, Kids)"]


def test_netflix_episodes_without_a_number_match_by_title_or_episode_word(db, lib, tmp_path):
    from companion.core.importers.services.netflix import split_title

    assert split_title("Space Show: Season 1: Episode 2") == ("Space Show", 1, 2, "Episode 2")
    assert split_title("The Crown: Season 1: Wolferton Splash") == ("The Crown", 1, None, "Wolferton Splash")
    assert split_title("Inception") == (None, None, None, "Inception")
    space = add_item(
        db,
        "/v/Space Show S01E02.mkv",
        kind="video",
        video_type="episode",
        show="Space Show",
        season=1,
        episode=2,
        title="Space Show S01E02",
    )
    f = tmp_path / "ViewingActivity.csv"
    f.write_text(
        "Profile Name,Start Time,Duration,Title\n"
        "Ann,2023-01-02 20:00:00,00:55:00,The Crown: Season 1: Wolferton Splash\n"
        "Ann,2023-01-03 20:00:00,00:40:00,Space Show: Season 1: Episode 2\n",
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert (s.read, s.matched, s.unmatched) == (2, 2, 0)
    assert {e["item_id"] for e in events(db)} == {lib["crown"], space}


def test_netflix_everyday_export_title_and_date(db, lib, tmp_path):
    """QA session 2, B11: the 'Title,Date' file a profile downloads at once was refused."""
    us = tmp_path / "NetflixViewingHistory.csv"
    us.write_text(
        'Title,Date\n"The Crown: Season 1: Wolferton Splash (Episode 1)","11/20/24"\n'
        '"Inception","1/2/23"\n"Nobody Knows: Season 1: One","12/31/24"\n"Inception","someday"\n',
        encoding="utf-8",
    )
    s = import_history(db, [us])
    assert (s.read, s.matched, s.unmatched) == (3, 2, 1)
    assert s.errors == [
        f"{us}: line 5: unreadable date 'someday' (expected a date such as 11/20/24 or 2024-11-20)"
    ]
    crown, movie = sorted(events(db), key=lambda e: e["item_id"] == lib["movie"])
    assert crown["item_id"] == lib["crown"] and crown["ts"] == ts("2024-11-20T12:00:00")
    assert movie["item_id"] == lib["movie"] and movie["ts"] == ts("2023-01-02T12:00:00")

    uk = tmp_path / "uk" / "NetflixViewingHistory.csv"
    uk.parent.mkdir()
    uk.write_text("Title,Date\nInception,25/12/2022\nInception,03/01/2023\n", encoding="utf-8")
    import_history(db, [uk])
    stamps = sorted(e["ts"] for e in events(db) if e["item_id"] == lib["movie"])
    assert ts("2022-12-25T12:00:00") in stamps and ts("2023-01-03T12:00:00") in stamps, (
        "day/month read as such"
    )
