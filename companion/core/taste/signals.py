"""Per-item taste signals from the events before a moment: pure numpy, fast enough for every look.

Two quantities per item, both smoothed with Bayesian (Dirichlet / Beta) priors up a
genre -> artist -> item hierarchy so that a single play or skip moves an item's
artist and genre a little, and an unplayed item inherits what is known about them:

- *presence*: how likely the person is to pick this item (share of their recency-
  weighted listening), overall and at this hour and weekday (context-weighted);
- *satisfaction*: plays versus position-weighted skips, ratings and likes.

The score used for ranking is ``log presence + GAMMA * logit(satisfaction)``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from companion.core.db import ratings as rating_db
from companion.core.taste import eventlog as ev
from companion.core.taste.context import Moment, kernel_parts
from companion.core.taste.library import Library
from companion.core.taste.soundctx import sound_lift

DAY = 86400.0
GAMMA = 1.5  # weight of satisfaction against presence
STAR_WEIGHT = 2.0  # pseudo-plays per star away from 2.5 (a rating outweighs a completion)
LIKE_WEIGHT = 3.0
TAG_STAR_WEIGHT = 0.6  # ratings read from file tags: weaker than ratings given in the app
TAG_PLAYS_WEIGHT = 0.3
SKIP_TAKES_BACK = 0.8  # in presence, an early skip takes back most of a play
DAY_TYPE_EVIDENCE = 1.0  # (decayed) plays on this kind of day near this hour before they take over
RECENT_DAYS = 7.0  # how far back "lately" reaches for a genre the person has turned away from
TURN_AWAY_LAST = 6  # a genre's last events near this hour that are looked at ...
TURN_AWAY_SKIPS = 3  # ... and how many of them must be early skips (and twice its plays)
GENRE_PRIOR = 3.0  # pseudo-plays pulling a genre's satisfaction toward the person's mean


@dataclass
class Params:
    """What walk-forward validation tunes per person (see tuning.py)."""

    half_life_days: float = 120.0
    context_weight: float = 0.6
    discovery_share: float = 0.2
    hour_width: float = 2.5  # how sharp "this time of day" is, in hours
    sound_weight: float = 0.5  # how much the sound of this moment (tempo, energy) counts


@dataclass
class Signals:
    moment: Moment
    n_events: int
    pos: np.ndarray  # recency-weighted positive evidence (+ ratings, tags)
    neg: np.ndarray
    pos_ctx: np.ndarray  # the same, context-weighted for this moment
    neg_ctx: np.ndarray
    plays: np.ndarray  # undecayed count of plays/completions
    completions: np.ndarray  # undecayed count of completions (played through)
    skips: np.ndarray
    plays_30d: np.ndarray
    last_played: np.ndarray  # ts, -inf if never
    stars: np.ndarray  # latest rating before the moment, nan if none
    liked: np.ndarray  # 1 like, -1 dislike, 0 neither
    satisfaction: np.ndarray  # 0..1, overall
    satisfaction_ctx: np.ndarray  # 0..1, at this moment (backs off to the overall one)
    log_presence: np.ndarray
    log_presence_ctx: np.ndarray
    has_history: bool
    genre_group: np.ndarray  # per item: its primary genre's group number
    genre_pos: np.ndarray  # per group: positive evidence overall ...
    genre_pos_ctx: np.ndarray  # ... and at this moment
    genre_turned_away: np.ndarray  # per group: lately skipped early at this time of day far more than played
    sound_lift: np.ndarray  # per item: how much more this moment's listening sounds like it (soundctx)
    sound_weight: float = 0.5

    def genre_share(self, context_weight: float) -> np.ndarray:
        """Per genre group: its share of the person's listening, blended between overall and this moment."""
        g = self.genre_pos / max(1e-9, self.genre_pos.sum())
        c = self.genre_pos_ctx / max(1e-9, self.genre_pos_ctx.sum())
        return (1 - context_weight) * g + context_weight * c

    def score(self, context_weight: float) -> np.ndarray:
        """Ranking score blending overall and this-moment presence."""
        pres = np.logaddexp(
            np.log(max(1e-9, 1 - context_weight)) + self.log_presence,
            np.log(max(1e-9, context_weight)) + self.log_presence_ctx,
        )
        m = np.clip(
            (1 - context_weight) * self.satisfaction + context_weight * self.satisfaction_ctx, 0.02, 0.98
        )
        return pres + GAMMA * np.log(m / (1 - m)) + context_weight * self.sound_weight * self.sound_lift

    @property
    def allowed(self) -> np.ndarray:
        return self.liked >= 0

    @cached_property
    def familiarity(self) -> np.ndarray:
        """Plays and skips: 0 means never heard (read for every mix: computed once)."""
        return self.plays + self.skips


