"""``because-<item id>``: "Because you played X", items most like a recent favourite.

At most three rows, each from a different artist (or show) and with its own title; never seeded by
something whose last playback was an early skip, nor by something disliked, spoken word or a suspect file.
Rows share at most 20% of their items with each other and 40% with the moment's row and each Daily Mix.
"""

from __future__ import annotations

import numpy as np

from companion.core.library.recordings import fold as fold_title
from companion.core.taste import eventlog as ev
from companion.core.taste import mixer
from companion.core.taste.homerows import Built, Draft, HomeRow
from companion.core.taste.view import View

DAY = 86400.0
COUNT = 3
SIBLING_SHARE = 0.2
CLOSE = 0.3  # how close to the seed a pick must be (View.neighbourhood)


def last_was_early_skip(v: View) -> np.ndarray:
    """Per entry: its last playback (play, completion or skip) before the moment was an early skip."""
    log, n = v.log, v.sig.n_events
    t = log.type[:n]
    idx = np.flatnonzero(((t == ev.PLAY) | (t == ev.COMPLETED) | (t == ev.SKIP)) & (log.item[:n] >= 0))
    out = np.zeros(len(v.lib), bool)
    if not len(idx):
        return out
    items = log.item[idx]
    last = np.full(len(v.lib), -1, np.int64)
    np.maximum.at(last, items, idx)  # the log is in time order: the largest index is the latest
    had = np.flatnonzero(last >= 0)
    e = last[had]
    trust = np.where(log.imported[e], ev.IMPORT_WEIGHT, 1.0)
    out[had] = (t[e] == ev.SKIP) & (log.neg[e] >= 0.99 * trust)
    return out


def seeds(v: View) -> list[int]:
    """Recent favourites that may seed a row, best first, one per artist or show and per title."""
    s, lib = v.sig, v.lib
    ok = v.usable & ~lib.spoken & ~last_was_early_skip(v)
    recent = (s.last_played > v.moment.ts - 14 * DAY) & ok & (s.satisfaction > 0.55)
    out: list[int] = []
    who: set[object] = set()
    titles: set[str] = set()
    for i in mixer.top(s.pos * s.satisfaction, recent, 40).tolist():
        a = int(lib.artist_code[i])
        key: object = a if a >= 0 else ("title", fold_title(lib.title[i] or lib.path[i]))
        title = fold_title(lib.title[i] or lib.path[i].rsplit("/", 1)[-1])
        if key in who or title in titles:
            continue
        who.add(key)
        titles.add(title)
        out.append(i)
    return out


def because_row(v: View, seed_i: int, limit: int, built: Built, siblings: list[Draft]) -> Draft | None:
    lib = v.lib
    pool = (v.video if lib.is_video[seed_i] else v.music).copy()
    pool[seed_i] = False
    if pool.sum() < 5:
        return None
    sims = v.similarity(v.emb[seed_i])
    video = bool(lib.is_video[seed_i])
    pool &= v.neighbourhood(
        sims, ("seed", seed_i), video, CLOSE
    )  # close to it: never padded with the unrelated
    score = sims + 0.3 * v.base_rank(bool(lib.is_video[seed_i]))
    overlaps = built.overlaps(ROW.after) + [
        mixer.Overlap(frozenset(d.picks), SIBLING_SHARE, len(d.picks)) for d in siblings
    ]
    picks = mixer.diversify(mixer.top(score, pool, limit * 4), lib, limit, overlaps=overlaps)
    if len(picks) < min(ROW.min_items, limit):
        return None
    verb = "watched" if lib.is_video[seed_i] else "played"
    name = lib.title[seed_i] or lib.path[seed_i].rsplit("/", 1)[-1]
    by = f" by {lib.artist[seed_i]}" if lib.artist[seed_i] else ""
    return Draft(
        f"because-{int(lib.ids[seed_i])}",
        f"Because you {verb} {name}",
        f"Close to {name}{by}",
        picks,
        score,
        dict.fromkeys(picks, f"because you {verb} {name}{by}"),
        kind="video" if lib.is_video[seed_i] else "music",
    )


def build(v: View, limit: int, built: Built) -> list[Draft]:
    rows: list[Draft] = []
    for seed_i in seeds(v):
        row = because_row(v, seed_i, limit, built, rows)
        if row:
            rows.append(row)
        if len(rows) >= COUNT:
            break
    return rows


def find(v: View, limit: int, built: Built, row_id: str) -> Draft | None:
    """Any item's row by id (a row opened from an older home may no longer be among the three)."""
    rest = row_id[len(ROW.id) :]
    if not rest.isdigit():
        return None
    idx = int(v.lib.index_of([int(rest)])[0])
    if idx < 0 or not v.usable[idx]:
        return None
    return because_row(v, idx, limit, built, [])


ROW = HomeRow(
    id="because-",
    order=30,
    title="Because you {played or watched} {title}",
    build=build,
    find=find,
    after={"now": 0.4, "daily-": 0.4},
    kind="mixed",
)
