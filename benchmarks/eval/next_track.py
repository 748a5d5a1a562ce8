"""Next-track hit rate at 10 on held-out sessions: the radio with and without the person's own sequences.

For each listener, sessions (30-minute gaps) are split in time: the first 80 % train, the last 20 %
are held out. At every position t >= 1 of a held-out session, the radio ranks the catalogue for
session[:t] (tracks already in the session left out, as radio does) and it is a hit when session[t]
is in the top 10.

- "radio": sound similarity to the session's last three tracks plus taste (the listener's train play
  counts, rank-normalised), both 0..1, equally weighted. Simulated listeners have sound vectors; the
  Last.fm exports have no audio, so "sound" there is a stand-in: same artist (0.6) and same genre (0.4,
  when the export carries one) as the last three tracks.
- "radio + sequences": the same, blended with ``companion.core.flow.nextup`` (``NextUp``: session kNN
  and sequence rules over the train sessions and the held-out sessions before this one, ``blend``).

Simulated families: ``routine`` (a listener with a handful of favourite running orders: album runs,
workout lists, each played with a few skips and swaps), ``journey`` (sessions walk a genre chain:
morning ambient to jazz to pop, the order of genres is the habit, the tracks vary), ``shuffle``
(sessions are random picks from the liked tracks: nothing for sequences to learn, an honest control).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from companion.core.flow.nextup import NextUp, blend, split_sessions

GAP_S = 30 * 60
TOP = 10
TRAIN_SHARE = 0.8


@dataclass
class Listener:
    name: str
    sessions: list[list[int]]  # oldest first
    similar: Callable[[Sequence[int]], dict[int, float]]  # context -> item -> sound similarity 0..1
    catalogue: list[int]


def taste_of(train: Sequence[Sequence[int]]) -> dict[int, float]:
    counts = Counter(i for s in train for i in s)
    ranked = sorted(counts, key=lambda i: counts[i])
    return {i: (k + 1) / len(ranked) for k, i in enumerate(ranked)}


def split(listener: Listener, window: tuple[float, float] = (TRAIN_SHARE, 1.0)) -> tuple[list, list]:
    """(train, held out): the sessions before ``window[0]`` of the history, and those up to ``window[1]``.

    The default holds out the last 20 %. ``(0.6, 0.8)`` checks a choice made on those on a window it
    never saw (trained on the first 60 %, the last 20 % left untouched)."""
    n = len(listener.sessions)
    cut, end = max(1, int(n * window[0])), int(n * window[1])
    return listener.sessions[:cut], listener.sessions[cut:end]


def hit_rates(
    listener: Listener, max_queries: int = 4000, window: tuple[float, float] = (TRAIN_SHARE, 1.0)
) -> tuple[float, float, int]:
    """(radio hit rate, radio + sequences hit rate, queries) for one listener."""
    train, test = split(listener, window)
    taste = taste_of(train)
    hits = [0, 0]
    queries = 0
    seen = list(train)
    for session in test:
        nextup = NextUp(seen)
        for t in range(1, len(session)):
            if queries >= max_queries:
                break
            context = session[:t]
            sound = listener.similar(context)
            base = {i: sound.get(i, 0.0) + taste.get(i, 0.0) for i in {*sound, *taste}}
            for k, scores in enumerate((base, blend(base, nextup.scores(context)))):
                top = sorted((i for i in scores if i not in context), key=lambda i: -scores[i])[:TOP]
                hits[k] += session[t] in top
            queries += 1
        seen.append(session)
    return hits[0] / max(1, queries), hits[1] / max(1, queries), queries


def ceilings(
    listener: Listener, max_queries: int = 4000, window: tuple[float, float] = (TRAIN_SHARE, 1.0)
) -> dict[str, float]:
    """Over the same queries as ``hit_rates``, how much history can know about the next track at all.

    ``heard``: the next track was played before (in an earlier session) and is not already in this
    session: the ceiling of anything learnt from history. ``followed``: it came straight after the
    session's previous track before (what sequence rules can find). ``repeat``: it is already in the
    session (the radio leaves those out, so neither radio can hit it).
    """
    train, test = split(listener, window)
    seen = {i for s in train for i in s}
    pairs = {(a, b) for s in train for a, b in zip(s, s[1:], strict=False)}
    counts = Counter[str]()
    queries = 0
    for session in test:
        for t in range(1, len(session)):
            if queries >= max_queries:
                break
            nxt, context = session[t], session[:t]
            counts["heard"] += nxt in seen and nxt not in context
            counts["followed"] += (session[t - 1], nxt) in pairs
            counts["repeat"] += nxt in context
            queries += 1
        seen.update(session)
        pairs.update(zip(session, session[1:], strict=False))
    return {k: round(counts[k] / max(1, queries), 3) for k in ("heard", "followed", "repeat")}


# --- simulated listeners ---------------------------------------------------------------------------------
def _catalogue(rng: np.random.Generator, genres: int = 8, per_genre: int = 60, dims: int = 8):
    centres = rng.normal(0, 1, (genres, dims))
    vectors = np.concatenate([centres[g] + 0.6 * rng.normal(0, 1, (per_genre, dims)) for g in range(genres)])
    genre = np.repeat(np.arange(genres), per_genre)
    return vectors, genre


def _sound(vectors: np.ndarray) -> Callable[[Sequence[int]], dict[int, float]]:
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def similar(context: Sequence[int]) -> dict[int, float]:
        centre = unit[list(context[-3:])].mean(axis=0)
        sims = unit @ centre / max(1e-9, float(np.linalg.norm(centre)))
        order = np.argsort(-sims)[:200]
        return {int(i): float((sims[i] + 1) / 2) for i in order}

    return similar


def simulated(family: str, seed: int, days: int = 60) -> Listener:
    rng = np.random.default_rng(seed)
    vectors, genre = _catalogue(rng)
    pyr = random.Random(seed)
    liked_genres = pyr.sample(range(8), 4)
    liked = [int(i) for i in np.flatnonzero(np.isin(genre, liked_genres))]
    sessions: list[list[int]] = []
    if family == "routine":
        orders = [pyr.sample(liked, 10) for _ in range(6)]
        for _ in range(days * 2):
            s = list(pyr.choice(orders))
            for _ in range(2):  # a skip and a swap now and then
                if pyr.random() < 0.5:
                    del s[pyr.randrange(len(s))]
                if pyr.random() < 0.3:
                    s.insert(pyr.randrange(len(s)), pyr.choice(liked))
            sessions.append(s)
    elif family == "journey":
        chain = liked_genres[:]
        pyr.shuffle(chain)
        favourites = {g: pyr.sample([i for i in liked if genre[i] == g], 12) for g in chain}
        for _ in range(days * 2):
            s = [t for g in chain for t in pyr.sample(favourites[g], 3)]
            sessions.append(s)
    else:  # shuffle
        for _ in range(days * 2):
            sessions.append(pyr.sample(liked, 10))
    return Listener(f"{family}-{seed}", sessions, _sound(vectors), list(range(len(vectors))))


# --- Last.fm exports ---------------------------------------------------------------------------------------
def from_export(export) -> Listener:  # export: benchmarks.eval.lastfm_exports.Export
    ids: dict[tuple[str, str], int] = {}
    artist: list[str] = []
    genre: list[str] = []
    times, items = [], []
    for s in export.scrobbles:
        key = (s.artist.lower(), s.track.lower())
        if key not in ids:
            ids[key] = len(artist)
            artist.append(s.artist.lower())
            genre.append(s.genre.lower())
        times.append(s.ts)
        items.append(ids[key])
    by_artist: dict[str, list[int]] = {}
    by_genre: dict[str, list[int]] = {}
    for i, (a, g) in enumerate(zip(artist, genre, strict=True)):
        by_artist.setdefault(a, []).append(i)
        if g:
            by_genre.setdefault(g, []).append(i)

    def similar(context: Sequence[int]) -> dict[int, float]:
        last = context[-3:]
        out = dict.fromkeys((i for c in last if genre[c] for i in by_genre[genre[c]]), 0.4)
        for i in {i for c in last for i in by_artist[artist[c]]}:
            out[i] = out.get(i, 0.0) + 0.6
        return out

    sessions = [s for s in split_sessions(times, items, GAP_S) if len(s) >= 2]
    return Listener(export.name, sessions, similar, list(range(len(artist))))


def summary(results: list[tuple[str, float, float, int]]) -> dict[str, float]:
    """Mean hit rates and the ratio (sequences / without), weighting listeners equally."""
    if not results:
        return {"radio": math.nan, "sequences": math.nan, "ratio": math.nan, "queries": 0}
    radio = sum(r[1] for r in results) / len(results)
    seq = sum(r[2] for r in results) / len(results)
    return {
        "radio": round(radio, 4),
        "sequences": round(seq, 4),
        "ratio": round(seq / radio, 2) if radio else math.inf,
        "queries": sum(r[3] for r in results),
    }
