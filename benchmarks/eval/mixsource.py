"""Where a home comes from in the evaluation: the real taste engine or a simple baseline.

A source answers ``home(conn, profile, at)`` with ``{row_id: [item ids in order]}``; baselines
only fill ``now`` (or ``recommended-videos``).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Protocol

from benchmarks.common.product import Profile


class MixSource(Protocol):
    name: str

    def home(self, conn: sqlite3.Connection, profile: Profile, at: datetime) -> dict[str, list[int]]: ...


def engine_missing_reason() -> str | None:
    """None when ``companion.core.taste.home.build_home`` can be imported, else why not."""
    try:
        from benchmarks.common.product import build_home  # noqa: F401
    except ImportError as exc:
        return f"taste engine not available ({exc})"
    return None


class EngineSource:
    """The taste engine, asked exactly as the window asks it."""

    name = "engine"

    def home(self, conn: sqlite3.Connection, profile: Profile, at: datetime) -> dict[str, list[int]]:
        from benchmarks.common.product import build_home

        return {row.id: [it.item_id for it in row.items] for row in build_home(conn, profile, at=at)}


class EngineRowSource:
    """One row of the engine (``get_row``), e.g. ``recommended-videos`` for the MovieLens replay."""

    def __init__(self, row_id: str, limit: int) -> None:
        self.name = "engine"
        self.row_id = row_id
        self.limit = limit

    def home(self, conn: sqlite3.Connection, profile: Profile, at: datetime) -> dict[str, list[int]]:
        from benchmarks.common.product import get_row

        row = get_row(conn, profile, self.row_id, at=at, limit=self.limit)
        return {self.row_id: [it.item_id for it in row.items]} if row is not None else {}
