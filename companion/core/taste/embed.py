"""Item embeddings from content plus co-occurrence in the person's own sessions.

Content: genres, artist, album, decade, length band, BPM band, mood tag, audio features when the
analysis has run (and its "sounds like" vector, standardised), and for video the show plus words
from titles and folders.
Co-occurrence: positive PMI over items played in the same session. Both are stacked
into one sparse matrix and reduced with TruncatedSVD's randomized SVD (randsvd.py), then L2-normalised, so cosine
similarity says "sounds/feels like" and "goes together for this person".
"""

from __future__ import annotations

import re
from array import array
from typing import Any

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste.library import Library
from companion.core.taste.named import coplay_rows
from companion.core.taste.randsvd import leading_coordinates
from companion.core.taste.sparse import scipy_sparse

DIMS = 32
SOUND_WEIGHT = 0.15  # per dimension of the analysis' vector (about 15 of them)
MAX_SESSION = 60  # long sessions are split: a week-long radio run is not one taste
MAX_COOC_PLAYS = 250_000  # co-occurrence reads the most recent plays only (years for a heavy listener)
MAX_PARTNERS = 128  # strongest positive-PMI partners kept per item ...
PRUNE_ABOVE_PAIRS = 4_000_000  # ... once the sessions hold more item pairs than this (never below)
# stored values up to which the SVD runs in float64 (beyond: float32 products, see item_embeddings)
FLOAT64_MAX_NNZ = 500_000
BLOCK = 2048  # items whose co-occurrence counts are multiplied out at once
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
STOP = {
    "the",
    "and",
    "for",
    "with",
    "from",
    "season",
    "episode",
    "part",
    "video",
    "videos",
    "movies",
    "movie",
    "music",
    "disc",
    "cd1",
    "cd2",
    "mkv",
    "mp4",
    "avi",
    "films",
    "film",
    "shows",
    "series",
    "media",
}


def _words(lib: Library) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """(row, rank in the item's features, key, value; number of keys) of the word features: genres, mood
    tag / feature mood, free tags, video title/folder words. Gathered in typed arrays (no object per entry)."""
    rows, ranks, keys, vals = array("q"), array("q"), array("q"), array("d")
    vocab: dict[tuple[str, str], int] = {}
    by_list: dict[int, tuple[list[int], float]] = {}  # genre lists are shared between items
    feature_mood = lib.feature_mood

    def add(i: int, rank: int, key: tuple[str, str], value: float) -> None:
        rows.append(i)
        ranks.append(rank)
        keys.append(vocab.setdefault(key, len(vocab)))
        vals.append(value)

    for i in range(len(lib)):
        gs = lib.genres[i]
        if gs:
            got = by_list.get(id(gs))
            if got is None:
                got = by_list[id(gs)] = (
                    [vocab.setdefault(("g", g), len(vocab)) for g in gs],
                    1.0 / np.sqrt(len(gs)),
                )
            codes, w = got
            for j, code in enumerate(codes):
                rows.append(i)
                ranks.append(j)
                keys.append(code)
                vals.append(w)
        mood = lib.mood[i]
        if mood:
            add(i, _RANK["mood"], ("m", mood.lower()), 0.5)
        if feature_mood is not None and feature_mood[i]:
            add(i, _RANK["mood"] + 1, ("m", str(feature_mood[i]).lower()), 0.5)
        if lib.tags[i]:
            for t in set(lib.tags[i]):
                add(i, _RANK["tags"], ("t", t), 0.4)
        if lib.is_video[i]:
            for w in {w.lower() for w in WORD.findall(f"{lib.title[i] or ''} {lib.folder_words[i]}")} - STOP:
                add(i, _RANK["words"], ("w", w), 0.3)
    del by_list  # (ids of the shared lists are only meaningful while this loop holds the library)
    return (
        np.frombuffer(rows, np.int64),
        np.frombuffer(ranks, np.int64),
        np.frombuffer(keys, np.int64),
        np.frombuffer(vals, np.float64),
        len(vocab),
    )


