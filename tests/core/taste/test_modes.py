"""Listening modes (taste/modes.py): the liked music clustered into facets of the taste (up to six), each named
from its leading genres (else its mood, else its artists)."""

from __future__ import annotations

import numpy as np

from companion.core.taste.library import load_library
from companion.core.taste.modes import describe, fit_modes
from tests.core.taste.conftest import GENRES, add_items


def test_two_loved_genres_make_two_modes_named_after_them(db):
    add_items(db)
    lib = load_library(db)
    genre = np.array([GENRES.index(lib.genres[i][0]) for i in range(len(lib))])
    rng = np.random.default_rng(0)
    emb = (np.eye(len(GENRES))[genre] + 0.05 * rng.standard_normal((len(lib), len(GENRES)))).astype(
        np.float32
    )
    pos = np.where(np.isin(genre, [0, 1]), 1.0, 0.0)  # jazz and rock are played
    pos[genre == 0] *= 3  # jazz the most
    modes = fit_modes(lib, emb, pos, np.full(len(lib), 0.8))
    assert 2 <= len(modes) <= 6 and {m.name for m in modes} == {"Jazz", "Rock"}, "no mode mixes the two"
    assert modes[0].name == "Jazz", "the most played first"
    assert all(abs(float(np.linalg.norm(m.centroid)) - 1.0) < 1e-6 for m in modes)
    assert modes[0].artists[0].startswith("Jazz Artist")
    assert fit_modes(lib, emb, pos, np.full(len(lib), 0.5)) == [], "nothing liked enough"


def test_a_mode_without_genres_is_named_by_its_mood_then_its_artists(db):
    add_items(db, genres=("edm",), artists_per_genre=2, albums_per_artist=1, tracks_per_album=2)
    lib = load_library(db)
    everyone, weight = np.arange(len(lib)), np.ones(len(lib))
    assert describe(lib, everyone, weight)[0] == "EDM"
    lib.genres = [[] for _ in range(len(lib))]
    lib.mood = ["calm"] * len(lib)
    assert describe(lib, everyone, weight)[0] == "Calm"
    lib.mood = [None] * len(lib)
    assert describe(lib, everyone, weight) == (
        "Edm Artist 0 & Edm Artist 1",
        ("Edm Artist 0", "Edm Artist 1"),
    )
