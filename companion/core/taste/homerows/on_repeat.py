"""``on-repeat``: what the person has played most in the last 30 days."""

from __future__ import annotations

from companion.core.taste import mixer
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.view import View


def build(v: View, limit: int, built: Built) -> list[Draft]:
    s = v.sig
    pool = v.music & (s.plays_30d >= 2) & (s.satisfaction > 0.5)
    if pool.sum() < min(ROW.min_items, limit):
        return []
    score = s.plays_30d + s.satisfaction
    picks = mixer.diversify(mixer.top(score, pool, limit * 3), v.lib, limit)
    if len(picks) < min(ROW.min_items, limit):
        return []
    return [Draft("on-repeat", "On repeat", "What you have played most in the last 30 days", picks, score)]


ROW = HomeRow(id="on-repeat", order=50, title="On repeat", build=build)
