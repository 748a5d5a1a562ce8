"""Moods (chill, energetic, focus, happy, melancholic, party): how well each item fits each.

From audio features when the analysis has filled ``audio_features`` (energy,
danceability, acousticness, valence, BPM); until then from genre words, BPM and mood
tags. A score of ``FITS`` or more means "belongs in this mood's mix".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

import numpy as np

from companion.core.taste.library import AUDIO_FEATURES, Library

FITS = 0.6
MOODS = ("chill", "energetic", "focus", "happy", "melancholic", "party")
TITLES = {
    "chill": "Chill",
    "energetic": "Energy",
    "focus": "Focus",
    "happy": "Happy",
    "melancholic": "Melancholy",
    "party": "Party",
}

GENRE_WORDS: dict[str, tuple[str, ...]] = {
    "chill": (
        "ambient",
        "chill",
        "lounge",
        "downtempo",
        "trip-hop",
        "trip hop",
        "lo-fi",
        "lofi",
        "bossa",
        "acoustic",
        "new age",
        "easy listening",
        "dream pop",
        "smooth jazz",
        "chillwave",
    ),
    "energetic": (
        "rock",
        "metal",
        "punk",
        "edm",
        "drum and bass",
        "drum & bass",
        "dnb",
        "techno",
        "hardcore",
        "dubstep",
        "hip hop",
        "hip-hop",
        "rap",
        "trance",
        "workout",
        "hardstyle",
        "electro",
    ),
    "focus": (
        "classical",
        "ambient",
        "instrumental",
        "soundtrack",
        "score",
        "post-rock",
        "minimal",
        "piano",
        "baroque",
        "neoclassical",
        "lo-fi",
        "lofi",
        "study",
    ),
    "happy": (
        "pop",
        "funk",
        "disco",
        "reggae",
        "ska",
        "motown",
        "k-pop",
        "j-pop",
        "latin",
        "salsa",
        "afrobeat",
        "happy",
        "soul",
    ),
    "melancholic": (
        "blues",
        "sad",
        "emo",
        "slowcore",
        "singer-songwriter",
        "darkwave",
        "goth",
        "shoegaze",
        "post-punk",
        "doom",
        "ballad",
        "melanchol",
    ),
    "party": (
        "dance",
        "house",
        "disco",
        "edm",
        "reggaeton",
        "party",
        "club",
        "dancehall",
        "techno",
        "hip hop",
        "hip-hop",
        "electro",
    ),
}
MOOD_TAG_WORDS: dict[str, tuple[str, ...]] = {
    "chill": ("chill", "calm", "relax", "mellow", "peaceful"),
    "energetic": ("energetic", "energy", "aggressive", "intense", "powerful", "workout"),
    "focus": ("focus", "study", "concentrat", "instrumental"),
    "happy": ("happy", "joy", "cheer", "upbeat", "sunny"),
    "melancholic": ("sad", "melanchol", "dark", "gloomy", "moody"),
    "party": ("party", "dance", "club", "groovy"),
}
_BPM_RANGES = {
    "chill": (50, 100),
    "energetic": (125, 200),
    "focus": (60, 110),
    "happy": (100, 135),
    "melancholic": (50, 95),
    "party": (112, 135),
}


def _words_fit(texts: list[str], words: tuple[str, ...]) -> float:
    return 1.0 if any(w in t for t in texts for w in words) else 0.0


def _fit_per_item(keys: Iterable[Hashable], fits: Callable[[Any], list[np.ndarray]], n: int) -> np.ndarray:
    """(moods x items): per item the largest of ``fits(key)`` (0 when none), worked out once per distinct key
    (most items share their genre list and mood tags with others)."""
    column: dict[Hashable, int] = {}
    table: list[np.ndarray] = []
    cols = np.empty(n, np.int64)
    for i, key in enumerate(keys):
        j = column.get(key)
        if j is None:
            best = np.zeros(len(MOODS))
            for fit in fits(key):
                np.maximum(best, fit, out=best)
            j = column[key] = len(table)
            table.append(best)
        cols[i] = j
    return np.array(table).T[:, cols] if table else np.zeros((len(MOODS), n))


def mood_scores(lib: Library) -> dict[str, np.ndarray]:
    """name -> (items,) fit in 0..1 (0 where nothing is known)."""
    n = len(lib)
    out = {m: np.zeros(n) for m in MOODS}
    by_word: dict[str, np.ndarray] = {}  # each distinct genre / tag is judged once

    def fit_of(word: str, table: dict[str, tuple[str, ...]]) -> np.ndarray:
        key = ("g:" if table is GENRE_WORDS else "t:") + word
        if key not in by_word:
            by_word[key] = np.array([_words_fit([word], table[m]) for m in MOODS])
        return by_word[key]

    fmoods = lib.feature_mood
    genre_fit = _fit_per_item(
        (tuple(gs) for gs in lib.genres), lambda gs: [fit_of(g, GENRE_WORDS) for g in gs], n
    )
    tag_fit = _fit_per_item(
        zip(lib.mood, fmoods if fmoods is not None else [None] * n, strict=True),
        lambda tags: [fit_of(str(t).lower(), MOOD_TAG_WORDS) for t in tags if t],
        n,
    )
    bpm = lib.bpm
    for k, m in enumerate(MOODS):
        lo, hi = _BPM_RANGES[m]
        bpm_fit = np.where(np.isnan(bpm), 0.5, ((bpm >= lo) & (bpm <= hi)).astype(float))
        out[m] = np.maximum(0.75 * genre_fit[k] + 0.25 * bpm_fit, tag_fit[k])
    if lib.features is not None:
        _blend_audio_features(lib.features, out)
    for m in MOODS:
        out[m] = np.where(lib.is_video, 0.0, out[m])
    return out


def _blend_audio_features(features: np.ndarray, out: dict[str, np.ndarray]) -> None:
    f = {name: features[:, j] for j, name in enumerate(AUDIO_FEATURES)}
    e, d, a, v = f["energy"], f["danceability"], f["acousticness"], f["valence"]
    sound = {
        "chill": 0.5 * (1 - e) + 0.3 * a + 0.2 * (1 - np.abs(v - 0.5) * 2),
        "energetic": 0.7 * e + 0.3 * d,
        "focus": 0.45 * (1 - e) + 0.35 * a + 0.2 * (1 - np.abs(v - 0.5) * 2),
        "happy": 0.7 * v + 0.3 * d,
        "melancholic": 0.7 * (1 - v) + 0.3 * (1 - e),
        "party": 0.6 * d + 0.4 * e,
    }
    known = ~np.isnan(e)
    for m, s in sound.items():
        # the sound itself is the stronger evidence once analysed; tags and genres still count
        out[m] = np.where(known, 0.65 * np.nan_to_num(s) + 0.35 * out[m], out[m])
        out[m] = np.where(known & (out[m] < 0.6) & (np.nan_to_num(s) > 0.8), 0.65, out[m])


MOOD_WORDS: dict[str, tuple[str, ...]] = {
    "chill": ("chill", "relax", "calm", "mellow", "lazy", "sleep", "sunday", "cozy", "cosy", "vibes"),
    "energetic": (
        "workout",
        "gym",
        "run",
        "running",
        "energy",
        "energetic",
        "pump",
        "power",
        "training",
        "cardio",
    ),
    "focus": ("focus", "study", "work", "concentrate", "concentration", "reading", "coding", "deep work"),
    "happy": ("happy", "feel good", "feelgood", "good mood", "sunny", "upbeat", "cheerful", "joy"),
    "melancholic": (
        "sad",
        "melancholy",
        "melancholic",
        "blue",
        "cry",
        "crying",
        "heartbreak",
        "rainy",
        "gloomy",
    ),
    "party": ("party", "dance", "dancing", "club", "friday night", "celebrate", "celebration"),
}


def mood_of_text(text: str) -> str | None:
    """'chill vibes' -> chill, 'workout' -> energetic, 'sad songs' -> melancholic; None if no mood word."""
    tokens = text.lower().split()
    joined = " ".join(tokens)
    for mood, synonyms in MOOD_WORDS.items():
        for syn in synonyms:
            if " " in syn:
                if syn in joined:
                    return mood
            elif any(
                t == syn or (t.startswith(syn) and len(t) - len(syn) <= 3 and len(syn) >= 4) for t in tokens
            ):
                return mood
    return None
