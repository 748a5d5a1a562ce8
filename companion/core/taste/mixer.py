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


class _Mix:
    """A mix being picked: what it holds, per artist, per other row, and what waits for a later slot.

    Artist and album codes are looked up once per candidate (plain ints: numpy scalars are slow one by one).
    """

    def __init__(self, limit: int, max_share: float, shown: int, overlaps: Sequence[Overlap]):
        self.limit, self.shown, self.overlaps = limit, shown, overlaps
        self.cap = max(2, math.ceil(limit * max_share))
        self.first_cap = max(2, math.ceil(min(limit, shown) * max_share))
        self.artist: dict[int, int] = {}
        self.album: dict[int, int] = {}
        self.per_artist: dict[int, int] = {}
        self.shared = [0] * len(overlaps)
        self.out: list[int] = []
        self.waiting: list[int] = []
        self.last_album = -2
        self.albums_apart = True
        self.settled = True  # nothing was taken since the waiting list was last looked at

    def full(self) -> bool:
        return len(self.out) >= self.limit

    def capped(self, i: int) -> bool:
        a = self.artist[i]
        return a >= 0 and self.per_artist.get(a, 0) >= self.cap

    def fits(self, i: int) -> bool:
        album = self.album[i]
        if self.albums_apart and album >= 0 and album == self.last_album:
            return False
        a = self.artist[i]
        n = len(self.out)
        # the cap holds on the first page too, so the cards the home shows are as varied as the whole mix
        if a >= 0 and n < self.shown and self.per_artist.get(a, 0) >= self.first_cap:
            return False
        for k, o in enumerate(self.overlaps):
            if i in o.items and not o.allows(self.shared[k], n):
                return False
        return True

    def take(self, i: int) -> None:
        self.out.append(i)
        a = self.artist[i]
        if a >= 0:
            self.per_artist[a] = self.per_artist.get(a, 0) + 1
        self.last_album = self.album[i]
        for k, o in enumerate(self.overlaps):
            if i in o.items:
                self.shared[k] += 1
        self.settled = False

    def place_waiting(self) -> None:
        """What waited (better ranked than what comes next) goes first, wherever it now fits (only a pick
        changes where it fits: the list is looked at again only after one)."""
        if self.settled:
            return
        progress = True
        while progress and self.waiting and not self.full():
            progress = False
            for j, w in enumerate(self.waiting):
                if self.capped(w) or self.fits(w):
                    self.waiting.pop(j)
                    if not self.capped(w):
                        self.take(w)
                    progress = True
                    break
        self.settled = True

    def offer(self, i: int) -> None:
        a = self.artist[i]
        if a >= 0 and self.per_artist.get(a, 0) >= self.cap:
            return
        if self.waiting and not self.settled:
            self.place_waiting()
            if self.full() or self.capped(i):
                return
        if self.fits(i):
            self.take(i)
        else:
            self.waiting.append(i)


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
    mix = _Mix(limit, max_share, shown, overlaps)
    mix.albums_apart = keep_albums_apart
    cand = np.asarray(candidates, np.int64)
    ids = cand.tolist()
    mix.artist = dict(zip(ids, lib.artist_code[cand].tolist(), strict=True))
    mix.album = dict(zip(ids, lib.album_code[cand].tolist(), strict=True))
    for i in ids:
        if mix.full():
            break
        mix.offer(i)
    mix.place_waiting()
    if len(mix.out) < fill_to and mix.waiting:  # a short mix keeps what only its album kept out
        mix.albums_apart = False
        mix.settled = False
        mix.place_waiting()
    return mix.out


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
