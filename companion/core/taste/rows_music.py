"""Music rows: now, daily mixes, discover, rediscover, on repeat, because-you-played, moods, new."""

from __future__ import annotations

import numpy as np

from companion.core.taste import mixer
from companion.core.taste import signals as sg
from companion.core.taste.context import Moment, context_phrase, moment_title
from companion.core.taste.moods import FITS, TITLES
from companion.core.taste.rows import Row
from companion.core.taste.view import View

DAY = 86400.0
MIN_MOOD_ITEMS = 12


def _row(
    v: View,
    row_id: str,
    title: str,
    reason: str,
    picks: list[int],
    score: np.ndarray,
    leads: dict[int, str] | None = None,
    kind: str = "music",
) -> Row | None:
    if not picks:
        return None
    leads = leads or {}
    items = tuple(v.item(i, float(score[i]), leads.get(i)) for i in picks)
    return Row(id=row_id, title=title, kind=kind, reason=reason, items=items)


def _blend_new(
    v: View, score: np.ndarray, pool: np.ndarray, limit: int, seed: int, lead_new: str | None = None
) -> tuple[list[int], dict[int, str]]:
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
    picks = mixer.diversify(np.asarray(merged, np.int64), v.lib, limit)
    leads = {i: lead_new for i in picks if lead_new and not fam[i]}
    return picks, leads


def now_row(v: View, limit: int) -> Row | None:
    m = v.moment
    if not v.music.any():
        return None
    seed = mixer.stable_seed("now", m.day_number, round(v.sig.moment.hour * 4), v.last_event_id)  # per block
    if not v.sig.has_history:
        return sampler_row(
            v,
            limit,
            row_id="now",
            title=moment_title(m),
            reason="A start from your library: rated and much-played tracks, new additions and "
            "a varied sampler. It learns from what you play.",
        )
    picks, leads = _blend_new(v, v.now_score, fits_the_moment(v, limit), limit, seed)
    for i in picks:
        if v.sig.familiarity[i] == 0:
            leads[i] = "new to you, fits your " + context_phrase(m)
    return _row(
        v,
        "now",
        moment_title(m),
        f"What you like on {context_phrase(m)}, with a few new finds",
        picks,
        v.now_score,
        leads,
    )


def fits_the_moment(v: View, limit: int, mass: float = 0.8) -> np.ndarray:
    """Music of the genres that make up most (``mass``) of what the person plays at this moment.

    Morning music is not Friday-night music: the mix for now draws from these genres first, and widens
    to the next ones only when they cannot fill it.
    """
    # when validation says context matters for this person, the moment's own evidence decides as soon as
    # there is some of it (a few weekend mornings are enough to stop serving them the weekday mix)
    cw = v.params.context_weight
    if cw > 0:
        evidence = float(v.sig.genre_pos_ctx.sum())
        cw = max(cw, evidence / (evidence + 3.0))
    share = v.sig.genre_share(cw)
    turned_away = v.sig.genre_turned_away  # lately skipped at this hour: not now, whatever came before
    if turned_away.any():
        left = np.where(turned_away, 0.0, v.sig.genre_pos_ctx)
        # what is left of this moment's own evidence (the new habit) decides, else the blend without them
        share = left if cw > 0 and left.sum() >= 2.0 else np.where(turned_away, 0.0, share)
        share = share / max(1e-9, float(share.sum()))
    counts = np.bincount(v.sig.genre_group[v.music], minlength=len(share))
    chosen = np.zeros(len(share), bool)
    total = 0.0
    for gi in np.argsort(-share, kind="stable"):
        if share[gi] <= 0 or (total >= mass and counts[chosen].sum() >= limit):
            break
        chosen[gi] = True
        total += share[gi]
    pool = v.music & chosen[v.sig.genre_group]
    return pool if pool.sum() >= limit else v.music


