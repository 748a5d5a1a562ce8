"""Video rows (and resuming spoken word and long audio): continue, up next, recommended videos."""

from __future__ import annotations

from typing import Any

import numpy as np

from companion.core.db import playback as playback_db
from companion.core.events.thresholds import RESUME_AUDIO_MIN_DURATION
from companion.core.taste import eventlog as ev
from companion.core.taste import mixer
from companion.core.taste.rows import Row
from companion.core.taste.view import View

DAY = 86400.0
KNN = 10
ERA_WINDOW = 20  # videos
ERA_SCALE = 8.0  # years


def _resume_points(v: View) -> dict[int, tuple[float, float]]:
    """item -> (position, when) for partly played items: replayed from events, plus the table for 'now'."""
    if "resume" in v.memo:
        return v.memo["resume"]
    lib, log = v.lib, v.log
    n = v.sig.n_events
    out: dict[int, tuple[float, float]] = {}
    types = log.type[:n]
    long_items = lib.is_video | lib.spoken | (np.nan_to_num(lib.duration) > RESUME_AUDIO_MIN_DURATION)
    item = log.item[:n]
    watched = np.flatnonzero(
        ((types == ev.PLAY) | (types == ev.COMPLETED) | (types == ev.SKIP))
        & (item >= 0)
        & long_items[np.maximum(item, 0)]
    )
    for e in watched:  # later events overwrite earlier ones
        i = int(log.item[e])
        if types[e] == ev.PLAY:
            frac = float(log.frac[e])
            dur = float(np.nan_to_num(lib.duration[i]))
            if 0.02 < frac < 0.95:
                out[i] = (frac * dur, float(log.ts[e]))
                continue
        out.pop(i, None)
    rows = playback_db.resume_points_before(v.conn, v.moment.ts)
    for pos_i, r in zip(lib.index_of([r.item_id for r in rows]), rows, strict=True):
        if pos_i >= 0:
            dur = r.duration or lib.duration[pos_i]
            if dur and 0.02 < r.position / dur < 0.95 and (pos_i not in out or out[pos_i][1] < r.updated_at):
                out[int(pos_i)] = (float(r.position), float(r.updated_at))
    v.memo["resume"] = {i: p for i, p in out.items() if v.usable[i]}
    return v.memo["resume"]


def _next_episodes(v: View, per_show: int, in_progress: dict[Any, Any]) -> list[tuple[int, float, int]]:
    """(item, last watched time of its show, rank within show) for the episodes after the last one watched.

    A show whose latest episode is still in progress has no "next" yet: finishing it comes first.
    """
    lib, s = v.lib, v.sig
    episodes = np.flatnonzero(lib.is_video & (lib.album_code >= 0) & ~np.isnan(lib.episode))
    if not len(episodes):
        return []
    season, episode = np.nan_to_num(lib.season).tolist(), lib.episode.tolist()
    shows: dict[int, list[int]] = {}
    for i in episodes.tolist():
        shows.setdefault(int(lib.artist_code[i]), []).append(int(i))
    out: list[tuple[int, float, int]] = []
    for eps in shows.values():
        eps.sort(key=lambda i: (season[i], episode[i]))
        watched = [k for k, i in enumerate(eps) if s.plays[i] > 0]
        if not watched:
            continue
        last_k = max(watched, key=lambda k: (s.last_played[eps[k]], k))
        when = float(s.last_played[eps[last_k]])
        if eps[last_k] in in_progress:
            continue
        following = [i for i in eps[last_k + 1 :] if s.plays[i] == 0 and v.usable[i]]
        out.extend((i, when, r) for r, i in enumerate(following[:per_show]))
    return out


def continue_row(v: View, limit: int) -> Row | None:
    resume = _resume_points(v)
    firsts = [(i, when) for i, when, r in _next_episodes(v, 1, resume) if i not in resume]
    entries = [(i, when, pos) for i, (pos, when) in resume.items()] + [(i, when, None) for i, when in firsts]
    entries.sort(key=lambda e: -e[1])
    items = []
    for i, when, pos in entries[:limit]:
        lead = "pick up where you left off" if pos is not None else f"next episode of {v.lib.artist[i]}"
        items.append(v.item(i, when, lead, resume_position=pos))
    if not items:
        return None
    kinds = {it.kind for it in items}
    return Row(
        id="continue",
        title="Continue",
        kind=kinds.pop() if len(kinds) == 1 else "mixed",
        reason="Resume what you started, and the next episodes of what you watch",
        items=tuple(items),
    )