def rating_state(
    conn: sqlite3.Connection | None, lib: Library, log: ev.EventLog, n: int, at_ts: float
) -> tuple[np.ndarray, np.ndarray]:
    """(stars, liked) per item as of ``at_ts``: rating events replayed, then the ratings table fills gaps."""
    stars = np.full(len(lib), np.nan)
    liked = np.zeros(len(lib), np.int8)
    touched = np.zeros(len(lib), bool)
    types = log.type[:n]
    for i in np.flatnonzero((types >= ev.RATING) & (types <= ev.UNLIKE)):
        item, t = log.item[i], types[i]
        if item < 0:
            continue
        touched[item] = True
        if t == ev.RATING:
            stars[item] = log.value[i]
        elif t == ev.LIKE:
            liked[item] = 1
        elif t == ev.DISLIKE:
            liked[item] = -1
        else:
            liked[item] = 0
    if conn is not None:
        rows = rating_db.before(conn, at_ts)
        if rows:
            idx = lib.index_of([r.item_id for r in rows])
            for pos, r in zip(idx, rows, strict=True):
                if pos >= 0 and not touched[pos]:
                    stars[pos] = np.nan if r.stars is None else r.stars
                    liked[pos] = r.liked
    return stars, liked


def compute(
    lib: Library,
    log: ev.EventLog,
    m: Moment,
    params: Params,
    stars: np.ndarray,
    liked: np.ndarray,
    exploration: float = 0.3,
    n: int | None = None,
    decay_ts: float | None = None,
) -> Signals:
    """All signals from the first ``n`` events (default: those before the moment).

    Recency decays from ``decay_ts`` (default the moment); the home passes the time of the last event so
    that, with nothing new played, the scores do not drift from one look to the next. Long on purpose: one
    pass of array arithmetic whose intermediate arrays feed several signals at once.
    """
    n = log.before(m.ts) if n is None else n
    size = len(lib)
    item = log.item[:n]
    valid = item >= 0
    item_v = item[valid]
    age = np.maximum(0.0, (m.ts if decay_ts is None else decay_ts) - log.ts[:n][valid])
    decay = np.exp2(-age / (params.half_life_days * DAY))
    pos_w, neg_w = log.pos[:n][valid] * decay, log.neg[:n][valid] * decay
    pos = np.bincount(item_v, pos_w, size).astype(float)
    neg = np.bincount(item_v, neg_w, size).astype(float)
    named = _named_evidence(lib, log, m, params, decay_ts)
    if named is not None:
        pos += named[0]
        neg += named[1]
    pos_ctx, neg_ctx = _context_evidence(
        item_v, pos_w, neg_w, log.local[:n][valid], m, size, params.hour_width, named
    )
    types = log.type[:n][valid]
    is_play = (types == ev.PLAY) | (types == ev.COMPLETED)
    plays = np.bincount(item_v[is_play], minlength=size).astype(float)
    skips = np.bincount(item_v[types == ev.SKIP], minlength=size).astype(float)
    completions = np.bincount(item_v[types == ev.COMPLETED], minlength=size).astype(float)
    recent = is_play & (log.ts[:n][valid] > m.ts - 30 * DAY)
    plays_30d = np.bincount(item_v[recent], minlength=size).astype(float)
    last = np.full(size, -np.inf)
    np.maximum.at(last, item_v[is_play], log.ts[:n][valid][is_play])
    has_history = bool(is_play.any()) or named is not None
    # explicit ratings and likes, then tag evidence (weaker): pseudo-plays that do not decay
    rated = ~np.isnan(stars)
    extra_pos = np.where(rated, np.maximum(0, np.nan_to_num(stars) - 2.5) * STAR_WEIGHT, 0.0)
    extra_neg = np.where(rated, np.maximum(0, 2.5 - np.nan_to_num(stars)) * STAR_WEIGHT, 0.0)
    extra_pos += (liked > 0) * LIKE_WEIGHT
    extra_neg += (liked < 0) * 2 * LIKE_WEIGHT
    tr = np.where(rated, np.nan, lib.tag_rating)
    extra_pos += np.where(np.isnan(tr), 0, np.maximum(0, np.nan_to_num(tr) - 2.5) * TAG_STAR_WEIGHT)
    extra_neg += np.where(np.isnan(tr), 0, np.maximum(0, 2.5 - np.nan_to_num(tr)) * TAG_STAR_WEIGHT)
    # presence is about what the person picks (their plays, and play counts from file tags); ratings and likes
    # say how much they like it, so they go into satisfaction only: a 5-star evening track stays an evening one
    tag_plays = TAG_PLAYS_WEIGHT * np.log1p(lib.tag_play_count)
    ratio = _context_ratio(lib, pos, pos_ctx) if has_history else np.ones(size)
    pres, pres_ctx = pos + tag_plays, pos_ctx + tag_plays * ratio
    flat = 0.5 + 2.0 * exploration
    log_pres = log_presence(lib, pres, neg, flat)
    log_pres_ctx = log_presence(lib, pres_ctx, neg_ctx, flat)
    gg = lib.genre_groups
    genre_pos, genre_pos_ctx = _net(gg[0], pres, neg, gg[1]), _net(gg[0], pres_ctx, neg_ctx, gg[1])
    # a rating says how much, not when: at this moment it counts as much as the item (or its genre) belongs here
    pos_ctx = pres_ctx + extra_pos * ratio
    neg_ctx = neg_ctx + extra_neg * ratio
    pos = pres + extra_pos
    neg = neg + extra_neg
    sat = satisfaction(lib, pos, neg)
    sat_ctx = (pos_ctx + 2.0 * sat) / (pos_ctx + neg_ctx + 2.0)
    return Signals(
        moment=m,
        n_events=n,
        pos=pos,
        neg=neg,
        pos_ctx=pos_ctx,
        neg_ctx=neg_ctx,
        plays=plays,
        completions=completions,
        skips=skips,
        plays_30d=plays_30d,
        last_played=last,
        stars=stars,
        liked=liked,
        satisfaction=sat,
        satisfaction_ctx=sat_ctx,
        log_presence=log_pres,
        log_presence_ctx=log_pres_ctx,
        has_history=has_history,
        genre_group=gg[0],
        genre_pos=genre_pos,
        genre_pos_ctx=genre_pos_ctx,
        genre_turned_away=_turned_away(lib, log, n, m, params),
        sound_lift=sound_lift(lib, pres, pres_ctx) if has_history else np.zeros(size),
        sound_weight=params.sound_weight,
    )


