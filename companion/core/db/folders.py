"""The ``folders`` table: the library's folders (paths as stored by the path codec)."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple


class FolderRow(NamedTuple):
    id: int
    path: str  # as stored
    status: str  # ok | missing | unreadable
    status_reason: str | None
    last_scan_at: float | None


_COLUMNS = "id, path, status, status_reason, last_scan_at"


def add(conn: sqlite3.Connection, path: str, now: float) -> None:
    """Remember a folder (its own transaction); one already there stays as it is."""
    with conn:
        conn.execute(
            "INSERT INTO folders(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING", (path, now)
        )


def get(conn: sqlite3.Connection, path: str) -> FolderRow | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM folders WHERE path = ?", (path,)).fetchone()
    return FolderRow._make(row) if row else None


def listed(conn: sqlite3.Connection) -> list[FolderRow]:
    """Every folder, in path order."""
    return [FolderRow._make(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM folders ORDER BY path")]


def remove(conn: sqlite3.Connection, folder_id: int, now: float) -> int:
    """Forget a folder (its own transaction): its items stay, with their history, marked missing and of no
    folder; returns how many were not missing before. ``updated_at`` moves too, so what was built from
    the library (the taste model's snapshot) sees the change."""
    with conn:
        n = conn.execute(
            "UPDATE items SET status = 'missing', missing_since = ?, folder_id = NULL, updated_at = ? "
            "WHERE folder_id = ? AND status != 'missing'",
            (now, now, folder_id),
        ).rowcount
        conn.execute("UPDATE items SET folder_id = NULL WHERE folder_id = ?", (folder_id,))
        conn.execute("DELETE FROM folders WHERE id = ?", (folder_id,))
    return n


def delete(conn: sqlite3.Connection, folder_id: int) -> None:
    """Forget a folder row only (its own transaction)."""
    with conn:
        conn.execute("DELETE FROM folders WHERE id = ?", (folder_id,))


def set_status(
    conn: sqlite3.Connection, folder_id: int, status: str, reason: str | None, scanned_at: float | None = None
) -> None:
    """Inside the caller's transaction."""
    conn.execute(
        "UPDATE folders SET status = ?, status_reason = ?, last_scan_at = COALESCE(?, last_scan_at) "
        "WHERE id = ?",
        (status, reason, scanned_at, folder_id),
    )
