"""Honest names: words people use for music, on enough recordings, held by the mix."""

from __future__ import annotations

import json

import pytest

from companion.core.taste.library import load_library
from companion.core.taste.names import genre_name, is_placeholder, label, nameable_genres, share_of


@pytest.mark.parametrize(
    "junk",
    ["genre1", "Genredata2", "genre", "Other", "unknown", "Misc", "(17)", "255", "mp3", "FLAC file",
     "www.free-mp3-downloads.example", "http://x.org", "", "  ", "None", "n/a", "Genre 2"],
)  # fmt: skip
def test_placeholders(junk):
    assert is_placeholder(junk)


@pytest.mark.parametrize(
    "word", ["Jazz", "Hip Hop", "Lo-Fi", "R&B", "2-Step", "Drum & Bass", "Post-Rock", "Otherworld"]
)
def test_words_people_use(word):
    assert not is_placeholder(word)


def test_label():
    assert label("jazz") == "Jazz" and label("edm") == "EDM" and label("hip hop") == "Hip Hop"


def _items(db, genres: list[str]) -> None:
    with db:
        for k, g in enumerate(genres):
            db.execute(
                "INSERT INTO items(path, kind, title, artist, genres, added_at, updated_at)"
                " VALUES (?, 'music', ?, 'A', ?, 0, 0)",
                (f"/m/{k}.mp3", f"t{k}", json.dumps([g])),
            )


def test_nameable_needs_three_recordings_and_a_real_word(db):
    _items(db, ["jazz"] * 3 + ["soul"] * 2 + ["genre1"] * 5)
    lib = load_library(db)
    assert nameable_genres(lib) == {"jazz"}


def test_genre_name_only_when_the_mix_holds_it(db):
    _items(db, ["jazz"] * 7 + ["soul"] * 2 + ["rock"] * 3)
    lib = load_library(db)
    nameable = frozenset({"jazz", "soul", "rock"})
    assert genre_name(lib, list(range(10)), nameable) == ("jazz",)  # 7 of 10
    assert genre_name(lib, list(range(6, 12)), nameable) == ("rock", "soul")  # 5 of 6 hold one of them
    assert genre_name(lib, [0, 1, 7, 8, 9, 10], nameable) == ()  # any two hold 4 of 6: under 70%
    assert share_of(lib, list(range(10)), ["jazz"]) == 0.7
