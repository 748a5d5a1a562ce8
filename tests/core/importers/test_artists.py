"""Imported plays with no file count by artist (and album) when the library has the artist."""

from __future__ import annotations

import csv
import json

from companion.core.importers.artists import (
    ArtistIndex,
    artist_key,
    counted_text,
    resolve_waiting,
)
from companion.core.importers.model import ImportSummary
from companion.core.importers.run import import_history
from companion.core.importers.store import rematch_unmatched
from tests.core.importers.library import add_item

HEADER = "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"


def scrobbles(path, rows):
    """rows: (ts, artist, album, track)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        csv.writer(f).writerows([t, "", a, "", al, "", s, ""] for t, a, al, s in rows)
    return path


def test_spellings_of_one_artist_share_a_key():
    assert artist_key("The Cure") == artist_key("Cure, The") == artist_key("cure") == "cure"
    assert artist_key("Simon & Garfunkel") == artist_key("Simon and Garfunkel")
    assert artist_key("Beyoncé feat. JAY-Z") == artist_key("Beyonce") == artist_key("BEYONCÉ (feat. Jay-Z)")
    assert artist_key("Sigur Rós") == artist_key("sigur ros")
    assert artist_key("The The") == "the"  # a band called "The The" still has a key
    assert artist_key("Simon") != artist_key("Simon & Garfunkel")  # a duo is not its first member
    assert artist_key(None) == artist_key("  ") == ""


def test_the_library_spelling_used_most_is_the_answer(db):
    for n in range(3):
        add_item(db, f"/m/cure{n}.mp3", artist="The Cure", title=f"T{n}", album="Disintegration")
    add_item(db, "/m/cure-odd.mp3", artist="Cure, The", title="Odd", album="Faith")
    add_item(db, "/m/comp.mp3", album_artist="Massive Attack", title="Teardrop", album="Mezzanine")
    index = ArtistIndex.build(db)
    assert index.resolve("cure", "Disintegration (Deluxe Edition)") == ("The Cure", "Disintegration")
    assert index.resolve("The Cure", "Faith") == ("The Cure", "Faith")
    assert index.resolve("The Cure", "Pornography") == ("The Cure", None)  # album not in the library
    assert index.resolve("Massive Attack feat. Liz Fraser", None) == ("Massive Attack", None)
    assert index.resolve("Portishead", "Dummy") == (None, None)
    add_item(db, "/m/low-feat.mp3", artist="Low feat. Someone", title="Duet")
    add_item(db, "/m/low.mp3", artist="low", title="Words")  # (sorts after "Low feat. ...")
    assert ArtistIndex.build(db).resolve("LOW", None) == ("low", None)  # a tie: the plain credit


def test_an_import_counts_plays_by_artists_the_library_has(db, tmp_path):
    add_item(db, "/m/a1.mp3", artist="The National", title="Other Song", album="Boxer")
    add_item(db, "/m/b1.mp3", artist="Low", title="Sunflower", album="Things We Lost in the Fire")
    add_item(db, "/m/c1.mp3", artist="Nobody Played", title="Never")
    rows = [
        (1700000000, "National, The", "Boxer", "Fake Empire"),  # no file, artist and album known
        (1700000300, "The National", "High Violet", "Bloodbuzz Ohio"),  # artist known, album not
        (1700000600, "Low", "Things We Lost in the Fire", "Sunflower"),  # a file
        (1700000900, "Someone Else", "Far", "Away"),  # not in the library at all
        (1700001200, "Someone Else", "Far", "Again"),
    ]
    s = import_history(db, [scrobbles(tmp_path / "s.csv", rows)])
    assert (s.matched, s.unmatched, s.plays_counted, s.artists_learned) == (1, 4, 2, 1)
    got = db.execute("SELECT artist, artist_match, album_match FROM import_unmatched ORDER BY ts").fetchall()
    assert [tuple(r) for r in got] == [
        ("National, The", "The National", "Boxer"),
        ("The National", "The National", None),
        ("Someone Else", None, None),
        ("Someone Else", None, None),
    ]
    out = s.to_json()
    assert (out["plays_counted"], out["artists_learned"]) == (2, 1) and "learned" not in out
    json.dumps(out)  # what --json prints must serialise
    assert counted_text(s, "lastfm") == (
        "1 of 5 plays matched a file; 2 plays by 1 artist in your library now shape your home;"
        " 2 plays are by artists you don't have"
    )
    again = import_history(db, [scrobbles(tmp_path / "again.csv", rows)])
    assert (again.plays_counted, again.artists_learned, again.duplicates) == (0, 0, 5)


def test_a_scan_that_brings_the_artist_makes_waiting_plays_count(db, tmp_path):
    add_item(db, "/m/x.mp3", artist="Anyone", title="Song")
    rows = [(1700000000 + 300 * k, "Broadcast", "Tender Buttons", f"Track {k}") for k in range(3)]
    s = import_history(db, [scrobbles(tmp_path / "s.csv", rows)])
    assert (s.unmatched, s.plays_counted) == (3, 0)
    add_item(db, "/m/bc.mp3", artist="Broadcast", title="Come On Let's Go", album="Tender Buttons")
    assert rematch_unmatched(db) == 0  # what a scan runs: no file matches, but the artist now does
    known = "SELECT count(*) FROM import_unmatched WHERE album_match = 'Tender Buttons'"
    assert db.execute(known).fetchone()[0] == 3
    db.execute("DELETE FROM items WHERE artist = 'Broadcast'")
    resolve_waiting(db)  # the artist left the library: the plays wait again, by name only
    assert db.execute("SELECT count(artist_match) FROM import_unmatched").fetchone()[0] == 0


def test_counted_text_words():
    s = ImportSummary(matched=0, unmatched=11622)
    assert (
        counted_text(s, "lastfm")
        == "0 of 11,622 plays matched a file; 11,622 plays are by artists you don't have"
    )
    s = ImportSummary(matched=1, unmatched=11621, plays_counted=9845, learned={f"a{n}" for n in range(212)})
    assert counted_text(s, "lastfm") == (
        "1 of 11,622 plays matched a file; 9,845 plays by 212 artists in your library now shape your home;"
        " 1,776 plays are by artists you don't have"
    )
    assert counted_text(ImportSummary(matched=3), "netflix") is None  # viewing has no artists
    assert counted_text(ImportSummary(duplicates=4), "lastfm") is None  # nothing new
    one = ImportSummary(matched=0, unmatched=1)
    assert counted_text(one, "spotify") == "0 of 1 play matched a file; 1 play is by artists you don't have"


def test_summaries_add_up_artists_once():
    a = ImportSummary(plays_counted=3, learned={"A", "B"})
    b = ImportSummary(plays_counted=2, learned={"B", "C"})
    a.add(b)
    assert (a.plays_counted, a.artists_learned) == (5, 3)
    snap = a.snapshot()
    a.learned.add("D")
    assert snap.artists_learned == 3