def _context_evidence(
    item: np.ndarray,
    pos_w: np.ndarray,
    neg_w: np.ndarray,
    local: np.ndarray,
    m: Moment,
    size: int,
    width: float,
    named: tuple[np.ndarray, ...] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Evidence for this moment: same-day-type events, backing off to the other day type while few.

    ``named`` adds the plays known only by artist or album (same/other day type, positive/negative)."""
    same, other = kernel_parts(local, m, width)
    ps, ns = np.bincount(item, pos_w * same, size), np.bincount(item, neg_w * same, size)
    po, no = np.bincount(item, pos_w * other, size), np.bincount(item, neg_w * other, size)
    if named is not None:
        ps, ns, po, no = ps + named[2], ns + named[3], po + named[4], no + named[5]
    s_same, s_other = float(ps.sum()), float(po.sum())
    if s_same <= 0 or s_other <= 0:
        return (ps + po).astype(float), (ns + no).astype(float)
    trust = s_same / (s_same + DAY_TYPE_EVIDENCE)
    total = s_same + s_other
    scale_s, scale_o = total * trust / s_same, total * (1 - trust) / s_other
    return ps * scale_s + po * scale_o, ns * scale_s + no * scale_o


def _named_evidence(
    lib: Library, log: ev.EventLog, m: Moment, params: Params, decay_ts: float | None
) -> tuple[np.ndarray, ...] | None:
    """Per item, from the plays known only by artist or album before the moment (named.py): positive and
    negative evidence overall, then at this moment on the same and the other kind of day (positive,
    negative each); None when there are none."""
    named = log.named
    k = named.before(m.ts) if named is not None else 0
    if named is None or k == 0:
        return None
    age = np.maximum(0.0, (m.ts if decay_ts is None else decay_ts) - named.ts[:k])
    decay = np.exp2(-age / (params.half_life_days * DAY))
    pos_w, neg_w = named.pos[:k] * decay, named.neg[:k] * decay
    same, other = named.near(k, m, params.hour_width)
    skips = bool(named.neg[:k].any())  # a Last.fm export has none: half the work saved
    nothing = np.zeros(len(lib))
    return tuple(
        named.spread(lib, k, w) if w is not None else nothing
        for w in (
            pos_w,
            neg_w if skips else None,
            pos_w * same,
            neg_w * same if skips else None,
            pos_w * other,
            neg_w * other if skips else None,
        )
    )


def latest_evidence(log: ev.EventLog, n: int, at_ts: float) -> float:
    """Just after the newest evidence before ``at_ts`` (an event, or a play known by name), else ``at_ts``:
    where the home's recency decay starts, so that with nothing new the scores do not drift."""
    last = float(log.ts[n - 1]) if n else -np.inf
    named = log.named
    k = named.before(at_ts) if named is not None else 0
    if k and named is not None:
        last = max(last, float(named.ts[k - 1]))
    return last + 1.0 if np.isfinite(last) else at_ts


def _turned_away(lib: Library, log: ev.EventLog, n: int, m: Moment, params: Params) -> np.ndarray:
    """Genres the person has turned away from at this time of day (tastes drift).

    For each genre, its last ``TURN_AWAY_LAST`` events near this hour on this kind of day (in the last
    ``RECENT_DAYS``): mostly early skips means "not now any more", however many plays came before.
    It holds until the person plays that genre at this hour again.
    """
    g, ng = lib.genre_groups
    out = np.zeros(ng, bool)
    start = log.before(m.ts - RECENT_DAYS * DAY)
    idx = np.arange(start, n)
    idx = idx[log.item[idx] >= 0]
    if not len(idx):
        return out
    same, _ = kernel_parts(log.local[idx], m, params.hour_width)
    idx = idx[same >= 0.5]  # near this hour on the same kind of day (weekday / weekend)
    early = (log.type[idx] == ev.SKIP) & (
        log.neg[idx] >= 0.99 * np.where(log.imported[idx], ev.IMPORT_WEIGHT, 1.0)
    )
    played = log.pos[idx] > 0
    groups = g[log.item[idx]]
    skips = np.zeros(ng)
    plays = np.zeros(ng)
    seen = np.zeros(ng, np.int64)
    for j in range(len(idx) - 1, -1, -1):  # newest first
        gi = groups[j]
        if seen[gi] >= TURN_AWAY_LAST:
            continue
        seen[gi] += 1
        skips[gi] += early[j]
        plays[gi] += played[j]
    out[:] = (skips >= TURN_AWAY_SKIPS) & (skips >= 2 * plays)
    return out


def _context_ratio(lib: Library, pos: np.ndarray, pos_ctx: np.ndarray) -> np.ndarray:
    """How much of each item's listening (else its genre's, else all) happens at this moment, 0..1."""
    g, ng = lib.genre_groups
    pg, pgc = np.bincount(g, pos, ng), np.bincount(g, pos_ctx, ng)
    overall = float(pos_ctx.sum() / max(1e-9, pos.sum()))
    genre_ratio = np.where(pg > 0, pgc / np.where(pg > 0, pg, 1), overall)
    ratio = np.where(pos > 0, pos_ctx / np.where(pos > 0, pos, 1), genre_ratio[g])
    return np.clip(ratio, 0.0, 1.0)


def satisfaction(lib: Library, pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """Beta-smoothed share of positive evidence: genre backs off to the person's overall mean, artist to
    genre, item to artist. The genre prior is worth ``GENRE_PRIOR`` plays, so a handful of well-liked
    items in a rare genre does not outrank hundreds in a main one."""
    g, ng = lib.genre_groups
    pg, ngg = np.bincount(g, pos, ng), np.bincount(g, neg, ng)
    m0 = (pos.sum() + 1.0) / (pos.sum() + neg.sum() + 2.0)
    m_g = (pg + GENRE_PRIOR * m0) / (pg + ngg + GENRE_PRIOR)
    a, na, genre_of_a = lib.artist_groups
    pa, nna = np.bincount(a, pos, na), np.bincount(a, neg, na)
    m_a = (pa + 2.0 * m_g[genre_of_a]) / (pa + nna + 2.0)
    return (pos + 1.5 * m_a[a]) / (pos + neg + 1.5)


def _net(groups: np.ndarray, pos: np.ndarray, neg: np.ndarray, size: int) -> np.ndarray:
    """Per group: positive evidence minus most of the negative (early skips take back plays), >= 0."""
    return np.maximum(0.0, np.bincount(groups, pos, size) - SKIP_TAKES_BACK * np.bincount(groups, neg, size))


def log_presence(lib: Library, pos: np.ndarray, neg: np.ndarray, flat: float) -> np.ndarray:
    """log P(item) = log P(genre) + log P(artist | genre) + log P(item | artist), Dirichlet-smoothed.

    Evidence at each level is net of skips, so a genre that is played and then skipped early fades.
    """
    if not len(lib):
        return np.zeros(0)
    g, ng = lib.genre_groups
    a, na, genre_of_a = lib.artist_groups
    pg = _net(g, pos, neg, ng)
    pa = _net(a, pos, neg, na)
    pi = np.maximum(0.0, pos - SKIP_TAKES_BACK * neg)
    artists_in_g = np.bincount(genre_of_a, minlength=ng).astype(float)
    items_in_a = np.bincount(a, minlength=na).astype(float)
    total = pg.sum()
    a_g, a_a, a_i = 2.0 * flat, 1.0 * flat, 0.5 * flat
    p_g = (pg + a_g / ng) / (total + a_g)
    p_a = (pa + a_a / artists_in_g[genre_of_a]) / (pg[genre_of_a] + a_a)
    p_i = (pi + a_i / items_in_a[a]) / (pa[a] + a_i)
    return np.log(p_g[g]) + np.log(p_a[a]) + np.log(p_i)
