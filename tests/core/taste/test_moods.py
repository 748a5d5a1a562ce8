"""Mood fit per item: the largest fit of its genres and mood tags, worked out once per distinct list."""

from __future__ import annotations

import copy
import json

import numpy as np

from companion.core.taste.library import load_library
from companion.core.taste.moods import (
    GENRE_WORDS,
    MOOD_TAG_WORDS,
    MOODS,
    _fit_per_item,
    _words_fit,
    mood_scores,
)

from .conftest import add_items


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
