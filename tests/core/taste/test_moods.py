"""Moods (taste/moods.py): how well each item fits each mood, from genre words, BPM and mood tags until the
analysis has heard it; a video fits none."""

from __future__ import annotations

import json

from companion.core.taste.library import load_library
from companion.core.taste.moods import FITS, MOODS, mood_scores
from tests.core.importers.library import add_item


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
