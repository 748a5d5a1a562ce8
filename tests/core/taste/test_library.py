"""``load_library``: the items table as arrays, worked column by column (``Codes.codes_of``)."""

from __future__ import annotations

import random

from companion.core.taste.library import Codes, load_library
from tests.core.taste.conftest import add_items


def test_codes_of_numbers_names_as_one_call_each_would():
    rng = random.Random(3)
    names = [rng.choice([None, "", "a", "b", "c", "d", "A", "e f"]) for _ in range(500)]
    one_by_one, at_once = Codes(), Codes()
    first = [one_by_one.code(n) for n in names[:250]]
    assert at_once.codes_of(names[:250]) == first
    # a second chunk goes on from the first one's numbering
    assert at_once.codes_of(names[250:]) == [one_by_one.code(n) for n in names[250:]]
    assert at_once.names == one_by_one.names and at_once.index == one_by_one.index
    assert at_once.codes_of([None, ""]) == [-1, -1]


def test_shows_and_albums_get_their_own_codes_and_repeated_strings_are_shared(db):
    ids = add_items(db, genres=("jazz", "rock"), artists_per_genre=2, tracks_per_album=3, videos=2)
    with db:  # an album artist only: the track's artist is the album artist
        db.execute(
            "UPDATE items SET artist = NULL, album_artist = 'The Band' WHERE id = ?", (ids["jazz"][0],)
        )
    lib = load_library(db)
    pos = {int(i): k for k, i in enumerate(lib.ids)}
    episodes = [pos[i] for i in ids["video"]]
    assert [lib.artist[k] for k in episodes] == ["Show 0"] * 5 + ["Show 1"] * 5, (
        "a show is its episodes' artist"
    )
    assert lib.artist[pos[ids["jazz"][0]]] == "The Band"
    assert lib.artists.names[lib.artist_code[episodes[0]]] == "show 0"
    assert len({int(lib.album_code[k]) for k in episodes}) == 2, "one album per show and season"
    assert lib.albums.names[lib.album_code[episodes[0]]] == "show 0\x001"
    jazz = [pos[i] for i in ids["jazz"]]
    assert lib.genre_names.names[lib.genre_code[jazz[0]]] == "jazz"
    assert lib.album[jazz[1]] is lib.album[jazz[2]], "one string object per repeated album name"
    # codes are numbered in the order items come (by id)
    seen = list(dict.fromkeys(int(c) for c in lib.artist_code if c >= 0))
    assert seen == list(range(len(seen)))
