"""``now``: the moment's row, up to 50 tracks for this day-part and weekday, titled daylist style."""

from __future__ import annotations

import numpy as np

from companion.core.taste import mixer, rows_albums
from companion.core.taste.context import context_phrase, moment_title
from companion.core.taste.daylist import daylist_title
from companion.core.taste.homerows import MIN_MIX, Built, Draft, HomeRow
from companion.core.taste.homerows._mix import blend_new, sampler
from companion.core.taste.view import View


def fits_the_moment(v: View, limit: int, mass: float = 0.8) -> np.ndarray:
    """Music of the genres that make up most (``mass``) of what the person plays at this moment, never what
    they skip early at this moment ("not now").

    Morning music is not Friday-night music: the mix for now draws from these genres only (the next ones
    join only while fewer than MIN_MIX tracks are found), and never from "not now": a shorter row is better
    than one padded with what this moment does not hold.
    """
    # when validation says context matters for this person, the moment's own evidence decides as soon as
    # there is some of it (a few weekend mornings are enough to stop serving them the weekday mix)
    cw = v.params.context_weight
    if cw > 0:
        evidence = float(v.sig.genre_pos_ctx.sum())
        cw = max(cw, evidence / (evidence + 3.0))
    share = v.sig.genre_share(cw)
    turned_away = v.sig.genre_turned_away | v.not_now.genres  # not at this moment, whatever came before
    if turned_away.any():
        left = np.where(turned_away, 0.0, v.sig.genre_pos_ctx)
        # what is left of this moment's own evidence (the new habit) decides, else the blend without them
        share = left if cw > 0 and left.sum() >= 2.0 else np.where(turned_away, 0.0, share)
        share = share / max(1e-9, float(share.sum()))
    welcome = v.music & ~v.not_now.items & ~turned_away[v.sig.genre_group]
    counts = np.bincount(v.sig.genre_group[welcome], minlength=len(share))
    chosen = np.zeros(len(share), bool)
    total = 0.0
    for gi in np.argsort(-share, kind="stable"):
        # the genres of most of this moment's listening, and no more: never padded up to the mix's length
        if share[gi] <= 0 or (total >= mass and counts[chosen].sum() >= MIN_MIX):
            break
        chosen[gi] = True
        total += share[gi]
    pool = welcome & chosen[v.sig.genre_group]
    return pool if pool.sum() >= MIN_MIX else welcome


def build(v: View, limit: int, built: Built) -> list[Draft]:
    m = v.moment
    if not v.music.any():
        return []
    if not v.sig.has_history:
        picks, score = sampler(v, limit, "now")
        reason = (
            "A start from your library: rated and much-played tracks, new additions and a varied sampler. "
            "It learns from what you play."
        )
        return [Draft("now", moment_title(m), reason, picks, score)]
    seed = mixer.stable_seed("now", m.day_number, round(v.sig.moment.hour * 4), v.last_event_id)  # per block
    pool = fits_the_moment(v, limit)
    picks = blend_new(v, v.now_score, pool, limit, seed)
    fresh = v.sig.familiarity[picks] == 0
    leads = {i: "new to you, fits your " + context_phrase(m) for i, f in zip(picks, fresh, strict=True) if f}
    reason = f"What you like on {context_phrase(m)}, with a few new finds"
    title = daylist_title(v, picks)
    albums = rows_albums.lean_on_albums(v, picks, pool, limit)
    if albums is not None:  # an album listener: whole albums first (the title stays the moment's)
        picks, album_leads = albums
        leads = {**leads, **album_leads}
        reason += ", and the albums you play through"
    return [Draft("now", title, reason, picks, v.now_score, leads)]


ROW = HomeRow(
    id="now",
    order=0,
    title="{weekday} {day part}[: {what sets the moment apart}]",
    build=build,
    home_limit=50,
    quick_mix=0,
)
