"""Small read helpers over the library for the player, the window and the taste engine.

Items come back as plain dicts: every ``items`` column, ``path`` as a file-system path
(decoded by the path codec) and ``genres`` as a list.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from companion.core.db import items as item_db
from companion.core.db import scans as scan_db
from companion.core.db.items import KINDS
from companion.core.errors import CompanionError
from companion.core.library.pathcodec import from_db, to_db


def item_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored item row as callers see it: a file-system path, genres as a list."""
    d = dict(row)
    d["path"] = from_db(d["path"])
    try:
        d["genres"] = json.loads(d["genres"]) if d.get("genres") else []
    except (TypeError, ValueError):
        d["genres"] = []
    return d


def get_item(conn: sqlite3.Connection, item_id: int) -> dict[str, Any] | None:
    row = item_db.get(conn, item_id)
    return item_dict(row) if row else None


def get_item_by_path(conn: sqlite3.Connection, path: str) -> dict[str, Any] | None:
    row = item_db.get_by_path(conn, to_db(path))
    return item_dict(row) if row else None


def list_items(
    conn: sqlite3.Connection,
    kind: str | None = None,
    *,
    statuses: tuple[str, ...] = ("ok",),
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Items of one kind (or all) with the given statuses, ordered artist / album / disc / track / title."""
    if kind is not None and kind not in KINDS:
        raise CompanionError(f"kind must be music or video, not {kind!r}")
    return [item_dict(r) for r in item_db.listed(conn, kind, statuses, limit)]


def count_items(conn: sqlite3.Connection, kind: str | None = None) -> int:
    return item_db.count_ok(conn, kind)


def mark_unplayable(conn: sqlite3.Connection, item_id: int, reason: str) -> None:
    """The player could not play this item: keep it (and its history), say why.

    The next scan clears the mark only when the file itself changes (size or mtime).
    """
    if not item_db.set_unplayable(conn, item_id, reason.strip() or "could not be played", time.time()):
        raise CompanionError(f"no item with id {item_id}")


def list_failures(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Files the scanner could not read, each with its plain-language reason."""
    return [
        {"path": from_db(f.path), "error": f.error, "first_seen": f.first_seen, "last_seen": f.last_seen}
        for f in scan_db.failures(conn)
    ]
