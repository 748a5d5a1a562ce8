"""A generated year of listening with known answers, for Ask, Replay and keep-out tests.

The library is ``conftest.add_items``' (jazz, rock, metal, ambient, pop, classical; 60 tracks each). As of
``NOW`` (Sunday 15 November 2026, noon UTC, every event at offset 0):
- ``summer_loved``: jazz[:25] and pop[:15] played through three times in June-August 2026 on weekday
  evenings, five of them liked in July; never played since;
- ``summer_and_later``: pop[15:30] played through in the summer and again in October;
- ``summer_skimmed``: rock[40:50] started in the summer and left after 10 seconds (not played through);
- ``recent``: rock[:40] played through on weekday evenings from September to mid-November;
- ``sunday``: classical[:20] played through on Sunday mornings (08:00-11:00) from September to November;
- ``metal``: metal[:20] skipped within seconds now and then;
- everything else was never played.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from companion.core.db import events as event_db
from companion.core.db.events import NewEvent

from .conftest import add_items

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
SUMMER = (datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 9, 1, tzinfo=UTC))


@dataclass
class History:
    library: dict[str, list[int]]
    summer_loved: list[int]
    summer_and_later: list[int]
    summer_skimmed: list[int]
    recent: list[int]
    sunday: list[int]
    metal: list[int]
    events: list[NewEvent]

    @property
    def played(self) -> set[int]:
        return {e.item_id for e in self.events}


def _weekday_evening(rng: random.Random, start: datetime, end: datetime) -> datetime:
    while True:
        day = start + timedelta(days=rng.randrange((end - start).days))
        if day.weekday() < 5:
            return day.replace(hour=19) + timedelta(minutes=rng.randrange(150))


def _sunday_morning(rng: random.Random, start: datetime, end: datetime) -> datetime:
    while True:
        day = start + timedelta(days=rng.randrange((end - start).days))
        if day.weekday() == 6:
            return day.replace(hour=8) + timedelta(minutes=rng.randrange(170))


def make_history(conn, context: str | None = None) -> History:
    """Insert the library and the history; ``context`` is recorded with the summer plays (a playlist)."""
    lib = add_items(conn, added_at=datetime(2026, 1, 1, tzinfo=UTC).timestamp())
    rng = random.Random(7)
    h = History(
        library=lib,
        summer_loved=lib["jazz"][:25] + lib["pop"][:15],
        summer_and_later=lib["pop"][15:30],
        summer_skimmed=lib["rock"][40:50],
        recent=lib["rock"][:40],
        sunday=lib["classical"][:20],
        metal=lib["metal"][:20],
        events=[],
    )

    def add(item: int, kind: str, when: datetime, position: float = 200.0, ctx: str | None = None) -> None:
        h.events.append(NewEvent(item, kind, when.timestamp(), 0, position, 200.0, "user", None, ctx, None))

    september, november = datetime(2026, 9, 1, tzinfo=UTC), NOW - timedelta(days=1)
    for item in h.summer_loved + h.summer_and_later:
        for _ in range(3):
            add(item, "completed", _weekday_evening(rng, *SUMMER), ctx=context)
    for item in h.summer_loved[:5]:
        add(item, "like", datetime(2026, 7, 10, 20, tzinfo=UTC), ctx=None)
    for item in h.summer_and_later:
        add(item, "completed", _weekday_evening(rng, datetime(2026, 10, 1, tzinfo=UTC), november))
    for item in h.summer_skimmed:
        add(item, "play", _weekday_evening(rng, *SUMMER), position=10.0)
        add(item, "skip", _weekday_evening(rng, *SUMMER), position=5.0)
    for item in h.recent:
        for _ in range(4):
            add(item, "completed", _weekday_evening(rng, september, november))
    for item in h.sunday:
        for _ in range(3):
            add(item, "completed", _sunday_morning(rng, september, november))
    for item in h.metal:
        add(item, "skip", _weekday_evening(rng, september, november), position=3.0)
    h.events.sort(key=lambda e: e.ts)
    with conn:
        event_db.insert_many(conn, h.events)
    return h
