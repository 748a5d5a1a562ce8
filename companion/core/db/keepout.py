"""The ``keep_out`` and ``keep_out_dismissed`` tables: rules that keep listening out of the taste engine,
and the suggestions to add one that the person dismissed."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any, NamedTuple


class KeepOutRule(NamedTuple):
    id: int
    kind: str  # playlist | track | album | time
    spec: dict[str, Any]
    label: str
    created_at: float


def add(conn: sqlite3.Connection, kind: str, spec: dict[str, Any], label: str, now: float) -> int:
    """Store one rule (its own transaction); its id. The same rule twice is stored once."""
    text = json.dumps(spec, sort_keys=True)
    with conn:
        row = conn.execute("SELECT id FROM keep_out WHERE kind = ? AND spec = ?", (kind, text)).fetchone()
        if row:
            return int(row[0])
        cur = conn.execute(
            "INSERT INTO keep_out(kind, spec, label, created_at) VALUES (?,?,?,?)", (kind, text, label, now)
        )
        return int(cur.lastrowid or 0)


def remove(conn: sqlite3.Connection, rule_id: int) -> bool:
    """Delete one rule (its own transaction); False when there was none."""
    with conn:
        return conn.execute("DELETE FROM keep_out WHERE id = ?", (rule_id,)).rowcount > 0


def rules(conn: sqlite3.Connection) -> list[KeepOutRule]:
    rows = conn.execute("SELECT id, kind, spec, label, created_at FROM keep_out ORDER BY id").fetchall()
    return [KeepOutRule(int(r[0]), r[1], json.loads(r[2]), r[3], float(r[4])) for r in rows]


def rules_key(conn: sqlite3.Connection) -> str:
    """Changes whenever the rules do ("" when there are none): what the taste engine's log was read with."""
    rows = conn.execute("SELECT id, kind, spec FROM keep_out ORDER BY id").fetchall()
    if not rows:
        return ""
    return hashlib.sha1(json.dumps([tuple(r) for r in rows]).encode()).hexdigest()[:16]


def dismiss(conn: sqlite3.Connection, key: str, now: float) -> None:
    """Remember that a suggestion was dismissed (its own transaction)."""
    with conn:
        conn.execute(
            "INSERT INTO keep_out_dismissed(key, dismissed_at) VALUES (?,?)"
            " ON CONFLICT(key) DO UPDATE SET dismissed_at = excluded.dismissed_at",
            (key, now),
        )


def dismissed(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT key FROM keep_out_dismissed").fetchall()}
