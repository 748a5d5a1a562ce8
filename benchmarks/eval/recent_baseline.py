"""The baseline an album listener's home must beat: what was played in the last few days.

Someone who plays albums in rotation comes back to the albums of the last days; this source ranks
the tracks played in the ``days`` before the moment by how often, then how lately, they were played.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from benchmarks.eval.music_baselines import MostPlayed

DAY = 86400.0


class PlayedLastDays(MostPlayed):
    def __init__(self, seed: int = 0, days: float = 3.0) -> None:
        super().__init__(seed=seed)
        self.days = days
        self.name = f"played in the last {days:g} days"

    def ranked(self, conn: sqlite3.Connection, at: datetime) -> list[int]:
        end = at.timestamp()
        return self._top(conn, "ts < ? AND ts >= ?", (end, end - self.days * DAY))
