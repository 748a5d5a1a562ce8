"""Editing a saved playlist: append library items, remove entries, move one; positions stay 0..n-1."""

from __future__ import annotations

import pytest

from companion.core.playlists.edit import append_items, move_entry, remove_entries
from companion.core.playlists.match import Match
from companion.core.playlists.model import Entry, PlaylistError
from companion.core.playlists.repo import playlist_entries, playlist_item_ids, save_playlist
from tests.core.events.helpers import add_item


@pytest.fixture
def road_trip(db, tmp_path):
    """A playlist of two library songs and one line that matched nothing; the ids of three more songs."""
    songs = [add_item(db, tmp_path / f"{name}.ogg", title=name) for name in ("A", "B", "C", "D", "E")]
    matches = [
        Match(Entry(str(tmp_path / "A.ogg"), "A", None, None, 200.0), songs[0], "path"),
        Match(Entry("/gone/lost.mp3", "Lost", None, None, None), None, None),
        Match(Entry(str(tmp_path / "B.ogg"), "B", None, None, 200.0), songs[1], "path"),
    ]
    return save_playlist(db, "Road trip", "m3u8", None, matches), songs


def _titles(db, pid: int) -> list[str | None]:
    got = playlist_entries(db, pid)
    assert [e.position for e in got] == list(range(len(got)))
    return [e.title for e in got]


def test_append_remove_and_move_keep_the_order_and_the_counts(db, road_trip):
    pid, songs = road_trip
    assert append_items(db, pid, [songs[3], 99_999, songs[2]]) == 2, "an id not in the library is left out"
    assert _titles(db, pid) == ["A", "Lost", "B", "D", "C"]
    assert remove_entries(db, pid, [1, 7, -1]) == 1
    assert _titles(db, pid) == ["A", "B", "D", "C"]
    assert move_entry(db, pid, 3, 0) and _titles(db, pid) == ["C", "A", "B", "D"]
    assert not move_entry(db, pid, 1, 1) and not move_entry(db, pid, 0, 4)
    assert playlist_item_ids(db, pid) == [songs[2], songs[0], songs[1], songs[3]]
    counts = db.execute("SELECT entry_count, matched_count FROM playlists WHERE id = ?", (pid,)).fetchone()
    assert tuple(counts) == (4, 4)


def test_a_playlist_that_is_gone_says_so(db, road_trip):
    with pytest.raises(PlaylistError, match="no longer there"):
        append_items(db, 12345, [road_trip[1][0]])
    with pytest.raises(PlaylistError, match="no longer there"):
        remove_entries(db, 12345, [0])
