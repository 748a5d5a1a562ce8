"""Baselines for the ``now`` mix: random, most played, most played recently, most played at this hour.

Each reads only events before ``at`` (like the engine must) and fills up to the mix size
with random items when history is short, so a listener always has something to react to.
Baselines know nothing about dislikes or skips: that is the point of a naive baseline.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import numpy as np

from benchmarks.common.product import Profile

MIX_SIZE = 50
RECENT_DAYS = 7
HOUR_WINDOW = 2  # "at this hour" = local hour within +-2 h (circular)


def _music_ids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM items WHERE kind='music' AND status='ok' ORDER BY id")]


def _fill(ranked: list[int], conn: sqlite3.Connection, rng: np.random.Generator, size: int) -> list[int]:
    if len(ranked) >= size:
        return ranked[:size]
    have = set(ranked)
    rest = [i for i in _music_ids(conn) if i not in have]
    extra = rng.permutation(rest)[: size - len(ranked)] if rest else []
    return ranked + [int(i) for i in extra]


class _Baseline:
    name = "baseline"

    def __init__(self, seed: int = 0, size: int = MIX_SIZE) -> None:
        self.seed = seed
        self.size = size

    def rng(self, at: datetime) -> np.random.Generator:
        return np.random.default_rng([self.seed, int(at.timestamp())])

    def ranked(self, conn: sqlite3.Connection, at: datetime) -> list[int]:
        raise NotImplementedError

    def home(self, conn: sqlite3.Connection, profile: Profile, at: datetime) -> dict[str, list[int]]:
        return {"now": _fill(self.ranked(conn, at), conn, self.rng(at), self.size)}


class RandomMix(_Baseline):
    name = "random"

    def ranked(self, conn: sqlite3.Connection, at: datetime) -> list[int]:
        return []


class MostPlayed(_Baseline):
    name = "most played"

    def ranked(self, conn: sqlite3.Connection, at: datetime) -> list[int]:
        return self._top(conn, "ts < ?", (at.timestamp(),))

    def _top(self, conn: sqlite3.Connection, where: str, params: tuple) -> list[int]:
        sql = (
            f"SELECT item_id FROM events WHERE type IN ('play','completed') AND {where}"
            " GROUP BY item_id ORDER BY COUNT(*) DESC, MAX(ts) DESC, item_id LIMIT ?"
        )
        return [r[0] for r in conn.execute(sql, (*params, self.size))]


class MostPlayedRecently(MostPlayed):
    name = "most played recently"

    def ranked(self, conn: sqlite3.Connection, at: datetime) -> list[int]:
        end = at.timestamp()
        return self._top(conn, "ts < ? AND ts >= ?", (end, end - RECENT_DAYS * 86400))


class MostPlayedAtHour(MostPlayed):
    name = "most played at this hour"

    def ranked(self, conn: sqlite3.Connection, at: datetime) -> list[int]:
        # local hour of each event = hour of (ts + offset); compare circularly with at's local hour
        hour = at.hour
        local_hour = "CAST(((ts + tz_offset_min * 60) % 86400) / 3600 AS INTEGER)"
        diff = f"ABS({local_hour} - ?)"
        where = f"ts < ? AND MIN({diff}, 24 - {diff}) <= ?"
        return self._top(conn, where, (at.timestamp(), hour, hour, HOUR_WINDOW))


ALL_MUSIC_BASELINES = (RandomMix, MostPlayed, MostPlayedRecently, MostPlayedAtHour)
