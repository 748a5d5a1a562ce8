"""Item embeddings from content plus co-occurrence in the person's own sessions.

Content: genres, artist, album, decade, length band, BPM band, mood tag, audio features when the
analysis has run (and its "sounds like" vector, standardised), and for video the show plus words
from titles and folders.
Co-occurrence: positive PMI over items played in the same session. Both are stacked
into one sparse matrix and reduced with TruncatedSVD, then L2-normalised, so cosine
similarity says "sounds/feels like" and "goes together for this person".
"""

from __future__ import annotations

import re

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste.library import Library

DIMS = 32
SOUND_WEIGHT = 0.15        # per dimension of the analysis' vector (about 15 of them)
MAX_SESSION = 60           # long sessions are split: a week-long radio run is not one taste
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOP = {"the", "and", "for", "with", "from", "season", "episode", "part", "video", "videos", "movies", "movie",
        "music", "disc", "cd1", "cd2", "mkv", "mp4", "avi", "films", "film", "shows", "series", "media"}


def _content_triplets(lib: Library) -> tuple[list[int], list[str], list[float]]:
    rows: list[int] = []
    keys: list[str] = []
    vals: list[float] = []

    def add(i: int, key: str, v: float) -> None:
        rows.append(i)
        keys.append(key)
        vals.append(v)

    for i in range(len(lib)):
        gs = lib.genres[i]
        for g in gs:
            add(i, "g:" + g, 1.0 / np.sqrt(len(gs)))
        if lib.artist_code[i] >= 0:
            add(i, f"a:{lib.artist_code[i]}", 0.8)
        if lib.album_code[i] >= 0:
            add(i, f"al:{lib.album_code[i]}", 0.4)
        if not np.isnan(lib.year[i]):
            add(i, f"d:{int(lib.year[i]) // 10}", 0.5)
        if lib.duration[i] > 0:    # short / usual / long tracks; clips, episodes, films
            add(i, f"len:{int(np.log2(max(1.0, lib.duration[i] / 60.0)))}", 0.2)
        if not np.isnan(lib.bpm[i]):   # two overlapping tempo bands, so 118 and 122 BPM stay close
            add(i, f"b:{int(lib.bpm[i]) // 20}", 0.22)
            add(i, f"b2:{(int(lib.bpm[i]) + 10) // 20}", 0.22)
        if lib.mood[i]:
            add(i, "m:" + lib.mood[i].lower(), 0.5)
        if lib.feature_mood is not None and lib.feature_mood[i]:
            add(i, "m:" + str(lib.feature_mood[i]).lower(), 0.5)
        add(i, "kind:video" if lib.is_video[i] else "kind:music", 1.0)
        for t in set(lib.tags[i]):
            add(i, "t:" + t, 0.4)
        if lib.is_video[i]:
            words = {w.lower() for w in WORD.findall(f"{lib.title[i] or ''} {lib.folder_words[i]}")} - STOP
            for w in words:
                add(i, "w:" + w, 0.3)
    return rows, keys, vals


def content_matrix(lib: Library):
    from scipy import sparse

    rows, keys, vals = _content_triplets(lib)
    vocab: dict[str, int] = {}
    cols = [vocab.setdefault(k, len(vocab)) for k in keys]
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(lib), max(1, len(vocab))))
    if lib.features is not None:
        f = np.nan_to_num(lib.features - 0.5) * 0.8
        x = sparse.hstack([x, sparse.csr_matrix(f)]).tocsr()
    if lib.sound is not None:
        x = sparse.hstack([x, sparse.csr_matrix(_standardised(lib.sound) * SOUND_WEIGHT)]).tocsr()
    return _l2_rows(x)


def _standardised(v: np.ndarray) -> np.ndarray:
    """Each dimension as a z-score over the analysed items, clipped; 0 for items not analysed yet."""
    known = ~np.isnan(v).any(axis=1)
    if known.sum() < 2:
        return np.zeros_like(v, dtype=float)
    mu, sd = v[known].mean(axis=0), v[known].std(axis=0)
    z = np.clip((v - mu) / np.where(sd > 0, sd, 1.0), -3, 3)
    return np.where(known[:, None], z, 0.0)


def cooccurrence_ppmi(lib: Library, log: ev.EventLog, n: int):
    """Positive PMI between items played in the same session (sparse, items x items)."""
    from scipy import sparse

    sess = log.sessions(n)
    types = log.type[:n]
    keep = ((types == ev.PLAY) | (types == ev.COMPLETED)) & (log.item[:n] >= 0)
    if keep.sum() < 2:
        return None
    items = log.item[:n][keep]
    s = sess[keep]
    # split long sessions into chunks
    order_in = np.arange(len(s)) - np.searchsorted(s, s, side="left")
    s = s * 1000 + order_in // MAX_SESSION
    _, s = np.unique(s, return_inverse=True)
    b = sparse.csr_matrix((np.ones(len(items)), (s, items)), shape=(int(s.max()) + 1, len(lib)))
    b.data[:] = 1.0
    b.sum_duplicates()
    b.data[:] = 1.0
    c = (b.T @ b).tocoo()
    off = c.row != c.col
    r, cc, v = c.row[off], c.col[off], c.data[off]
    if not len(v):
        return None
    counts = np.asarray(b.sum(axis=0)).ravel()
    total = float(b.shape[0])
    pmi = np.log(v * total / (counts[r] * counts[cc]))
    good = pmi > 0
    return sparse.csr_matrix((pmi[good], (r[good], cc[good])), shape=(len(lib), len(lib)))


def _l2_rows(x):
    from scipy import sparse

    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ x


def item_embeddings(lib: Library, log: ev.EventLog, n: int, seed: int = 0) -> np.ndarray:
    """(items x DIMS) float32, unit rows (zero rows for an empty library)."""
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD

    if len(lib) < 3:
        return np.zeros((len(lib), 1), np.float32)
    x = content_matrix(lib)
    co = cooccurrence_ppmi(lib, log, n)
    if co is not None:
        # co-occurrence weighs more as the person's own history grows
        w = min(1.0, co.nnz / (20.0 * len(lib)) + 0.3)
        x = sparse.hstack([x, _l2_rows(co) * w]).tocsr()
    k = max(1, min(DIMS, min(x.shape) - 1))
    # two power iterations are plenty for a 32-dim taste space and keep a 20,000-item refit around a second
    svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=2, n_oversamples=8, random_state=seed)
    e = svd.fit_transform(x)
    norms = np.linalg.norm(e, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (e / norms).astype(np.float32)
