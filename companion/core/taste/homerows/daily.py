"""``daily-1`` .. ``daily-6``: one mix per listening mode (a facet of the person's taste), each distinct.

Each mix draws from the music nearest its mode; when most of that music shares one or two genres, only
from those, so its name can say so honestly. Any two Daily Mixes share at most 20% of their recordings and
each shares at most 40% with the moment's row; a mix left with fewer than MIN_MIX items is not shown (a
small library gets fewer mixes, not look-alikes), and the ones shown are numbered 1, 2, 3 in order.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from companion.core.taste import mixer, names
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.homerows._mix import blend_new, new_find_leads
from companion.core.taste.view import View

SIBLING_SHARE = 0.2
CLOSE = 0.3  # see View.neighbourhood: a mode's neighbourhood, not the whole of a small library


def _pool(v: View, sims: np.ndarray, limit: int, k: int) -> np.ndarray:
    """The music nearest the mode; narrowed to music led by its leading genres when they hold most of its
    nearest items."""
    music = v.music & v.neighbourhood(sims, ("mode", k), closeness=CLOSE)
    order = mixer.top(sims, music, limit * 4)  # best first
    pool = np.zeros(len(v.lib), bool)
    pool[order] = True
    nearest = order[:limit].tolist()
    genres = names.genre_name(v.lib, nearest, v.nameable)
    if genres:
        holds = v.led_by(genres)
        narrowed = np.zeros(len(v.lib), bool)
        narrowed[mixer.top(sims, music & holds, limit * 4)] = True
        if narrowed.sum() >= limit // 2:
            return narrowed
    return pool


def build(v: View, limit: int, built: Built) -> list[Draft]:
    modes = v.model.modes
    if not modes or not v.music.any():
        return []
    key = ("mode-sims", v.model.cutoff_ts, v.model.n_events, len(v.lib))
    sims = v._cache.get(key)
    if sims is None:  # the modes' closeness to every item: fixed for a fitted model
        centroids = np.stack([md.centroid for md in modes]).astype(np.float32)
        sims = v._cache[key] = np.ascontiguousarray(np.einsum("ij,kj->ki", v.emb, centroids))
    base = v.base_rank(False)
    drafts: list[Draft] = []
    for k in range(len(modes)):
        pool = _pool(v, sims[k], limit, k)
        if pool.sum() < ROW.min_items:
            continue
        score = 0.5 * base + 0.5 * v.rank_norm(sims[k], pool)
        seed = mixer.stable_seed("daily", k, v.moment.day_number, v.last_event_id)
        overlaps = built.overlaps(ROW.after) + [
            mixer.Overlap(frozenset(d.picks), SIBLING_SHARE, len(d.picks)) for d in drafts
        ]
        picks = blend_new(v, score, pool, limit, seed, overlaps)
        if len(picks) < min(ROW.min_items, limit):
            continue
        n = len(drafts) + 1
        genres = names.genre_name(v.lib, picks, v.nameable)
        if names.share_of(v.lib, picks[: ROW.home_limit], genres) < names.NAME_SHARE:
            genres = ()  # the cards the home shows must hold what the name says, not only the whole mix
        name = " & ".join(names.label(g) for g in genres)
        artists = [a for a, _ in Counter(v.lib.artist[i] for i in picks if v.lib.artist[i]).most_common(2)]
        reason = f"{', '.join(str(a) for a in artists)} and more" if artists else "A side of your taste"
        title = f"Daily Mix {n}: {name}" if name else f"Daily Mix {n}"
        drafts.append(Draft(f"daily-{n}", title, reason, picks, score, new_find_leads(v, picks)))
    return drafts


ROW = HomeRow(
    id="daily-",
    order=20,
    title="Daily Mix {n}[: {genres it holds}]",
    build=build,
    after={"now": 0.4},
    quick_mix=1,
)
