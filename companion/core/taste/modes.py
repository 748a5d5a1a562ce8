"""Listening modes: KMeans over the embeddings of the music a person likes, named from genres/artists/mood.

They become ``daily-1`` .. ``daily-6``: one mix per facet of the person's taste.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from companion.core.taste.kmeans import kmeans
from companion.core.taste.library import Library

MAX_MODES = 6
ITEMS_PER_MODE = 8  # a mode needs this many liked items to exist
ACRONYMS = {"edm", "idm", "ebm", "dnb", "r&b", "rnb", "uk garage", "ost"}


@dataclass(frozen=True)
class Mode:
    centroid: np.ndarray
    name: str  # "Jazz & soul"
    artists: tuple[str, ...]


def fit_modes(
    lib: Library, emb: np.ndarray, pos: np.ndarray, satisfaction: np.ndarray, seed: int = 0
) -> list[Mode]:
    """Cluster liked music (weighted by how much it is played) into up to six modes."""
    liked = np.flatnonzero((~lib.is_video) & (pos > 0.05) & (satisfaction > 0.55))
    k = int(min(MAX_MODES, len(liked) // ITEMS_PER_MODE))
    if k < 1 or emb.shape[1] < 2:
        return []
    fit = kmeans(emb[liked], k, weights=np.sqrt(pos[liked]), n_init=3, seed=seed)
    labels = fit.labels
    modes = []
    weights = np.bincount(labels, np.sqrt(pos[liked]), k)
    for c in np.argsort(-weights):
        members = liked[labels == c]
        if len(members) < 3:
            continue
        name, artists = describe(lib, members, pos[members])
        centre = fit.centres[c]
        modes.append(Mode(centroid=centre / max(1e-9, np.linalg.norm(centre)), name=name, artists=artists))
    return modes


def describe(lib: Library, members: np.ndarray, weight: np.ndarray) -> tuple[str, tuple[str, ...]]:
    """A short name from the cluster's leading genres (else mood, else artists)."""
    genres: Counter[str] = Counter()
    artists: Counter[str] = Counter()
    moods: Counter[str] = Counter()
    for i, w in zip(members, weight, strict=True):
        for g in lib.genres[i][:2]:
            genres[g] += w
        if lib.artist[i]:
            artists[lib.artist[i]] += w
        mood = lib.mood[i] or (lib.feature_mood[i] if lib.feature_mood is not None else None)
        if mood:
            moods[str(mood).lower()] += w
    top_artists = tuple(a for a, _ in artists.most_common(3))
    top = [g for g, _ in genres.most_common(2)]
    if top:
        name = " & ".join(g.upper() if g in ACRONYMS else g.title() for g in top)
    elif moods:
        name = moods.most_common(1)[0][0].title()
    elif top_artists:
        name = " & ".join(top_artists[:2])
    else:
        name = "Your mix"
    return name, top_artists
