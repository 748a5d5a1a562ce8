"""``discover``: music in the library the person has barely heard, close to their taste; new every week.

Before there is any history it is a sampler of the library, kept apart from the moment's (also a sampler
then) so that the two rows do not look alike.
"""

from __future__ import annotations

from companion.core.taste import mixer
from companion.core.taste import signals as sg
from companion.core.taste.context import Moment
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.homerows._mix import sampler
from companion.core.taste.view import View


def _week_signals(v: View) -> sg.Signals:
    """The taste as of this week's start (cached for the week), so the row holds still all week."""
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
    return s


def build(v: View, limit: int, built: Built) -> list[Draft]:
    if not v.sig.has_history:  # two samplers would look alike: this one keeps apart from the moment's
        picks, score = sampler(v, limit, "discover", built.overlaps(ROW.after))
        title, reason = "A sampler of your library", "One track from each corner of your library"
        return (
            [Draft("discover", title, reason, picks, score)]
            if len(picks) >= min(ROW.min_items, limit)
            else []
        )
    s = _week_signals(v)
    pool = v.music & (v.sig.plays <= 1) & (v.sig.skips == 0)
    if pool.sum() < 5:
        return []
    score = 0.5 * v.rank_norm(s.score(0.0), pool) + 0.5 * v.rank_norm(
        v.similarity(v.taste_vector_of(s)), pool
    )
    score += mixer.jitter(len(score), mixer.stable_seed("discover", v.moment.week_number), 0.1)
    picks = mixer.diversify(mixer.top(score, pool, limit * 4), v.lib, limit, max_share=0.1)
    if len(picks) < min(ROW.min_items, limit):
        return []
    reason = "Music in your library you have barely heard, close to your taste; new every week"
    return [Draft("discover", "Discover", reason, picks, score)]


ROW = HomeRow(
    id="discover",
    order=40,
    title="{Discover, or A sampler of your library}",
    build=build,
    after={"now": 0.4},
)