# where each feature comes in an item's list: columns are numbered by first appearance in that order
_RANK = {
    "artist": 1000,
    "album": 1001,
    "decade": 1002,
    "length": 1003,
    "bpm": 1004,
    "bpm2": 1005,
    "mood": 1006,
    "kind": 1008,
    "tags": 1009,
    "words": 1010,
}


def content_matrix(lib: Library) -> Any:  # a scipy.sparse CSR matrix (SciPy has no type hints)
    """Items x content features (sparse, unit rows): genres, artist, album, decade, length band, two
    overlapping BPM bands (118 and 122 BPM stay close), mood, kind, tags, video words, then the analysis'
    columns. Columns are numbered in order of first appearance (the SVD's random start depends on it)."""
    sparse = scipy_sparse()
    n = len(lib)
    every = np.arange(n)
    w_rows, w_ranks, w_keys, w_vals, offset = _words(lib)
    rows, ranks, keys, vals = [w_rows], [w_ranks], [w_keys], [w_vals]  # per family; keys numbered across them

    def family(name: str, has: np.ndarray, codes: np.ndarray, value: float) -> None:
        nonlocal offset
        uniq, code = np.unique(codes, return_inverse=True)
        rows.append(every[has])
        ranks.append(np.full(int(has.sum()), _RANK[name]))
        keys.append(code.astype(np.int64) + offset)
        vals.append(np.full(int(has.sum()), value))
        offset += len(uniq)

    has = lib.artist_code >= 0
    family("artist", has, lib.artist_code[has], 0.8)
    has = lib.album_code >= 0
    family("album", has, lib.album_code[has], 0.4)
    has = ~np.isnan(lib.year)
    family("decade", has, np.trunc(lib.year[has]).astype(np.int64) // 10, 0.5)
    with np.errstate(invalid="ignore"):
        has = lib.duration > 0  # short / usual / long tracks; clips, episodes, films
    family("length", has, np.log2(np.maximum(1.0, lib.duration[has] / 60.0)).astype(np.int64), 0.2)
    has = ~np.isnan(lib.bpm)
    bpm = np.trunc(lib.bpm[has]).astype(np.int64)
    family("bpm", has, bpm // 20, 0.22)
    family("bpm2", has, (bpm + 10) // 20, 0.22)
    family("kind", np.ones(n, bool), lib.is_video.astype(np.int64), 1.0)
    row, rank, key, val = (np.concatenate(a) for a in (rows, ranks, keys, vals))
    order = np.lexsort((rank, row))
    _, first = np.unique(key[order], return_index=True)  # each key's first entry, in item order
    col = np.empty(offset, np.int64)
    col[np.argsort(first)] = np.arange(offset)
    x = sparse.csr_matrix((val, (row, col[key])), shape=(n, max(1, offset)))
    blocks = [x]
    if lib.features is not None:
        blocks.append(sparse.csr_matrix(np.nan_to_num(lib.features - 0.5) * 0.8))
    if lib.sound is not None:
        blocks.append(sparse.csr_matrix(_standardised(lib.sound) * SOUND_WEIGHT))
    return _l2_rows(sparse.hstack(blocks, format="csr") if len(blocks) > 1 else x)


def _standardised(v: np.ndarray) -> np.ndarray:
    """Each dimension as a z-score over the analysed items, clipped; 0 for items not analysed yet."""
    known = ~np.isnan(v).any(axis=1)
    if known.sum() < 2:
        return np.zeros_like(v, dtype=float)
    mu, sd = v[known].mean(axis=0), v[known].std(axis=0)
    z = np.clip((v - mu) / np.where(sd > 0, sd, 1.0), -3, 3)
    return np.where(known[:, None], z, 0.0)


def cooccurrence_ppmi(lib: Library, log: ev.EventLog, n: int) -> tuple[Any, int]:
    """(positive PMI between items played in the same session: sparse float32 items x items, or None;
    how many item pairs had a positive PMI before the pruning below).

    Bounded at any history size: only the most recent ``MAX_COOC_PLAYS`` positive plays count, the
    counts are multiplied out ``BLOCK`` items at a time, and when the sessions hold more than
    ``PRUNE_ABOVE_PAIRS`` item pairs each item keeps its ``MAX_PARTNERS`` strongest partners (most of its
    row's weight: the SVD sees nearly the same matrix).
    One piece on purpose: the counting, PMI and pruning are one pipeline over the same large sparse arrays,
    freed as it goes (the refit's peak memory).
    """
    sparse = scipy_sparse()
    types = log.type[:n]
    keep = np.flatnonzero(((types == ev.PLAY) | (types == ev.COMPLETED)) & (log.item[:n] >= 0))
    if len(keep) < 2:
        return None, 0
    keep = keep[-MAX_COOC_PLAYS:]
    s = log.sessions(n)[keep]
    s -= s[0]
    items = log.item[keep]
    del keep
    # split long sessions into chunks
    chunk = (np.arange(len(s)) - np.searchsorted(s, s, side="left")) // MAX_SESSION
    _, s = np.unique(s * (int(chunk.max()) + 1) + chunk, return_inverse=True)
    del chunk
    played, items = np.unique(items, return_inverse=True)  # only played items take part
    b = sparse.csr_matrix(
        (np.ones(len(items), np.float32), (s.astype(np.int32), items.astype(np.int32))),
        shape=(int(s.max()) + 1, len(played)),
    )
    b.data[:] = 1.0  # duplicates summed on construction: a session counts an item once
    del s, items
    counts = np.asarray(b.sum(axis=0), np.float64).ravel()
    total = float(b.shape[0])
    per_session = np.diff(b.indptr).astype(np.int64)
    keep_partners = MAX_PARTNERS if int((per_session * (per_session - 1)).sum()) > PRUNE_ABOVE_PAIRS else None
    del per_session
    bt = b.T.tocsr()
    counts_per_row = np.zeros(len(lib), np.int64)
    cols, vals = [], []
    positives = 0
    for start in range(0, len(played), BLOCK):
        c = (bt[start : start + BLOCK] @ b).tocoo()  # rows in order
        r, cc, v = c.row, c.col, c.data
        del c
        off = r + start != cc
        r, cc, v = r[off], cc[off], v[off]
        pmi = np.log(v.astype(np.float64) * total / (counts[r + start] * counts[cc]))
        good = pmi > 0
        r, cc, pmi = r[good], cc[good], pmi[good].astype(np.float64 if keep_partners is None else np.float32)
        del v, off, good
        positives += len(r)
        if len(r):
            top = (
                np.arange(len(r)) if keep_partners is None else _strongest(r, pmi, keep_partners)
            )  # row order
            counts_per_row[played[start : start + BLOCK]] = np.bincount(
                r[top], minlength=min(BLOCK, len(played) - start)
            )
            cols.append(played[cc[top]])
            vals.append(pmi[top])
    if not cols:
        return None, 0
    del b, bt
    indptr = np.zeros(len(lib) + 1, np.int64)
    np.cumsum(counts_per_row, out=indptr[1:])
    indices = np.concatenate(cols).astype(np.int32)
    del cols
    data = np.concatenate(vals)
    del vals
    return sparse.csr_matrix((data, indices, indptr), shape=(len(lib), len(lib))), positives


def _strongest(rows: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest values of each row (all of a row that has no more than ``k``)."""
    base = int(rows.min())
    full = np.bincount(rows - base) > k
    busy = full[rows - base]
    if not busy.any():
        return np.arange(len(rows))
    over = np.flatnonzero(busy)
    order = over[np.lexsort((-values[over], rows[over]))]
    r = rows[order]
    first = np.searchsorted(r, r, side="left")
    return np.sort(np.concatenate([np.flatnonzero(~busy), order[np.arange(len(r)) - first < k]]))


def _hstack(a: Any, b: Any, dtype: Any) -> Any:
    """``[a | b]`` for two CSR matrices with the same rows, as ``scipy.sparse.hstack`` lays it out (each
    row: a's entries, then b's), filled a block of rows at a time: scipy's holds about four copies of the
    values at once, which was the refit's peak at 100,000 items."""
    sparse = scipy_sparse()
    n = a.shape[0]
    len_a, len_b = np.diff(a.indptr), np.diff(b.indptr)
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(len_a + len_b, out=indptr[1:])
    width = a.shape[1] + b.shape[1]
    indices = np.empty(int(indptr[-1]), np.int32 if max(int(indptr[-1]), width) < 2**31 else np.int64)
    data = np.empty(int(indptr[-1]), dtype)
    for start in range(0, n, 8192):
        end = min(n, start + 8192)
        for m, skip, shift in ((a, None, 0), (b, len_a, a.shape[1])):
            lo, hi = int(m.indptr[start]), int(m.indptr[end])
            if hi == lo:
                continue
            lengths = np.diff(m.indptr[start : end + 1])
            rows = np.repeat(np.arange(start, end), lengths)
            pos = indptr[rows] + (np.arange(lo, hi) - np.repeat(m.indptr[start:end], lengths))
            if skip is not None:
                pos += skip[rows]
            indices[pos] = m.indices[lo:hi] + shift
            data[pos] = m.data[lo:hi]
    return sparse.csr_matrix((data, indices, indptr), shape=(n, width))


def _scale_rows(co: Any, w: float) -> None:
    """Rows of ``co`` to length ``w``, in place (no copy of the values)."""
    lengths = np.diff(co.indptr)
    scale = np.zeros(len(lengths), co.dtype)
    busy = lengths > 0
    scale[busy] = w / np.sqrt(np.add.reduceat(co.data * co.data, co.indptr[:-1][busy], dtype=np.float64))
    co.data *= np.repeat(scale, lengths)


def _l2_rows(x: Any) -> Any:
    """A copy of CSR ``x`` with unit rows (empty rows stay empty).

    What ``sparse.diags(1 / norms) @ x`` gave, entry for entry and in its order (each row's entries
    reversed), so the SVD sums in the same order and the embeddings stay bit for bit the same; without the
    diagonal matrix, whose construction imports numpy.ma on the way to a new profile's first home."""
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    lengths = np.diff(x.indptr)
    rows = np.repeat(np.arange(x.shape[0]), lengths)
    reverse = x.indptr[rows] + x.indptr[rows + 1] - 1 - np.arange(x.nnz)  # each row back to front
    data = x.data[reverse] * (1.0 / norms)[rows]
    keep = data != 0  # the product stores no zeros
    indptr = np.zeros(x.shape[0] + 1, np.int64)
    np.cumsum(np.bincount(rows[keep], minlength=x.shape[0]), out=indptr[1:])
    return type(x)((data[keep], x.indices[reverse][keep], indptr), shape=x.shape)


def item_embeddings(
    lib: Library, log: ev.EventLog, n: int, seed: int = 0, before_ts: float | None = None
) -> np.ndarray:
    """(items x DIMS) float32, unit rows (zero rows for an empty library). ``before_ts`` (default: after
    the ``n`` events) bounds the plays known only by name that count (``named.coplay_rows``)."""

    if len(lib) < 3:
        return np.zeros((len(lib), 1), np.float32)
    x = content_matrix(lib)
    types = log.type[:n]
    file_plays = int(((types == ev.PLAY) | (types == ev.COMPLETED)).sum())
    coplay = coplay_rows(lib, log.named, np.inf if before_ts is None else before_ts, file_plays)
    if coplay is not None:
        x = _hstack(x, coplay, np.float64)
    co, positives = cooccurrence_ppmi(lib, log, n)
    if co is not None:
        # co-occurrence weighs more as the person's own history grows
        w = min(1.0, positives / (20.0 * len(lib)) + 0.3)
        # float64 while small (as it always was); beyond, float32 halves the products' memory and time
        dtype = np.float64 if x.nnz + co.nnz <= FLOAT64_MAX_NNZ else np.float32
        if dtype == np.float32:
            co = co.astype(np.float32, copy=False)
        if co.dtype == np.float64:  # small: as it always was
            co = _l2_rows(co) * w
        else:  # unit rows times w, in place
            _scale_rows(co, w)
        x = _hstack(x, co, dtype)
        del co
    k = max(1, min(DIMS, min(x.shape) - 1))
    # TruncatedSVD's randomized algorithm, straight to the coordinates (randsvd.leading_coordinates).
    # Two power iterations are plenty for a 32-dim taste space and keep a 20,000-item refit around a second
    e = leading_coordinates(x, k, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(seed))
    del x
    norms = np.linalg.norm(e, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (e / norms).astype(np.float32)
