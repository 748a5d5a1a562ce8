"""Keep out of my taste: listening (a playlist's plays, a track, an album, a time window) that teaches the
taste engine nothing.

The rules live in ``db/keepout.py``. They are applied where the engine reads its history
(``eventlog.load_events``): a kept-out play, skip or resume keeps its place in the log but loses its item
(-1) and its weights, so presence, satisfaction, context, the embeddings, tuning, the album habit and On
repeat, which all read only events with an item, never see it. Ratings and likes are explicit and stay.
The events stay in the database: the history, Insights and Replay still show them. A change of the rules
reads the log again and refits the model (``state.loaded``, ``Model.usable_at``), so a rule applies to past
plays at once and removing it brings them back.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from companion.core.db import items as item_db
from companion.core.db import keepout as db
from companion.core.db import playlists as playlist_db
from companion.core.db.events import EventType
from companion.core.errors import UsageError
from companion.core.taste.ask_time import MONTHS
from companion.core.taste.context import DAY, WEEKDAYS
from companion.core.taste.library import load_library

if TYPE_CHECKING:
    from companion.core.taste.eventlog import EventLog
    from companion.core.taste.library import Library

LISTENING = tuple(t.code for t in (EventType.PLAY, EventType.COMPLETED, EventType.SKIP, EventType.RESUME))
NIGHT = (22 * 60, 6 * 60)


def playlist_context(playlist_id: int) -> str:
    """The ``events.context`` of a playback started from a playlist (the window records this)."""
    return f"playlist:{playlist_id}"


# --- time windows ------------------------------------------------------------------------------------------


def parse_window(text: str) -> tuple[dict[str, Any], str]:
    """ "Saturday 14:00-18:00", "every night 22:00-06:00 in March", "weekends", "weekdays 9-17" -> (spec, label).

    spec: ``days`` (Monday = 0), ``start`` and ``end`` in minutes of the day (end < start wraps midnight),
    ``months`` (1-12, empty: every month). A bad window raises UsageError saying what is expected."""
    t = " ".join(text.lower().replace("–", "-").split())
    days: set[int] = set()
    for k, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name.lower()}s?\b|\b{name.lower()[:3]}\b", t):
            days.add(k)
    if re.search(r"\bweekdays?\b", t):
        days.update(range(5))
    if re.search(r"\bweekends?\b", t):
        days.update((5, 6))
    months = sorted({k + 1 for k, m in enumerate(MONTHS) if re.search(rf"\b(?:{m}|{m[:3]})\b", t)})
    got = re.search(r"\b(\d{1,2})(?::(\d\d))?\s*-\s*(\d{1,2})(?::(\d\d))?\b", t)
    if got:
        h1, m1, h2, m2 = (int(x or 0) for x in got.groups())
        if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59:
            raise UsageError(f"a time window's hours run 00:00-24:00, not {got.group(0)!r}")
        start, end = (h1 * 60 + m1) % 1440, (h2 * 60 + m2) % 1440 or 1440
    elif re.search(r"\bnights?\b|\bnightly\b", t):
        start, end = NIGHT
    elif days or months or re.search(r"\bevery ?day\b|\bdaily\b", t):
        start, end = 0, 1440
    else:
        raise UsageError(
            f"not a time window: {text!r}; try 'Saturday 14:00-18:00' or 'every night 22:00-06:00 in March'"
        )
    spec = {"days": sorted(days) or list(range(7)), "start": start, "end": end, "months": months}
    return spec, window_label(spec)


def window_label(spec: dict[str, Any]) -> str:
    days = spec["days"]
    if len(days) == 7:
        when = "every night" if (spec["start"], spec["end"]) == NIGHT else "every day"
    elif days == [5, 6]:
        when = "weekends"
    elif days == [0, 1, 2, 3, 4]:
        when = "weekdays"
    else:
        when = ", ".join(WEEKDAYS[d] + "s" for d in days)
    hours = "" if (spec["start"], spec["end"]) == (0, 1440) else f" {_hm(spec['start'])}-{_hm(spec['end'])}"
    months = " in " + ", ".join(MONTHS[m - 1].title() for m in spec["months"]) if spec["months"] else ""
    return f"{when}{hours}{months}"


def _hm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def in_window(spec: dict[str, Any], local: np.ndarray) -> np.ndarray:
    """Which local clock times fall in the window (after midnight, a wrapping window belongs to the day
    it started: Saturday 22:00-02:00 holds Sunday 01:00)."""
    minute = (local % DAY) // 60
    weekday = ((local // DAY + 3) % 7).astype(np.int64)
    start, end = int(spec["start"]), int(spec["end"])
    if start < end:
        inside = (minute >= start) & (minute < end)
        day = weekday
    else:
        inside = (minute >= start) | (minute < end)
        day = np.where(minute < end, (weekday + 6) % 7, weekday)
    inside &= np.isin(day, spec["days"])
    if spec["months"]:
        month = (
            local.astype(np.int64).astype("datetime64[s]").astype("datetime64[M]").astype(np.int64) % 12 + 1
        )
        inside &= np.isin(month, spec["months"])
    return inside


# --- applying the rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compiled:
    rule: db.KeepOutRule
    positions: np.ndarray | None  # library entries it covers (track, album), else None


def compile_rules(rules: Sequence[db.KeepOutRule], lib: Library) -> list[Compiled]:
    out = []
    for r in rules:
        positions = None
        if r.kind == "track":
            positions = lib.index_of(np.asarray([int(r.spec["item_id"])], np.int64))
            positions = positions[positions >= 0]
        elif r.kind == "album":
            album, artist = r.spec["album"], r.spec.get("artist")
            positions = np.flatnonzero(
                [
                    lib.album[i] == album and (artist is None or lib.artist[i] == artist)
                    for i in range(len(lib))
                ]
            )
        out.append(Compiled(r, positions))
    return out


def rule_mask(c: Compiled, item: np.ndarray, context: Sequence[str | None], local: np.ndarray) -> np.ndarray:
    """Which events (by item position, context and local time) one rule keeps out."""
    kind = c.rule.kind
    if kind == "playlist":
        want = playlist_context(int(c.rule.spec["playlist_id"]))
        return np.fromiter((x == want for x in context), bool, len(context))
    if kind == "time":
        return in_window(c.rule.spec, local)
    if c.positions is not None:
        return np.isin(item, c.positions)
    return np.zeros(len(item), bool)


def rows_kept_out(
    rules: Sequence[db.KeepOutRule],
    item_ids: Sequence[int],
    albums: Sequence[str | None],
    artists: Sequence[str | None],
    contexts: Sequence[str | None],
    local: np.ndarray,
) -> np.ndarray:
    """The same rules over plain event rows (Replay's plays): which of them are kept out."""
    mask = np.zeros(len(item_ids), bool)
    for r in rules:
        if r.kind == "playlist":
            want = playlist_context(int(r.spec["playlist_id"]))
            mask |= np.fromiter((c == want for c in contexts), bool, len(contexts))
        elif r.kind == "time":
            mask |= in_window(r.spec, local)
        elif r.kind == "track":
            mask |= np.asarray(item_ids, np.int64) == int(r.spec["item_id"])
        elif r.kind == "album":
            album, artist = r.spec["album"], r.spec.get("artist")
            mask |= np.fromiter(
                (
                    a == album and (artist is None or b == artist)
                    for a, b in zip(albums, artists, strict=True)
                ),
                bool,
                len(albums),
            )
    return mask


def apply(conn: sqlite3.Connection, lib: Library, log: EventLog) -> None:
    """Keep the rules' listening out of ``log`` (in place) and note the rules it was read with."""
    log.kept_key = db.rules_key(conn)
    if not log.kept_key or not len(log):
        return
    listening = np.isin(log.type, LISTENING)
    mask = np.zeros(len(log), bool)
    for c in compile_rules(db.rules(conn), lib):
        mask |= rule_mask(c, log.item, log.context, log.local)
    mask &= listening
    if mask.any():
        log.item = np.where(mask, -1, log.item).astype(log.item.dtype)
        log.pos = np.where(mask, 0.0, log.pos)
        log.neg = np.where(mask, 0.0, log.neg)


# --- managing the rules ----------------------------------------------------------------------------------


def add_rule(
    conn: sqlite3.Connection, kind: str, value: str, artist: str | None = None, now: float | None = None
) -> db.KeepOutRule:
    """Keep a playlist (id or name), a track (item id), an album (name, optionally its artist) or a time
    window ("Saturday 14:00-18:00") out of the taste; an unknown one raises UsageError."""

    spec: dict[str, Any]
    if kind == "playlist":
        found = [p for p in playlist_db.listed(conn) if str(p.id) == value.strip() or p.name == value]
        if not found:
            raise UsageError(f"no playlist {value!r}: 'companion playlist list' shows their ids and names")
        spec, label = {"playlist_id": found[0].id}, f"playlist {found[0].name}"
    elif kind == "track":
        row = item_db.get(conn, int(value)) if value.strip().isdigit() else item_db.get_by_path(conn, value)
        if row is None:
            raise UsageError(f"no track {value!r}: give its item id (companion library --json) or its path")
        who = row.get("artist") or row.get("show")
        spec, label = (
            {"item_id": int(row["id"])},
            f"track {(who + ' - ') if who else ''}{row.get('title') or row['path']}",
        )
    elif kind == "album":
        if not value.strip():
            raise UsageError("an album rule needs the album's name")
        spec, label = (
            {"album": value, "artist": artist},
            f"album {value}" + (f" by {artist}" if artist else ""),
        )
    elif kind == "time":
        spec, label = parse_window(value)
        label = f"time {label}"
    else:
        raise UsageError(f"keep out a playlist, track, album or time, not {kind!r}")
    rule_id = db.add(conn, kind, spec, label, time.time() if now is None else now)
    return next(r for r in db.rules(conn) if r.id == rule_id)


def remove_rule(conn: sqlite3.Connection, rule_id: int) -> None:
    if not db.remove(conn, rule_id):
        raise UsageError(f"no keep-out rule {rule_id}: 'companion keep-out list' shows them")


def dismiss_suggestion(conn: sqlite3.Connection, key: str) -> None:
    """The person said no to a suggestion (keepout_suggest.py): it is not made again."""

    db.dismiss(conn, key, time.time())


@dataclass(frozen=True)
class Hidden:
    """What one rule keeps out: listening events, tracks, a few of their names."""

    rule: db.KeepOutRule
    events: int
    tracks: int
    examples: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        r = self.rule
        return {
            "id": r.id,
            "kind": r.kind,
            "label": r.label,
            "rule": r.spec,
            "hides": {"plays": self.events, "tracks": self.tracks, "examples": list(self.examples)},
        }


def describe(conn: sqlite3.Connection) -> list[Hidden]:
    """Every rule with what it hides from the whole history (read without the rules)."""
    # breaks a cycle: the event log applies these rules as it loads
    from companion.core.taste.eventlog import load_events

    rules = db.rules(conn)
    if not rules:
        return []
    lib = load_library(conn)
    raw = load_events(conn, lib, keep_out=False)
    listening = np.isin(raw.type, LISTENING) & (raw.item >= 0)
    out = []
    for c in compile_rules(rules, lib):
        hit = rule_mask(c, raw.item, raw.context, raw.local) & listening
        items, counts = np.unique(raw.item[hit], return_counts=True)
        top = items[np.argsort(-counts, kind="stable")][:3]
        names = tuple(f"{lib.artist[i] + ' - ' if lib.artist[i] else ''}{lib.title[i] or ''}" for i in top)
        out.append(Hidden(c.rule, int(hit.sum()), len(items), names))
    return out


__all__ = [
    "Hidden",
    "add_rule",
    "apply",
    "describe",
    "remove_rule",
    "compile_rules",
    "in_window",
    "parse_window",
    "playlist_context",
    "rule_mask",
    "window_label",
]
