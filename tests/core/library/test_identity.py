"""Who a new file may be: the one vanished item with its MusicBrainz id, or its artist, title and album (a
show's episode, a film's title) and about its length; never a guess between two."""

from __future__ import annotations

from companion.core.db.scans import TAG_COLUMNS
from companion.core.library.identity import DURATION_SLACK_S, Candidates, keys
from tests.core.events.helpers import add_item


def _values(**fields: object) -> list[object]:
    """A scanned file's values in TAG_COLUMNS order."""
    return [fields.get(name) for name in TAG_COLUMNS]


def test_keys_strongest_first_and_blind_to_case_and_spacing():
    song = {"kind": "music", "mb_track_id": "ABC", "artist": "The  Band", "title": "Song ", "album": "LP"}
    assert keys(song) == [("mbid", "abc"), ("track", "the band", "song", "lp")]
    assert keys({"kind": "music", "title": "No Artist"}) == []
    episode = {
        "kind": "video",
        "video_type": "episode",
        "show": "Show",
        "season": 1,
        "episode": 2,
        "title": "x",
    }
    assert keys(episode) == [("episode", "show", 1, 2)]
    assert keys({"kind": "video", "video_type": "movie", "title": "Film"}) == [("film", "film")]


def test_the_one_vanished_item_with_the_same_tags_and_length_is_taken_once(db):
    gone = add_item(db, "/old/a.flac", artist="Band", title="Song", album="LP", duration=200.0)
    candidates = Candidates(db, [gone])
    moved = _values(kind="music", artist="band", title="song", album="lp", duration=200.0 + DURATION_SLACK_S)
    assert candidates.take(moved) == gone
    assert candidates.take(moved) is None  # taken already: a second copy is a new item


def test_too_long_two_alike_or_nothing_vanished_is_no_match(db):
    a = add_item(db, "/old/a.flac", artist="Band", title="Song", album="LP", duration=200.0)
    b = add_item(db, "/old/b.flac", artist="Band", title="Song", album="LP", duration=200.5)
    song = _values(kind="music", artist="Band", title="Song", album="LP", duration=200.2)
    assert Candidates(db, [a, b]).take(song) is None  # two could be it
    longer = _values(
        kind="music", artist="Band", title="Song", album="LP", duration=200.0 + 2 * DURATION_SLACK_S
    )
    assert Candidates(db, [a]).take(longer) is None
    assert Candidates(db, []).take(song) is None


def test_the_musicbrainz_id_wins_over_retagged_names(db):
    gone = add_item(
        db, "/old/a.flac", artist="Old Name", title="Old Title", mb_track_id="id-1", duration=90.0
    )
    renamed = _values(kind="music", artist="New Name", title="New Title", mb_track_id="ID-1", duration=90.0)
    assert Candidates(db, [gone]).take(renamed) == gone
