"""The library as the window's tables show it: column names and rows of plain values.

Tuples, not dicts: 100,000 rows load in well under a second and the table model sorts
them in memory. ``Backend.table`` makes them (the grouped queries are the data layer's,
``companion.core.db.browse``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Table:
    """A library view: column names and rows of plain values (fast to build, cheap to sort)."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


OPINION_VIEWS = frozenset({"tracks", "movies"})  # the window adds an "Opinion" column to these
