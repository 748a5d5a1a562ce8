"""What several music rows share: favourites blended with new finds, and reasons that name a track."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from companion.core.taste import mixer
from companion.core.taste.homerows import MIN_MIX
from companion.core.taste.view import View


def blend_new(
    v: View,
    score: np.ndarray,
    pool: np.ndarray,
    limit: int,
    seed: int,
    overlaps: Sequence[mixer.Overlap] = (),
) -> list[int]:
    """Favourites blended with unplayed items that fit, in the tuned discovery share; then diversified."""
    fam = v.sig.familiarity > 0
    noisy = score + mixer.jitter(
        len(score), seed, 0.15 * max(1e-9, float(np.std(score[pool])) if pool.any() else 1)
    )
    liked_enough = v.welcome  # what keeps being skipped fades out of mixes
    known = mixer.top(
        noisy,
        pool & liked_enough & ((v.sig.plays > 0) | (v.lib.tag_play_count > 0) | ~np.isnan(v.lib.tag_rating)),
        limit * 4,
    )
    fresh = mixer.top(noisy, pool & ~fam & liked_enough, limit * 2)
    share = v.discovery_share if len(known) >= limit // 2 else 1.0 - len(known) / max(1, limit)
    merged = mixer.interleave(list(map(int, known)), list(map(int, fresh)), share, limit * 6)
    return mixer.diversify(np.asarray(merged, np.int64), v.lib, limit, overlaps=overlaps, fill_to=MIN_MIX)


def new_find_leads(v: View, picks: Sequence[int]) -> dict[int, str]:
    """For each unplayed pick: "new to you, close to <a track they play> by <artist>" (the played pick of the
    same mix nearest to it in taste space), else the usual reasons. Reasons name a track, never a mix."""
    fam = v.sig.familiarity > 0
    known = [i for i in picks if fam[i] and v.sig.pos[i] > 0]
    fresh = [i for i in picks if not fam[i]]
    if not known or not fresh:
        return {}
    sims = v.emb[fresh] @ v.emb[known].T
    out = {}
    for row, i in enumerate(fresh):
        j = known[int(np.argmax(sims[row]))]
        if sims[row].max() > 0.3:
            title = v.lib.title[j] or v.lib.path[j].rsplit("/", 1)[-1]
            by = f" by {v.lib.artist[j]}" if v.lib.artist[j] else ""
            out[i] = f"new to you, close to {title}{by}"
    return out


def sampler(
    v: View, limit: int, row_id: str, overlaps: Sequence[mixer.Overlap] = ()
) -> tuple[list[int], np.ndarray]:
    """Cold start: tag ratings and play counts first, then one track per genre in turn; (picks, score)."""
    lib = v.lib
    seed = mixer.stable_seed(row_id, v.moment.week_number)
    score = v.base_score + mixer.jitter(len(lib), seed, 1.0)
    order = mixer.top(score, v.music, len(lib))
    by_genre: dict[int, list[int]] = {}
    for i in order:
        by_genre.setdefault(int(lib.genre_code[i]), []).append(int(i))
    rounds: list[int] = []
    queues = list(by_genre.values())
    while len(rounds) < limit * 3 and any(queues):
        for q in queues:
            if q:
                rounds.append(q.pop(0))
    rated = [int(i) for i in order if lib.tag_rating[i] >= 4 or lib.tag_play_count[i] >= 3][: limit // 2]
    merged = mixer.interleave(rated, rounds, 0.5, limit * 3)
    return mixer.diversify(np.asarray(merged, np.int64), lib, limit, overlaps=overlaps), score
