"""``replay``: last month's most played (in the first week of a month), last year's (in the first two weeks of
a year): the Replay mix on the home. Read from the taste engine's log, so kept-out listening is not in it."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste import mixer
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.view import View


def period(local: float) -> tuple[float, float, str] | None:
    """(start, end) in local seconds and the title's period, or None outside the weeks the row is shown."""
    d = datetime.fromtimestamp(local, UTC)
    if d.month == 1 and d.day <= 14:
        start, end = datetime(d.year - 1, 1, 1, tzinfo=UTC), datetime(d.year, 1, 1, tzinfo=UTC)
        return start.timestamp(), end.timestamp(), str(d.year - 1)
    if d.day <= 7:
        end = datetime(d.year, d.month, 1, tzinfo=UTC)
        start = datetime(d.year - (d.month == 1), (d.month - 2) % 12 + 1, 1, tzinfo=UTC)
        return start.timestamp(), end.timestamp(), start.strftime("%B")
    return None


def build(v: View, limit: int, built: Built) -> list[Draft]:
    got = period(v.moment.local)
    if got is None:
        return []
    start, end, name = got
    log, n = v.log, v.sig.n_events
    t = log.type[:n]
    keep = ((t == ev.PLAY) | (t == ev.COMPLETED)) & (log.item[:n] >= 0)
    keep &= (log.local[:n] >= start) & (log.local[:n] < end)
    plays = np.bincount(log.item[:n][keep], minlength=len(v.lib)).astype(float)
    pool = v.music & (plays > 0)
    if pool.sum() < min(ROW.min_items, limit):
        return []
    picks = mixer.top(plays, pool, limit)
    leads = {int(i): f"played {int(plays[i])} times in {name}" for i in picks}
    title = f"Your {name} Replay"
    return [Draft("replay", title, f"What you played most in {name}", [int(i) for i in picks], plays, leads)]


ROW = HomeRow(id="replay", order=55, title="Your {period} Replay", build=build)