def up_next_row(v: View, limit: int) -> Row | None:
    nxt = _next_episodes(v, 3, _resume_points(v))
    if not nxt:
        return None
    show_taste = v.base_score
    nxt.sort(key=lambda e: (e[2], -e[1], -show_taste[e[0]]))
    picks = [i for i, _, _ in nxt][:limit]
    items = tuple(v.item(i, float(show_taste[i]), f"next in {v.lib.artist[i]}") for i in picks)
    return Row(
        id="up-next",
        title="Up next",
        kind="video",
        reason="The next episodes of the shows you watch",
        items=items,
    )


def video_taste(v: View, pool: np.ndarray) -> np.ndarray:
    """Item-kNN over embeddings: closeness to the videos watched, weighted by how much more (or less) than
    usual the person liked each one (ratings centred on their own mean)."""
    s = v.sig
    liked = np.flatnonzero(v.lib.is_video & (s.pos > 0.05))
    if not len(liked) or not pool.any():
        return np.zeros(len(v.lib))
    sat = s.satisfaction[liked]
    w = s.pos[liked] * (sat - sat.mean() + 0.05)
    idx = np.flatnonzero(pool)
    sims = v.emb[idx] @ v.emb[liked].T
    k = min(KNN, len(liked))
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    picked = np.take_along_axis(sims, top, axis=1)
    out = np.zeros(len(v.lib))
    out[idx] = (np.clip(picked, 0, None) * w[top]).sum(axis=1)
    return out


def _closest_liked(v: View, picks: list[int]) -> dict[int, str]:
    """'because you watched X': the liked video that most pulled each pick up (when close enough)."""
    s, lib = v.sig, v.lib
    liked = np.flatnonzero(
        lib.is_video & (s.pos > 0.05) & (s.satisfaction > s.satisfaction[lib.is_video].mean())
    )
    if not len(liked) or not picks:
        return {}
    sims = v.emb[picks] @ v.emb[liked].T
    out = {}
    for row, i in enumerate(picks):
        j = int(np.argmax(sims[row]))
        if sims[row, j] > 0.5:
            out[i] = f"because you watched {lib.title[liked[j]] or lib.path[liked[j]].rsplit('/', 1)[-1]}"
    return out


def recent_era(v: View, last: int = ERA_WINDOW) -> float | None:
    """Median release year of the last videos watched: tastes in era drift ("2000s films lately")."""
    lib, s = v.lib, v.sig
    watched = np.flatnonzero(lib.is_video & (s.plays > 0) & ~np.isnan(lib.year))
    if len(watched) < 5:
        return None
    recent = watched[np.argsort(-s.last_played[watched], kind="stable")[:last]]
    return float(np.median(lib.year[recent]))


def recommended_videos_row(v: View, limit: int) -> Row | None:
    lib, s = v.lib, v.sig
    first_of_show = np.ones(len(lib), bool)
    eps = lib.is_video & (lib.album_code >= 0) & ~np.isnan(lib.episode)
    # an unwatched show is recommended by its first episode, not by episode 7
    first_of_show[eps & (np.nan_to_num(lib.episode, nan=1) > 1)] = False
    pool = v.video & (s.plays == 0) & first_of_show
    if not pool.any():
        return None
    knn = video_taste(v, pool)
    era = recent_era(v)
    if knn.any():
        score = 0.3 * v.rank_norm(v.base_score, pool) + 0.45 * v.rank_norm(knn, pool)
        if era is not None:
            closeness = np.exp(-np.abs(np.nan_to_num(lib.year, nan=era - 50) - era) / ERA_SCALE)
            score += 0.25 * v.rank_norm(closeness, pool)
    else:
        score = v.base_score.copy()
    score = score + mixer.jitter(len(score), mixer.stable_seed("rv", v.moment.day_number), 1e-3)
    picks = mixer.diversify(mixer.top(score, pool, limit * 3), lib, limit)
    if not picks:
        return None
    leads = _closest_liked(v, picks)
    if era is not None:
        for i in picks:
            if i not in leads and abs(np.nan_to_num(lib.year[i], nan=0) - era) <= 5:
                leads[i] = f"from the years you have been watching lately (around {int(era)})"
    items = tuple(v.item(i, float(score[i]), leads.get(i)) for i in picks)
    return Row(
        id="recommended-videos",
        title="Recommended videos",
        kind="video",
        reason="Films and shows in your library that fit what you watch",
        items=items,
    )
