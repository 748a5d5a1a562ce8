"""The library's folders (remembered in the ``folders`` table)."""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass

from companion.core.db import folders as folder_db
from companion.core.errors import CompanionError
from companion.core.library.pathcodec import display, from_db, to_db


@dataclass(frozen=True)
class Folder:
    id: int
    path: str
    status: str
    status_reason: str | None
    last_scan_at: float | None


def normalise(path: str | os.PathLike[str]) -> str:
    """An absolute, user-expanded path with no trailing separator."""
    return os.path.abspath(os.path.expanduser(os.fspath(path)))


def check_usable(path: str) -> None:
    """Raise CompanionError with one clear sentence when ``path`` cannot be a library folder."""
    shown = display(path)
    if not os.path.exists(path):
        raise CompanionError(f"{shown}: no such folder")
    if not os.path.isdir(path):
        raise CompanionError(f"{shown}: not a folder")
    if not os.access(path, os.R_OK | os.X_OK):
        raise CompanionError(f"{shown}: cannot open this folder (permission denied)")


def add_folder(conn: sqlite3.Connection, path: str | os.PathLike[str]) -> Folder:
    """Remember a folder (checked first); adding it twice is harmless."""
    p = normalise(path)
    check_usable(p)
    folder_db.add(conn, to_db(p), time.time())
    found = get_folder(conn, p)
    assert found is not None
    return found


def get_folder(conn: sqlite3.Connection, path: str) -> Folder | None:
    row = folder_db.get(conn, to_db(normalise(path)))
    return _folder(row) if row else None


def list_folders(conn: sqlite3.Connection) -> list[Folder]:
    return [_folder(r) for r in folder_db.listed(conn)]


def remove_folder(conn: sqlite3.Connection, path_or_id: str | int) -> int:
    """Forget a folder (by path or id). Its items stay, with their history, marked missing; returns how many.

    Items keep their history because a folder may come back (a drive plugged in again).
    """
    if isinstance(path_or_id, int):
        folder = next((f for f in list_folders(conn) if f.id == path_or_id), None)
    else:
        folder = get_folder(conn, path_or_id)
    if folder is None:
        raise CompanionError(f"{display(str(path_or_id))}: not a library folder")
    return folder_db.remove(conn, folder.id, time.time())


def _folder(row: folder_db.FolderRow) -> Folder:
    return Folder(
        id=row.id,
        path=from_db(row.path),
        status=row.status,
        status_reason=row.status_reason,
        last_scan_at=row.last_scan_at,
    )
