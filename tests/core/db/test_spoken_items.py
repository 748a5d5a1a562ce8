"""The Library's Audiobooks & podcasts rows: spoken items only, by author, album and track, with where
each was left."""

from __future__ import annotations

from companion.core.db.playback import ResumeRow, put_resume_point
from companion.core.db.spoken_items import COLUMNS, spoken_rows
from tests.core.events.helpers import add_item


def test_spoken_items_in_reading_order_with_their_resume_point(db):
    two = add_item(db, "/b/2.m4b", title="Part Two", artist="Austen", album="Emma", track_no=2, spoken="book")
    one = add_item(db, "/b/1.m4b", title="Part One", artist="austen", album="Emma", track_no=1, spoken="book")
    cast = add_item(db, "/p/ep.mp3", title="Episode", artist="A Podcast", spoken="podcast", duration=None)
    add_item(db, "/m/song.flac", title="A Song", artist="Austen")  # music: not listed
    add_item(db, "/b/gone.m4b", title="Gone", artist="Austen", spoken="book", status="missing")
    put_resume_point(db, ResumeRow(two, 61.5, 200.0, 5.0))
    rows = spoken_rows(db)
    assert len(COLUMNS) == len(rows[0])
    assert [r[0] for r in rows] == [cast, one, two]  # authors ignore case; tracks in order
    assert rows[2] == (two, "Part Two", "Austen", "Emma", 200.0, 61.5)
    assert rows[0] == (cast, "Episode", "A Podcast", "", None, None)
