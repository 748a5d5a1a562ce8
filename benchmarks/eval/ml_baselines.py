"""Baselines for ``recommended-videos`` on MovieLens, scored on the same cut points as the engine.

All rank the user's library minus what they already watched, from ratings before the cut:
- ``genre profile``: cosine between a mean-centred genre profile and each movie's genres
  (what a simple on-device app could do); ties in a fixed random order;
- ``random``; ``popular (all users)``: most rated before the cut across the 610 users;
- ``item-kNN (all users)``: binary cosine item-item similarity over every user's ratings before the
  cut, summed over the user's history (an upper bound no on-device app has).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from benchmarks.eval.movielens import MovieLens


@dataclass
class Cut:
    """One evaluation point: what the user had watched before ``at`` and what the library holds."""

    ml: MovieLens
    user: int
    at: int
    library: list[int]
    hist_items: np.ndarray
    hist_stars: np.ndarray

    def candidates(self) -> np.ndarray:
        seen = set(int(m) for m in self.hist_items)
        return np.array([m for m in self.library if m not in seen], dtype=np.int64)


def _top(cands: np.ndarray, scores: np.ndarray, tiebreak: np.ndarray, k: int) -> list[int]:
    order = np.lexsort((tiebreak, -scores))
    return [int(m) for m in cands[order[:k]]]


def random_rank(cut: Cut, rng: np.random.Generator, k: int) -> list[int]:
    cands = cut.candidates()
    return [int(m) for m in rng.permutation(cands)[:k]]


def genre_vectors(cut: Cut, movie_ids: np.ndarray, vocab: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(movie_ids), len(vocab)))
    for row, mid in enumerate(movie_ids):
        for g in cut.ml.movies[int(mid)].genres:
            out[row, vocab[g]] = 1.0
    return out


def genre_profile_rank(cut: Cut, rng: np.random.Generator, k: int) -> list[int]:
    cands = cut.candidates()
    vocab = {g: i for i, g in enumerate(sorted({g for m in cut.ml.movies.values() for g in m.genres}))}
    hist = genre_vectors(cut, cut.hist_items, vocab)
    weights = cut.hist_stars - cut.hist_stars.mean()
    if not np.any(weights):  # all ratings equal: every watched movie counts as liked
        weights = np.ones_like(weights)
    sizes = np.maximum(hist.sum(axis=1, keepdims=True), 1.0)
    profile = (weights[:, None] * hist / sizes).sum(axis=0)
    cv = genre_vectors(cut, cands, vocab)
    denom = np.linalg.norm(cv, axis=1) * (np.linalg.norm(profile) or 1.0)
    scores = np.divide(cv @ profile, denom, out=np.zeros(len(cands)), where=denom > 0)
    return _top(cands, scores, rng.permutation(len(cands)), k)


def popular_rank(cut: Cut, k: int) -> list[int]:
    cands = cut.candidates()
    ml = cut.ml
    before = ml.ts < cut.at
    ids, counts = np.unique(ml.items[before], return_counts=True)
    pop = dict(zip(ids.tolist(), counts.tolist(), strict=True))
    scores = np.array([pop.get(int(m), 0) for m in cands], dtype=float)
    return _top(cands, scores, cands, k)


def item_knn_rank(cut: Cut, k: int) -> list[int]:
    cands = cut.candidates()
    ml = cut.ml
    before = ml.ts < cut.at
    cols = {m: i for i, m in enumerate(np.unique(ml.items))}
    col = np.array([cols[m] for m in ml.items[before]], dtype=np.int64)
    x = sparse.csr_matrix(
        (np.ones(len(col)), (ml.users[before], col)), shape=(int(ml.users.max()) + 1, len(cols))
    )
    ci = np.array([cols.get(int(m), -1) for m in cands])
    hi = np.array([cols[int(m)] for m in cut.hist_items])
    scores = np.zeros(len(cands))
    known = ci >= 0
    if known.any() and len(hi):
        xc, xh = x[:, ci[known]], x[:, hi]
        co = (xc.T @ xh).toarray()
        nc = np.sqrt(np.asarray(xc.sum(axis=0)).ravel())
        nh = np.sqrt(np.asarray(xh.sum(axis=0)).ravel())
        denom = np.outer(nc, nh)
        sim = np.divide(co, denom, out=np.zeros_like(co), where=denom > 0)
        scores[known] = sim.sum(axis=1)
    return _top(cands, scores, cands, k)
