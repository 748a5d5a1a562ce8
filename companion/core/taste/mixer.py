"""Turning scores into a mix: stable variety, no artist dominating, no album back to back."""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from companion.core.taste.library import Library

MAX_ARTIST_SHARE = 0.2
SHOWN = 25  # the cards a home row shows of a whole mix


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


@dataclass(frozen=True)
class Overlap:
    """At most ``share`` of a mix (in every prefix of it, so the home's first cards hold it too) may come
    from ``items`` (another row's picks), and never more than ``share`` of that row's own length."""

    items: frozenset[int]
    share: float
    other_len: int

    def allows(self, count: int, length: int) -> bool:
        return (
            count + 1 <= self.share * (length + 1) + 1e-9 and count + 1 <= self.share * self.other_len + 1e-9
        )


def diversify(
    candidates: np.ndarray,
    lib: Library,
    limit: int,
    *,
    max_share: float = MAX_ARTIST_SHARE,
    keep_albums_apart: bool = True,
    overlaps: Sequence[Overlap] = (),
    shown: int = SHOWN,
    fill_to: int = 0,
) -> list[int]:
    """Pick up to ``limit`` in order, capping each artist (in the whole mix, and among the first ``shown``
    that the home's row shows) and never putting one album twice in a row (unless the mix would otherwise
    stay under ``fill_to`` items).

    Candidates that would follow their own album, or that another row already holds beyond what ``overlaps``
    allow at this point, wait for a later slot; an artist over the cap is left out (a shorter mix is better
    than one artist's playlist).
    """
    cap = max(2, math.ceil(limit * max_share))
    first_cap = max(2, math.ceil(min(limit, shown) * max_share))
    per_artist: dict[int, int] = {}
    shared = [0] * len(overlaps)
    out: list[int] = []
    waiting: list[int] = []
    last_album = -2

    def fits(i: int) -> bool:
        if keep_albums_apart and lib.album_code[i] >= 0 and lib.album_code[i] == last_album:
            return False
        a = int(lib.artist_code[i])
        # the cap holds on the first page too, so the cards the home shows are as varied as the whole mix
        if a >= 0 and len(out) < shown and per_artist.get(a, 0) >= first_cap:
            return False
        return all(o.allows(shared[k], len(out)) for k, o in enumerate(overlaps) if i in o.items)

    def capped(i: int) -> bool:
        a = int(lib.artist_code[i])
        return a >= 0 and per_artist.get(a, 0) >= cap

    def take(i: int) -> None:
        nonlocal last_album
        out.append(i)
        a = int(lib.artist_code[i])
        if a >= 0:
            per_artist[a] = per_artist.get(a, 0) + 1
        last_album = int(lib.album_code[i])
        for k, o in enumerate(overlaps):
            shared[k] += i in o.items

    def place_waiting() -> None:
        """What waited (better ranked than what comes next) goes first, wherever it now fits."""
        progress = True
        while progress and waiting and len(out) < limit:
            progress = False
            for j, w in enumerate(waiting):
                if capped(w):
                    waiting.pop(j)
                    progress = True
                    break
                if fits(w):
                    take(waiting.pop(j))
                    progress = True
                    break

    for raw in candidates:
        if len(out) >= limit:
            break
        i = int(raw)
        if capped(i):
            continue
        place_waiting()
        if len(out) >= limit or capped(i):
            continue
        if fits(i):
            take(i)
        else:
            waiting.append(i)
    place_waiting()
    if len(out) < fill_to and waiting:  # a short mix keeps what only its album kept out, album or not
        keep_albums_apart = False
        place_waiting()
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
