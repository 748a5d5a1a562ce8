"""Turning scores into a mix: stable variety, no artist dominating, no album back to back."""

from __future__ import annotations

import math
import zlib

import numpy as np

from companion.core.taste.library import Library

MAX_ARTIST_SHARE = 0.2


def stable_seed(*parts: object) -> int:
    """A seed that is the same for the same parts (row id, day, last event) in every process."""
    return zlib.crc32(":".join(map(str, parts)).encode("utf-8"))


def jitter(size: int, seed: int, scale: float) -> np.ndarray:
    """Small deterministic noise so that near-ties vary by day but not by look."""
    if scale <= 0:
        return np.zeros(size)
    return np.random.default_rng(seed).random(size) * scale


def top(score: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` best-scoring items where ``mask`` holds, best first (ties by id order)."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return idx
    k = min(k, len(idx))
    s = score[idx]
    if k < len(idx):
        part = np.argpartition(-s, k - 1)[:k]
        idx, s = idx[part], s[part]
    return idx[np.lexsort((idx, -s))]


def diversify(
    candidates: np.ndarray,
    lib: Library,
    limit: int,
    *,
    max_share: float = MAX_ARTIST_SHARE,
    keep_albums_apart: bool = True,
) -> list[int]:
    """Pick up to ``limit`` in order, capping each artist and never putting one album twice in a row.

    Candidates that would follow their own album wait for the next slot; an artist over the cap is left
    out (a shorter mix is better than one artist's playlist).
    """
    cap = max(2, math.ceil(limit * max_share))
    per_artist: dict[int, int] = {}
    out: list[int] = []
    waiting: list[int] = []
    last_album = -2

    def album_ok(i: int) -> bool:
        return not keep_albums_apart or lib.album_code[i] < 0 or lib.album_code[i] != last_album

    def take(i: int) -> None:
        nonlocal last_album
        out.append(i)
        a = int(lib.artist_code[i])
        if a >= 0:
            per_artist[a] = per_artist.get(a, 0) + 1
        last_album = int(lib.album_code[i])

    for raw in candidates:
        if len(out) >= limit:
            break
        i = int(raw)
        a = int(lib.artist_code[i])
        if a >= 0 and per_artist.get(a, 0) >= cap:
            continue
        for j, w in enumerate(waiting):
            if album_ok(w) and (lib.artist_code[w] < 0 or per_artist.get(int(lib.artist_code[w]), 0) < cap):
                take(waiting.pop(j))
                break
        if len(out) >= limit:
            break
        if a >= 0 and per_artist.get(a, 0) >= cap:
            continue
        if album_ok(i):
            take(i)
        else:
            waiting.append(i)
    for i in waiting:  # what waited only for its album: place it wherever it no longer follows its album
        if len(out) >= limit:
            break
        if album_ok(i) and (lib.artist_code[i] < 0 or per_artist.get(int(lib.artist_code[i]), 0) < cap):
            take(i)
    return out


def interleave(primary: list[int], secondary: list[int], share: float, limit: int) -> list[int]:
    """Blend two ranked lists so that about ``share`` of the result comes from ``secondary``, spread evenly."""
    out: list[int] = []
    seen: set[int] = set()
    pi = si = 0
    while len(out) < limit and (pi < len(primary) or si < len(secondary)):
        want_secondary = si < len(secondary) and (pi >= len(primary) or (si + 1) <= share * (len(out) + 1))
        if want_secondary:
            i, si = secondary[si], si + 1
        else:
            i, pi = primary[pi], pi + 1
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out
