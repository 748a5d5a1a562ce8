"""``new``: added in the last 30 days (before the moment), not played yet, by predicted taste.

Spoken word and suspect files wait for their own places (an audiobook's page, a first full play).
"""

from __future__ import annotations

from companion.core.taste import mixer
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.view import View

DAY = 86400.0
DAYS = 30.0


def build(v: View, limit: int, built: Built) -> list[Draft]:
    lib = v.lib
    pool = (
        v.usable
        & ~lib.spoken
        & (lib.added_at <= v.moment.ts)
        & (lib.added_at > v.moment.ts - DAYS * DAY)
        & (v.sig.plays == 0)
    )
    if pool.sum() < 1:
        return []
    picks = mixer.diversify(mixer.top(v.base_score, pool, limit * 3), lib, limit)
    video = lib.is_video[picks]
    kind = "mixed" if video.any() and not video.all() else ("video" if video.all() else "music")
    leads = dict.fromkeys(picks, "added recently")
    reason = "New in your library, best fits first"
    return [Draft("new", "Recently added", reason, picks, v.base_score, leads, kind=kind)]


ROW = HomeRow(id="new", order=80, title="Recently added", build=build, min_items=1, kind="mixed")
