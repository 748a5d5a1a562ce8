"""What the Library's tables show beside the library views: likes and dislikes, and spoken word.

The window reaches the database only through the core (import contract); these hand it plain values."""

from __future__ import annotations

import sqlite3
from typing import Any

from companion.core.db import ratings as _ratings
from companion.core.db import spoken_items as _spoken

SPOKEN_COLUMNS = _spoken.COLUMNS


def opinions(conn: sqlite3.Connection) -> dict[int, int]:
    """item id -> 1 (liked) or -1 (disliked)."""
    return _ratings.likes(conn)


def spoken_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Audiobooks and podcasts, one row per item (``SPOKEN_COLUMNS``)."""
    return _spoken.spoken_rows(conn)
