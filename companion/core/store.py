"""One profile's database, with one connection per thread.

The window hands a ``Store`` to its workers; each thread that asks gets its own
connection (SQLite connections must not cross threads).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading

from companion.core.db import connect, open_profile_db
from companion.core.db.connection import ping, quick_check
from companion.core.paths import Profile


class Store:
    def __init__(self, profile: Profile, *, daily_backup: bool = True) -> None:
        """``daily_backup=False``: the first connection does not take today's backup (the window takes it
        in the background once its taste process is started: ``backup.daily_backup_in_background``)."""
        self.profile = profile
        self._daily_backup = daily_backup
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._migrated = False

    def conn(self) -> sqlite3.Connection:
        """This thread's connection, opened (and the schema migrated) on first use."""
        existing: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if existing is not None:
            return existing

        with self._lock:
            if not self._migrated:
                conn = open_profile_db(self.profile, daily_backup=self._daily_backup)
                self._migrated = True
            else:
                conn = connect(self.profile.db_path)
            ping(conn)
            self._all.append(conn)
        # Connections are used by their own thread only; closing from close_all() is safe after workers stop.
        self._local.conn = conn
        return conn

    def quick_check(self) -> str:
        """SQLite's quick integrity check of the database: "ok", or what is wrong."""

        return quick_check(self.conn())

    def close_all(self) -> None:
        with self._lock:
            for c in self._all:
                with contextlib.suppress(sqlite3.ProgrammingError):
                    c.close()
            self._all.clear()
        self._local = threading.local()
