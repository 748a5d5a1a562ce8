"""Moods (taste/moods.py): how well each item fits each mood, from genre words, BPM and mood tags until the
analysis has heard it; a video fits none. Each distinct genre list and mood tag is fitted once."""

from __future__ import annotations

import copy
import json

import numpy as np

from companion.core.taste.library import load_library
from companion.core.taste.moods import (
    FITS,
    GENRE_WORDS,
    MOOD_TAG_WORDS,
    MOODS,
    _fit_per_item,
    _words_fit,
    mood_scores,
)
from tests.core.importers.library import add_item

from .conftest import add_items


def test_genre_words_bpm_and_mood_tags_make_the_fit(db):
    ids = {
        "ambient slow": add_item(db, "/m/1.flac", genres=json.dumps(["Ambient"]), bpm=70.0),
        "ambient fast": add_item(db, "/m/2.flac", genres=json.dumps(["Ambient"]), bpm=170.0),
        "metal": add_item(db, "/m/3.flac", genres=json.dumps(["Death Metal"])),
        "tagged sad": add_item(db, "/m/4.flac", genres=json.dumps(["Polka"]), mood="Sad"),
        "nothing known": add_item(db, "/m/5.flac"),
        "video": add_item(db, "/v/6.mkv", kind="video", genres=json.dumps(["Ambient"]), bpm=70.0),
    }
    lib = load_library(db)
    scores = mood_scores(lib)
    assert set(scores) == set(MOODS)
    pos = {name: list(lib.ids).index(i) for name, i in ids.items()}

    def fit(name: str, mood: str) -> float:
        return float(scores[mood][pos[name]])

    assert fit("ambient slow", "chill") == 1.0 and fit("ambient slow", "focus") == 1.0  # genre and BPM agree
    assert fit("ambient fast", "chill") == 0.75 >= FITS  # the genre alone still fits
    assert fit("metal", "energetic") == 0.875 and fit("metal", "chill") == 0.125  # BPM unknown: half
    assert fit("tagged sad", "melancholic") == 1.0 and fit("tagged sad", "happy") < FITS
    assert all(fit("nothing known", m) < FITS for m in MOODS)
    assert all(fit("video", m) == 0.0 for m in MOODS)


def test_each_item_gets_the_largest_fit_of_its_own_genres_and_tags(db):
    add_items(
        db, genres=("jazz", "metal", "ambient"), artists_per_genre=1, albums_per_artist=1, tracks_per_album=2
    )
    with db:  # several genres on one item, in either order; a mood tag; nothing at all
        for path, genres, mood in (
            ("/m/a.flac", ["ambient", "metal"], None),
            ("/m/b.flac", ["metal", "ambient"], "Chill"),
            ("/m/c.flac", [], None),
        ):
            db.execute(
                "INSERT INTO items(path, kind, genres, mood, added_at, updated_at) VALUES (?, 'music', ?, ?, 0, 0)",
                (path, json.dumps(genres), mood),
            )
    lib = load_library(db)
    genre_fit, tag_fit = (
        _fit_per_item((tuple(g) for g in lib.genres), lambda gs: [fit(g, GENRE_WORDS) for g in gs], len(lib)),
        _fit_per_item(
            ((m,) for m in lib.mood),
            lambda tags: [fit(t.lower(), MOOD_TAG_WORDS) for t in tags if t],
            len(lib),
        ),
    )
    for i in range(len(lib)):  # the plain per-item loop it replaces
        want_genre = np.max([fit(g, GENRE_WORDS) for g in lib.genres[i]] + [np.zeros(len(MOODS))], axis=0)
        want_tag = np.max(
            [fit(t.lower(), MOOD_TAG_WORDS) for t in [lib.mood[i]] if t] + [np.zeros(len(MOODS))], axis=0
        )
        np.testing.assert_array_equal(genre_fit[:, i], want_genre)
        np.testing.assert_array_equal(tag_fit[:, i], want_tag)
    assert tag_fit[MOODS.index("chill")].max() > 0 and not genre_fit[:, -1].any()


def test_mood_scores_do_not_depend_on_genre_lists_being_shared(db, library):
    lib = load_library(db)
    shared = mood_scores(lib)
    lib.genres = [copy.copy(g) for g in lib.genres]  # every item its own list object
    apart = mood_scores(lib)
    for m in MOODS:
        np.testing.assert_array_equal(shared[m], apart[m])


def fit(word: str, table: dict[str, tuple[str, ...]]) -> np.ndarray:
    return np.array([_words_fit([word], table[m]) for m in MOODS])
