"""Replay: a month's or a year's listening, kept on the device.

Top artists, tracks, albums, genres and shows by plays; hours; the day-part persona ("Night owl: 42% of your
listening after 22:00"); what changed against the period before (genres turned to and away from, in
points of share); "on this day" a year ago; the period's mix (its most played tracks). Counted straight from
the ``events`` table in local time. Imported history counts and is marked (``imported``); listening kept out
of the taste (``keepout.py``) is shown apart (``kept_out``) and left out of the rest.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

from companion.core.db import keepout as keepout_db
from companion.core.db import replay as db
from companion.core.errors import UsageError
from companion.core.taste import keepout
from companion.core.taste.ask_time import now_local
from companion.core.taste.context import DAY, moment

TOP = 10
MIX = 50
CHANGE_POINTS = 0.05  # a genre's share must move this much to count as a change


class Top(NamedTuple):
    name: str
    plays: int
    hours: float
    imported: int  # of the plays, imported from another service
    artist: str | None = None
    item_id: int | None = None


@dataclass(frozen=True)
class Replay:
    period: str  # "2026-11" or "2026"
    title: str  # "November 2026" or "2026"
    plays: int
    hours: float
    tracks: int
    artists: int
    top_artists: tuple[Top, ...]
    top_tracks: tuple[Top, ...]
    top_albums: tuple[Top, ...]
    top_genres: tuple[Top, ...]
    top_shows: tuple[Top, ...]
    persona: str
    day_parts: dict[str, float]  # share of listening time: night, morning, afternoon, evening
    changes: tuple[str, ...]
    on_this_day: tuple[Top, ...]  # tracks played on this date a year before the moment asked
    on_this_day_date: str
    imported: dict[str, float] = field(default_factory=dict)  # plays, hours
    kept_out: dict[str, float] = field(default_factory=dict)  # plays, hours
    mix: tuple[int, ...] = ()  # item ids, most played first

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("top_artists", "top_tracks", "top_albums", "top_genres", "top_shows", "on_this_day"):
            out[key] = [t._asdict() for t in getattr(self, key)]
        out["mix"] = list(self.mix)
        return out


def _sec(d: datetime) -> float:
    return d.replace(tzinfo=UTC).timestamp()


def period_bounds(period: str) -> tuple[datetime, datetime, str]:
    """'2026-11' -> Nov 2026, '2026' -> the year; (start, end, title). Bad text raises UsageError."""
    try:
        if len(period) == 4:
            y = int(period)
            return datetime(y, 1, 1), datetime(y + 1, 1, 1), str(y)
        y, m = (int(x) for x in period.split("-"))
        start = datetime(y, m, 1)
    except ValueError:
        raise UsageError(f"a Replay is of a month (YYYY-MM) or a year (YYYY), not {period!r}") from None
    end = datetime(y + (m == 12), m % 12 + 1, 1)
    return start, end, start.strftime("%B %Y")


def previous_period(period: str) -> str:
    if len(period) == 4:
        return str(int(period) - 1)
    start = period_bounds(period)[0] - timedelta(days=1)
    return start.strftime("%Y-%m")


def default_period(conn: sqlite3.Connection, at: datetime | None = None) -> str | None:
    """The month before the moment when it has listening, else the latest month with listening."""
    months = [m for m in db.months_with_plays(conn) if m <= now_local(moment(at)).strftime("%Y-%m")]
    last = previous_period(now_local(moment(at)).strftime("%Y-%m"))
    return last if last in months else (months[0] if months else None)


def seconds(p: db.PeriodPlay) -> float:
    """Listening time of one play: what was reached (a completion: the whole length; a play with no
    position, as imported plays have: its length)."""
    d = p.duration if p.duration and p.duration > 0 else None
    if p.type == "completed" or p.position is None:
        return float(d or p.position or 0.0)
    return float(min(p.position, d) if d else p.position)


@dataclass
class _Plays:
    rows: list[db.PeriodPlay]
    secs: np.ndarray
    local: np.ndarray
    imported: np.ndarray


def _plays(conn: sqlite3.Connection, start: datetime, end: datetime) -> tuple[_Plays, _Plays]:
    """The period's plays, split into (counted, kept out of the taste)."""
    rows = db.plays_between(conn, _sec(start), _sec(end))
    local = np.array([r.ts + r.tz_offset_min * 60.0 for r in rows])
    secs = np.array([seconds(r) for r in rows])
    imported = np.array([r.source.startswith("import:") for r in rows], bool)
    kept = keepout.rows_kept_out(
        keepout_db.rules(conn),
        [r.item_id for r in rows],
        [r.album for r in rows],
        [r.artist for r in rows],
        [r.context for r in rows],
        local,
    )

    def part(mask: np.ndarray) -> _Plays:
        idx = np.flatnonzero(mask)
        return _Plays([rows[i] for i in idx], secs[idx], local[idx], imported[idx])

    return part(~kept), part(kept)


def _tops(p: _Plays, key: Any, limit: int = TOP) -> tuple[Top, ...]:
    """The most played by ``key`` (a play -> [(name, artist, item id)]), ties by hours, then first played."""
    plays: Counter[Any] = Counter()
    hours: defaultdict[Any, float] = defaultdict(float)
    imported: Counter[Any] = Counter()
    first: dict[Any, int] = {}
    for k, (r, secs, imp) in enumerate(zip(p.rows, p.secs.tolist(), p.imported.tolist(), strict=True)):
        for name in key(r):
            if name[0]:
                plays[name] += 1
                hours[name] += secs / 3600.0
                imported[name] += imp
                first.setdefault(name, k)
    ranked = sorted(plays, key=lambda n: (-plays[n], -hours[n], first[n]))[:limit]
    return tuple(Top(str(n[0]), plays[n], round(hours[n], 2), imported[n], n[1], n[2]) for n in ranked)


