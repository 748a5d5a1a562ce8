"""``mood-<name>``: chill, energetic, focus, happy, melancholic, party; items whose mood fit is >= FITS.

A mood row needs MIN_MOOD_ITEMS such tracks; mood rows share at most half their items with each other.
"""

from __future__ import annotations

from companion.core.taste import mixer
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.moods import FITS, MOODS, TITLES
from companion.core.taste.view import View

MIN_MOOD_ITEMS = 12
SIBLING_SHARE = 0.5


def build(v: View, limit: int, built: Built) -> list[Draft]:
    source = "their sound" if v.lib.features is not None else "genre, tempo and mood tags"
    base = v.base_rank(False)
    rows: list[Draft] = []
    for name, fit in v.moods.items():
        pool = v.music & (fit >= FITS)
        if pool.sum() < MIN_MOOD_ITEMS:
            continue
        score = 0.6 * base + 0.4 * fit
        score += mixer.jitter(len(score), mixer.stable_seed("mood", name, v.moment.day_number), 0.05)
        overlaps = [mixer.Overlap(frozenset(d.picks), SIBLING_SHARE, len(d.picks)) for d in rows]
        picks = mixer.diversify(mixer.top(score, pool, limit * 4), v.lib, limit, overlaps=overlaps)
        if len(picks) < min(ROW.min_items, limit):
            continue
        leads = dict.fromkeys(picks, f"{TITLES[name].lower()} by {source}")
        reason = f"{TITLES[name]} music you like, chosen by {source}"
        rows.append(Draft(f"mood-{name}", TITLES[name], reason, picks, score, leads))
    return rows


def find(v: View, limit: int, built: Built, row_id: str) -> Draft | None:
    return next((d for d in build(v, limit, built) if d.id == row_id), None) if row_id[5:] in MOODS else None


ROW = HomeRow(
    id="mood-",
    order=100,
    title="{Chill, Energy, Focus, Happy, Melancholy or Party}",
    build=build,
    find=find,
    quick_mix=2,
)
