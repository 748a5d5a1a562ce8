"""When listening looks functional, suggest keeping it out of the taste: one card, never automatic.

Two shapes are looked for in the last 30 days of the taste engine's log (what is kept out already is not in
it): the same short list looped at night (at most 15 tracks making 70% of the night plays, on 5 nights or
more), and a children's, sleep or white-noise cluster (tracks whose genres, tags or titles say so, played
10 times or more, in genres that hardly anything else the person plays shares). The suggestion names the
rule it would add: the playlist most of those plays came from, else the album, else the night's hours. A
suggestion the person dismissed is never made again (``db/keepout.py``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from companion.core.db import keepout as db
from companion.core.db import playlists as playlist_db
from companion.core.taste import eventlog as ev
from companion.core.taste.context import DAY
from companion.core.taste.eventlog import EventLog
from companion.core.taste.keepout import NIGHT, window_label
from companion.core.taste.library import Library

WINDOW_DAYS = 30
LOOP_MAX_TRACKS = 15
LOOP_SHARE = 0.7
LOOP_NIGHTS = 5
CLUSTER_PLAYS = 10
CLUSTER_ELSEWHERE = 0.1  # the cluster's genres may hold at most this share of the person's other plays
FUNCTIONAL_WORDS = (
    "children",
    "kids",
    "kinder",
    "lullaby",
    "lullabies",
    "nursery",
    "bedtime",
    "sleep",
    "white noise",
    "brown noise",
    "pink noise",
    "rain sounds",
    "nature sounds",
    "baby",
)


@dataclass(frozen=True)
class Suggestion:
    key: str  # what dismissing remembers
    kind: str  # the rule it would add: playlist | album | time
    value: str  # add_rule's value (playlist id, album name, time window)
    artist: str | None
    text: str  # the card's words

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "value": self.value,
            "artist": self.artist,
            "text": self.text,
        }


def suggest(conn: sqlite3.Connection, lib: Library, log: EventLog, now_ts: float) -> Suggestion | None:
    """The one suggestion to show now, or None."""
    n = log.before(now_ts)
    t = log.type[:n]
    recent = (
        ((t == ev.PLAY) | (t == ev.COMPLETED))
        & (log.item[:n] >= 0)
        & (log.ts[:n] >= now_ts - WINDOW_DAYS * DAY)
    )
    idx = np.flatnonzero(recent)
    if not len(idx):
        return None
    dismissed = db.dismissed(conn)  # (what a rule keeps out already is not in the log: no need to ask again)
    for found in (_night_loop(conn, lib, log, idx), _functional_cluster(conn, lib, log, idx)):
        if found is not None and found.key not in dismissed:
            return found
    return None


def _rule_for(
    conn: sqlite3.Connection, lib: Library, log: EventLog, events: np.ndarray, what: str
) -> Suggestion:
    """The narrowest rule that covers ``events``: their playlist, else their album, else the night."""
    contexts = Counter(log.context[int(i)] for i in events)
    ctx, count = contexts.most_common(1)[0]
    if ctx and ctx.startswith("playlist:") and count >= 0.6 * len(events):
        pid = int(ctx.split(":", 1)[1])
        found = playlist_db.get(conn, pid)
        name = found.name if found else f"playlist {pid}"
        return Suggestion(
            f"playlist:{pid}",
            "playlist",
            str(pid),
            None,
            f"{what}, mostly from “{name}”. Keep that playlist out of your taste?",
        )
    albums = Counter((lib.album[int(log.item[i])], lib.artist[int(log.item[i])]) for i in events)
    (album, artist), count = albums.most_common(1)[0]
    if album and count >= 0.6 * len(events):
        return Suggestion(
            f"album:{album}:{artist}",
            "album",
            album,
            artist,
            f"{what}, mostly “{album}”. Keep that album out of your taste?",
        )
    spec = {"days": list(range(7)), "start": NIGHT[0], "end": NIGHT[1], "months": []}
    label = window_label(spec)
    return Suggestion(f"time:{label}", "time", label, None, f"{what}. Keep {label} out of your taste?")


def _night_loop(conn: sqlite3.Connection, lib: Library, log: EventLog, idx: np.ndarray) -> Suggestion | None:
    hour = (log.local[idx] % DAY) / 3600.0
    night = idx[(hour >= NIGHT[0] / 60) | (hour < NIGHT[1] / 60)]
    if len(night) < LOOP_NIGHTS * 3:
        return None
    nights = ((log.local[night] - NIGHT[1] * 60.0) // DAY).astype(np.int64)  # a night ends at 06:00
    per_item: dict[int, set[int]] = {}
    for i, d in zip(log.item[night].tolist(), nights.tolist(), strict=True):
        per_item.setdefault(i, set()).add(d)
    looped = {i for i, days in per_item.items() if len(days) >= LOOP_NIGHTS}
    if not looped or len(looped) > LOOP_MAX_TRACKS:
        return None
    in_loop = np.isin(log.item[night], list(looped))
    if in_loop.mean() < LOOP_SHARE:
        return None
    days = len(set(nights[in_loop].tolist()))
    what = f"The same {len(looped)} tracks played on {days} of the last {WINDOW_DAYS} nights"
    return _rule_for(conn, lib, log, night[in_loop], what)


def _functional_cluster(
    conn: sqlite3.Connection, lib: Library, log: EventLog, idx: np.ndarray
) -> Suggestion | None:
    items = log.item[idx]
    candidates = np.unique(items)
    functional = [
        int(i)
        for i in candidates
        if any(
            w in " ".join([*lib.genres[i], *lib.tags[i], (lib.title[i] or "").lower()])
            for w in FUNCTIONAL_WORDS
        )
    ]
    if not functional:
        return None
    hit = np.isin(items, functional)
    if hit.sum() < CLUSTER_PLAYS:
        return None
    genres = {lib.genre_code[i] for i in functional}
    others = items[~hit]
    if len(others) and np.isin(lib.genre_code[others], list(genres)).mean() > CLUSTER_ELSEWHERE:
        return None  # the person's own listening resembles it: not for us to call it functional
    what = f"{int(hit.sum())} plays of children's, sleep or noise tracks that nothing else you play resembles"
    return _rule_for(conn, lib, log, idx[hit], what)


__all__ = ["Suggestion", "suggest"]