def _genres(r: db.PeriodPlay) -> tuple[str, ...]:
    return _genre_list(r.genres)


@lru_cache(maxsize=4096)
def _genre_list(text: str | None) -> tuple[str, ...]:
    """A row's genres (JSON text), read once per distinct text."""
    try:
        value = json.loads(text) if text else []
    except ValueError:
        value = [text]
    return tuple(
        str(g).strip().lower() for g in (value if isinstance(value, list) else [value]) if str(g).strip()
    )


def _persona(p: _Plays) -> tuple[str, dict[str, float]]:
    hour = (p.local % DAY) / 3600.0
    total = float(p.secs.sum()) or 1.0
    parts = {
        "night": (hour >= 22) | (hour < 5),
        "morning": (hour >= 5) & (hour < 12),
        "afternoon": (hour >= 12) & (hour < 17),
        "evening": (hour >= 17) & (hour < 22),
    }
    shares = {k: round(float(p.secs[m].sum()) / total, 3) for k, m in parts.items()}
    early = float(p.secs[(hour >= 5) & (hour < 9)].sum()) / total
    if shares["night"] >= 0.3:
        return f"Night owl: {shares['night']:.0%} of your listening after 22:00", shares
    if early >= 0.25:
        return f"Early bird: {early:.0%} of your listening before 09:00", shares
    part = max(shares, key=lambda k: shares[k])
    name = {"morning": "Morning person", "afternoon": "Afternoon listener", "evening": "Evening listener"}
    return f"{name.get(part, 'Night owl')}: {shares[part]:.0%} of your listening in the {part}", shares


def _changes(now: _Plays, before: _Plays) -> tuple[str, ...]:
    def shares(p: _Plays) -> dict[str, float]:
        c: Counter[str] = Counter(g for r in p.rows for g in _genres(r)[:1])
        total = sum(c.values()) or 1
        return {g: n / total for g, n in c.items()}

    if not before.rows:
        return ()
    a, b = shares(before), shares(now)
    moves = sorted(((b.get(g, 0.0) - a.get(g, 0.0), g) for g in set(a) | set(b)), reverse=True)
    to = [
        f"more {g}: {b.get(g, 0):.0%} of your plays, up from {a.get(g, 0):.0%}"
        for d, g in moves[:3]
        if d >= CHANGE_POINTS
    ]
    away = [
        f"less {g}: {b.get(g, 0):.0%} of your plays, down from {a.get(g, 0):.0%}"
        for d, g in reversed(moves[-3:])
        if d <= -CHANGE_POINTS
    ]
    return tuple(to + away)


def compute(conn: sqlite3.Connection, period: str, at: datetime | None = None) -> Replay | None:
    """The Replay of ``period`` ('YYYY-MM' or 'YYYY'), None when it has no listening."""
    start, end, title = period_bounds(period)
    counted, kept = _plays(conn, start, end)
    if not counted.rows and not kept.rows:
        return None
    before, _ = _plays(conn, *period_bounds(previous_period(period))[:2])
    today = now_local(moment(at))
    try:
        year_ago = datetime(today.year - 1, today.month, today.day)
    except ValueError:  # 29 February
        year_ago = datetime(today.year - 1, today.month, 28)
    that_day, _ = _plays(conn, year_ago, year_ago + timedelta(days=1))
    persona, parts = _persona(counted)
    tracks = _tops(counted, lambda r: [(r.title or "?", r.artist, r.item_id)], MIX)
    return Replay(
        period=period,
        title=title,
        plays=len(counted.rows),
        hours=round(float(counted.secs.sum()) / 3600.0, 2),
        tracks=len({r.item_id for r in counted.rows}),
        artists=len({r.artist for r in counted.rows if r.artist and r.kind != "video"}),
        top_artists=_tops(counted, lambda r: [(r.artist, None, None)] if r.kind != "video" else []),
        top_tracks=tracks[:TOP],
        top_albums=_tops(counted, lambda r: [(r.album, r.artist, None)] if r.kind != "video" else []),
        top_genres=_tops(counted, lambda r: [(g, None, None) for g in _genres(r)[:1]]),
        top_shows=_tops(counted, lambda r: [(r.show, None, None)] if r.kind == "video" else []),
        persona=persona,
        day_parts=parts,
        changes=_changes(counted, before),
        on_this_day=_tops(that_day, lambda r: [(r.title or "?", r.artist, r.item_id)], 5),
        on_this_day_date=year_ago.strftime("%Y-%m-%d"),
        imported={
            "plays": int(counted.imported.sum()),
            "hours": round(float(counted.secs[counted.imported].sum()) / 3600, 2),
        },
        kept_out={"plays": len(kept.rows), "hours": round(float(kept.secs.sum()) / 3600.0, 2)},
        mix=tuple(t.item_id for t in tracks if t.item_id is not None),
    )


def periods(conn: sqlite3.Connection) -> list[str]:
    """Every month and year with listening, newest first ('2026', '2026-11', '2026-10', ..., '2025', ...)."""
    out: list[str] = []
    for m in db.months_with_plays(conn):
        if m[:4] not in out:
            out.append(m[:4])
        out.append(m)
    return out


__all__ = [
    "Replay",
    "Top",
    "compute",
    "default_period",
    "period_bounds",
    "periods",
    "previous_period",
    "seconds",
]
