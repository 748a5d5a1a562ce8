"""Replaying a real listening history already imported into a profile (``companion import``).

The profile's database is copied to a scratch profile first (the engine may write caches; the
person's own profile is only read). The history is cut into sessions (a gap of more than
``SESSION_GAP`` seconds starts a new one); for each of the last sessions, every source is asked
for its ``now`` mix just before the session began and scored against what was played in it.
The whole history also says how much of an album listener the person is (``core/taste/albums.py``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common.product import Profile, connect, open_profile_db, resolve_profile
from benchmarks.eval.metrics import ndcg_at_k, recall_at_k
from benchmarks.eval.mixsource import MixSource

SESSION_GAP = 30 * 60
MIN_SESSION_PLAYS = 3
MIN_HISTORY_DAYS = 7
K = 50


@dataclass(frozen=True)
class Session:
    start: float  # UTC seconds of its first event
    items: frozenset[int]  # music items played (play or completed) in it


@dataclass
class HistoryScores:
    sessions: int = 0
    ndcg: dict[str, list[float]] = field(default_factory=dict)
    recall: dict[str, list[float]] = field(default_factory=dict)
    album_share: float | None = None  # of listening sessions that play most of one album in order
    album_listener: bool = False

    def mean_recall(self, name: str) -> float | None:
        got = self.recall.get(name)
        return sum(got) / len(got) if got else None

    def ratio(self, name: str, base: str) -> float | None:
        """How many times better ``name``'s recall@K is than ``base``'s."""
        a, b = self.mean_recall(name), self.mean_recall(base)
        return None if a is None or not b else a / b

    def best_baseline(self, engine: str = "engine") -> str | None:
        """The source other than ``engine`` with the highest recall@K."""
        others = [n for n in self.recall if n != engine]
        return max(others, key=lambda n: self.mean_recall(n) or 0.0) if others else None


def sessions_of(conn: sqlite3.Connection) -> list[Session]:
    """Listening sessions from play, completed and skip events of music items, in time order."""
    rows = conn.execute(
        "SELECT e.ts, e.item_id, e.type FROM events e JOIN items i ON i.id = e.item_id"
        " WHERE i.kind = 'music' AND e.type IN ('play','completed','skip') ORDER BY e.ts, e.id"
    ).fetchall()
    out: list[Session] = []
    start, last, items = None, None, set()
    for ts, item_id, kind in rows:
        if last is not None and ts - last > SESSION_GAP:
            out.append(Session(start, frozenset(items)))
            start, items = None, set()
        start = ts if start is None else start
        last = ts
        if kind != "skip":
            items.add(int(item_id))
    if start is not None:
        out.append(Session(start, frozenset(items)))
    return out


def scratch_copy(source: Profile, workdir: Path) -> Profile:
    """A new profile under ``workdir`` holding a copy of ``source``'s database."""
    src = connect(source.db_path, readonly=True)
    target = resolve_profile(workdir / "profile-copy").ensure()
    dest = sqlite3.connect(target.db_path)
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()
    return target


def album_habit(conn: sqlite3.Connection) -> tuple[float, bool]:
    """(share of sessions that play most of one album in track order, whether that makes an album
    listener) over the whole history, as the taste engine judges it."""
    from companion.core.taste.albums import album_listening
    from companion.core.taste.eventlog import load_events
    from companion.core.taste.library import load_library

    lib = load_library(conn)
    log = load_events(conn, lib)
    habit = album_listening(lib, log, len(log))
    return habit.share, habit.is_album_listener


def replay_history(
    profile: Profile, sources: list[MixSource], workdir: Path, *, last: int = 50
) -> HistoryScores:
    """Score each source's ``now`` mix on the last ``last`` sessions that have a week of history before them."""
    copy = scratch_copy(profile, workdir)
    conn = open_profile_db(copy)
    try:
        sessions = sessions_of(conn)
        if not sessions:
            return HistoryScores()
        album_share, album_listener = album_habit(conn)
        first = sessions[0].start
        usable = [
            s
            for s in sessions
            if len(s.items) >= MIN_SESSION_PLAYS and s.start - first >= MIN_HISTORY_DAYS * 86400
        ][-last:]
        scores = HistoryScores(sessions=len(usable), album_share=album_share, album_listener=album_listener)
        for s in usable:
            at = datetime.fromtimestamp(s.start - 1, UTC)
            for src in sources:
                now = src.home(conn, copy, at).get("now", [])
                scores.ndcg.setdefault(src.name, []).append(ndcg_at_k(now, s.items, K))
                scores.recall.setdefault(src.name, []).append(recall_at_k(now, s.items, K))
        return scores
    finally:
        conn.close()
