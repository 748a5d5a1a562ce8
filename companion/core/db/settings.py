"""The ``settings`` table: one JSON value per setting name (``companion.core.settings`` validates)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping


def stored(conn: sqlite3.Connection) -> dict[str, str]:
    """Setting name -> its stored JSON text."""
    return {k: v for k, v in conn.execute("SELECT key, value FROM settings")}


def store(conn: sqlite3.Connection, values: Mapping[str, str]) -> None:
    """Write these JSON texts by name, in one transaction."""
    with conn:
        conn.executemany(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            list(values.items()),
        )
