"""Last.fm scrobble CSVs (with the exporter's header and without one), written small by the test, imported
into a library of inserted items; and what the module recognises as one."""

from __future__ import annotations

import json
from pathlib import Path

from companion.core.importers.model import HistoryEntry, Ignored, RecordError
from companion.core.importers.run import import_history
from companion.core.importers.services import lastfm
from companion.core.importers.source import SourceFile
from tests.core.importers.library import MBID, events, ts


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


def test_what_counts_as_a_scrobble_file():
    assert lastfm.looks_like("uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid")
    assert lastfm.looks_like('"Artist","Album","Track","Date"')
    assert lastfm.looks_like('"Beyoncé, and Friends",Album,Halo,31 Jan 2021 17:23')  # a comma inside quotes
    assert not lastfm.looks_like("Beyoncé,Album,Halo,yesterday")  # the last cell is no date
    assert not lastfm.looks_like("Profile Name,Start Time,Duration,Title")


def test_each_bad_row_says_what_is_wrong_and_the_rest_still_read():
    text = (
        "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
        "1600000000,,Beyoncé,a1,,b2,Halo,\n"
        "9999999999,,Beyoncé,,,,Halo,\n"
        "1600000300,,,,,,Halo,\n"
        "1600000600,,Beyoncé,,\n"
    )
    got = list(lastfm.parse(SourceFile(Path("s.csv"), text, "x")))
    first = got[0]
    assert isinstance(first, HistoryEntry)
    assert (first.ts, first.artist, first.title, first.album, first.where) == (
        1600000000.0,
        "Beyoncé",
        "Halo",
        None,
        "line 2",
    )
    assert first.data == {"artist_mbid": "a1", "album_mbid": "b2"}
    assert [(e.where, e.message) for e in got[1:] if isinstance(e, RecordError)] == [
        ("line 3", "time '9999999999' is in the future"),
        ("line 4", "no artist or track name"),
        ("line 5", "expected 8 columns, found 5"),
    ]


def test_a_row_without_a_date_is_now_playing_and_left_out():
    got = list(lastfm.parse(SourceFile(Path("s.csv"), "Beyoncé,Album,Halo,\n", "x")))
    assert len(got) == 1 and isinstance(got[0], Ignored)