def sampler_row(
    v: View,
    limit: int,
    row_id: str = "discover",
    title: str = "A sampler of your library",
    reason: str = "One track from each corner of your library",
) -> Row | None:
    """Cold start: tag ratings and play counts first, then one track per genre in turn."""
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
    picks = mixer.diversify(np.asarray(merged, np.int64), lib, limit)
    return _row(v, row_id, title, reason, picks, score)


def daily_rows(v: View, limit: int) -> list[Row]:
    rows: list[Row] = []
    modes = v.model.modes
    if not modes or not v.music.any():
        return rows
    centroids = np.stack([md.centroid for md in modes]).astype(np.float32)
    sims = np.einsum("ij,kj->ik", v.emb, centroids)
    base = v.base_rank(False)
    names: set[str] = set()
    for k, md in enumerate(modes):
        # the items closest to this mode (not only those nearest to it of all modes): full mixes
        pool = np.zeros(len(v.lib), bool)
        pool[mixer.top(sims[:, k], v.music, limit * 4)] = True
        if pool.sum() < 5:
            continue
        score = 0.5 * base + 0.5 * v.rank_norm(sims[:, k], pool)
        seed = mixer.stable_seed("daily", k, v.moment.day_number, v.last_event_id)
        picks, leads = _blend_new(
            v, score, pool, limit, seed, lead_new=f"unplayed, close to your Daily Mix {k + 1}"
        )
        name = md.name if md.name not in names or not md.artists else f"{md.name} · {md.artists[0]}"
        names.add(name)
        who = ", ".join(md.artists[:2])
        reason = f"{name}: {who} and more" if who else name
        row = _row(v, f"daily-{k + 1}", f"Daily Mix {k + 1}: {name}", reason, picks, score, leads)
        if row:
            rows.append(row)
    return rows


def discover_row(v: View, limit: int) -> Row | None:
    """Never or rarely played music that fits; computed from the taste as of this week's start (stable)."""
    if not v.sig.has_history:
        return sampler_row(v, limit)
    start = v.moment.week_start_ts()
    week_m = Moment(ts=start, local=start + v.moment.offset_min * 60, offset_min=v.moment.offset_min)
    n = v.log.before(start)
    key = ("week-signals", n, v.moment.week_number, id(v.model), v.exploration)
    s = v._cache.get(key)
    if s is None:
        s = (
            v.sig
            if n == v.sig.n_events
            else sg.compute(v.lib, v.log, week_m, v.params, v.sig.stars, v.sig.liked, v.exploration, n=n)
        )
        v._cache.pop(v._cache.get("week-key"), None)
        v._cache["week-key"] = key
        v._cache[key] = s
    pool = v.music & (v.sig.plays <= 1) & (v.sig.skips == 0)
    if pool.sum() < 5:
        return None
    score = 0.5 * v.rank_norm(s.score(0.0), pool) + 0.5 * v.rank_norm(
        v.similarity(v.taste_vector_of(s)), pool
    )
    score += mixer.jitter(len(score), mixer.stable_seed("discover", v.moment.week_number), 0.1)
    picks = mixer.diversify(mixer.top(score, pool, limit * 4), v.lib, limit, max_share=0.1)
    return _row(
        v,
        "discover",
        "Discover",
        "Music in your library you have barely heard, close to your taste; new every week",
        picks,
        score,
    )


def rediscover_row(v: View, limit: int) -> Row | None:
    s = v.sig
    pool = v.music & (s.plays >= 3) & (s.satisfaction > 0.6) & (s.last_played < v.moment.ts - 60 * DAY)
    if pool.sum() < 5:
        return None
    score = s.plays * s.satisfaction + mixer.jitter(
        len(s.plays), mixer.stable_seed("re", v.moment.day_number), 0.5
    )
    picks = mixer.diversify(mixer.top(score, pool, limit * 3), v.lib, limit)
    leads = {i: f"loved, not played for {int((v.moment.ts - s.last_played[i]) // DAY)} days" for i in picks}
    return _row(v, "rediscover", "Rediscover", "Loved once, not played for a long time", picks, score, leads)


