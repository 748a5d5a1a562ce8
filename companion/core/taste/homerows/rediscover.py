"""``rediscover``: loved once (>= 3 plays, satisfaction > 0.6), not played for 60 days."""

from __future__ import annotations

from companion.core.taste import mixer
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.view import View

DAY = 86400.0


def build(v: View, limit: int, built: Built) -> list[Draft]:
    s = v.sig
    pool = v.music & (s.plays >= 3) & (s.satisfaction > 0.6) & (s.last_played < v.moment.ts - 60 * DAY)
    if pool.sum() < min(ROW.min_items, limit):
        return []
    score = s.plays * s.satisfaction + mixer.jitter(
        len(s.plays), mixer.stable_seed("re", v.moment.day_number), 0.5
    )
    picks = mixer.diversify(mixer.top(score, pool, limit * 3), v.lib, limit)
    if len(picks) < min(ROW.min_items, limit):
        return []
    leads = {i: f"loved, not played for {int((v.moment.ts - s.last_played[i]) // DAY)} days" for i in picks}
    return [Draft("rediscover", "Rediscover", "Loved once, not played for a long time", picks, score, leads)]


ROW = HomeRow(id="rediscover", order=90, title="Rediscover", build=build)
