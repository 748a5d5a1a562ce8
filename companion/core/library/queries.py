"""Small read helpers over the library for the player, the window and the taste engine.

Items come back as plain dicts: every ``items`` column, ``path`` as a file-system path
(decoded by the path codec) and ``genres`` as a list.
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from companion.core.errors import CompanionError
from companion.core.library.pathcodec import from_db, to_db

KINDS = ("music", "video")


def item_dict(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["path"] = from_db(d["path"])
    try:
        d["genres"] = json.loads(d["genres"]) if d.get("genres") else []
    except (TypeError, ValueError):
        d["genres"] = []
    return d


def get_item(conn: sqlite3.Connection, item_id: int) -> dict[str, Any] | None:
    row = _rows(conn).execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
    return item_dict(row) if row else None


def get_item_by_path(conn: sqlite3.Connection, path: str) -> dict[str, Any] | None:
    row = _rows(conn).execute("SELECT * FROM items WHERE path = ?", (to_db(path),)).fetchone()
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
    sql = f"SELECT * FROM items WHERE status IN ({', '.join('?' * len(statuses))})"
    args: list[Any] = list(statuses)
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    sql += (
        " ORDER BY kind, COALESCE(album_artist, artist) COLLATE NOCASE, album COLLATE NOCASE, disc_no, "
        "track_no, show, season, episode, title COLLATE NOCASE"
    )
    if limit is not None:
        sql += " LIMIT ?"
        args.append(int(limit))
    return [item_dict(r) for r in _rows(conn).execute(sql, args)]


def count_items(conn: sqlite3.Connection, kind: str | None = None) -> int:
    if kind:
        return conn.execute(
            "SELECT COUNT(*) FROM items WHERE status = 'ok' AND kind = ?", (kind,)
        ).fetchone()[0]
    return conn.execute("SELECT COUNT(*) FROM items WHERE status = 'ok'").fetchone()[0]


def mark_unplayable(conn: sqlite3.Connection, item_id: int, reason: str) -> None:
    """The player could not play this item: keep it (and its history), say why.

    The next scan clears the mark only when the file itself changes (size or mtime).
    """
    with conn:
        n = conn.execute(
            "UPDATE items SET status = 'unplayable', status_reason = ?, updated_at = ? WHERE id = ?",
            (reason.strip() or "could not be played", time.time(), item_id),
        ).rowcount
    if n == 0:
        raise CompanionError(f"no item with id {item_id}")


def list_failures(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Files the scanner could not read, each with its plain-language reason."""
    rows = conn.execute("SELECT path, error, first_seen, last_seen FROM scan_failures ORDER BY path")
    return [{"path": from_db(r[0]), "error": r[1], "first_seen": r[2], "last_seen": r[3]} for r in rows]


def _rows(conn: sqlite3.Connection) -> sqlite3.Connection:
    if conn.row_factory is not sqlite3.Row:
        raise CompanionError("queries need a connection with sqlite3.Row rows (companion.core.db.connect)")
    return conn