def on_repeat_row(v: View, limit: int) -> Row | None:
    s = v.sig
    pool = v.music & (s.plays_30d >= 2) & (s.satisfaction > 0.5)
    if pool.sum() < 3:
        return None
    score = s.plays_30d + s.satisfaction
    picks = mixer.diversify(mixer.top(score, pool, limit * 3), v.lib, limit)
    return _row(v, "on-repeat", "On repeat", "What you have played most in the last 30 days", picks, score)


def because_rows(v: View, limit: int, count: int = 3) -> list[Row]:
    """'Because you played X': items most like a recent favourite (one row per seed, distinct artists)."""
    s, lib = v.sig, v.lib
    recent = (s.last_played > v.moment.ts - 14 * DAY) & v.usable & (s.satisfaction > 0.55)
    rows: list[Row] = []
    used_artists: set[int] = set()
    for seed_i in mixer.top(s.pos * s.satisfaction, recent, 40):
        a = int(lib.artist_code[seed_i])
        if a in used_artists and a >= 0:
            continue
        row = because_row(v, int(seed_i), limit)
        if row:
            rows.append(row)
            used_artists.add(a)
        if len(rows) >= count:
            break
    return rows


def because_row(v: View, seed_i: int, limit: int) -> Row | None:
    lib = v.lib
    pool = (v.video if lib.is_video[seed_i] else v.music).copy()
    pool[seed_i] = False
    if pool.sum() < 5:
        return None
    score = v.similarity(v.emb[seed_i]) + 0.3 * v.base_rank(bool(lib.is_video[seed_i]))
    picks = mixer.diversify(mixer.top(score, pool, limit * 4), lib, limit)
    verb = "watched" if lib.is_video[seed_i] else "played"
    name = lib.title[seed_i] or lib.path[seed_i].rsplit("/", 1)[-1]
    by = f" by {lib.artist[seed_i]}" if lib.artist[seed_i] else ""
    return _row(
        v,
        f"because-{int(lib.ids[seed_i])}",
        f"Because you {verb} {name}",
        f"Close to {name}{by}",
        picks,
        score,
        dict.fromkeys(picks, f"because you {verb} {name}{by}"),
        kind="video" if lib.is_video[seed_i] else "music",
    )


def mood_rows(v: View, limit: int) -> list[Row]:
    scores = v.moods
    source = "their sound" if v.lib.features is not None else "genre, tempo and mood tags"
    rows = []
    base = v.base_rank(False)
    for name, fit in scores.items():
        pool = v.music & (fit >= FITS)
        if pool.sum() < MIN_MOOD_ITEMS:
            continue
        score = 0.6 * base + 0.4 * fit
        score += mixer.jitter(len(score), mixer.stable_seed("mood", name, v.moment.day_number), 0.05)
        picks = mixer.diversify(mixer.top(score, pool, limit * 4), v.lib, limit)
        leads = dict.fromkeys(picks, f"{TITLES[name].lower()} by {source}")
        row = _row(
            v,
            f"mood-{name}",
            TITLES[name],
            f"{TITLES[name]} music you like, chosen by {source}",
            picks,
            score,
            leads,
        )
        if row:
            rows.append(row)
    return rows


def new_row(v: View, limit: int, days: float = 30.0) -> Row | None:
    lib = v.lib
    pool = (
        v.usable
        & (lib.added_at <= v.moment.ts)
        & (lib.added_at > v.moment.ts - days * DAY)
        & (v.sig.plays == 0)
    )
    if pool.sum() < 1:
        return None
    picks = mixer.diversify(mixer.top(v.base_score, pool, limit * 3), lib, limit)
    leads = dict.fromkeys(picks, "added recently")
    kind = (
        "mixed"
        if lib.is_video[picks].any() and not lib.is_video[picks].all()
        else ("video" if lib.is_video[picks].all() else "music")
    )
    return _row(
        v,
        "new",
        "Recently added",
        "New in your library, best fits first",
        picks,
        v.base_score,
        leads,
        kind=kind,
    )
