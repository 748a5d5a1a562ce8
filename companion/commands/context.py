"""What every command gets: the profile, the output streams and a lazily opened database."""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

from companion.core.errors import UsageError
from companion.core.paths import Profile


@dataclass
class Context:
    profile: Profile
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    _conn: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._conn is None:
            # loaded when this command runs, not when the command line starts
            from companion.core.db import open_profile_db
            from companion.core.db.recovery import take_notice

            self._conn = open_profile_db(self.profile)
            notice = take_notice(self.profile)
            if notice:
                print(f"companion: {notice}", file=self.stderr)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def print_json(self, value: Any) -> None:
        # dumps, not dump: dump always takes json's pure-Python encoder (library --json: 11.7 -> 1.2 s of
        # CPU at 5,100 items); dumps takes the C one, and the text is the same
        self.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")

    def progress(self, text: str) -> None:
        """A progress line on stderr, only when stderr is a terminal."""
        if self.stderr.isatty():
            self.stderr.write("\r\x1b[K" + text[:200])
            self.stderr.flush()

    def progress_done(self) -> None:
        if self.stderr.isatty():
            self.stderr.write("\r\x1b[K")
            self.stderr.flush()


def check_limit(limit: int, most: int = 1000) -> None:
    """A command's ``--limit``: from 1 to ``most``, else a usage error that says so."""
    if not 1 <= limit <= most:
        raise UsageError(f"--limit must be from 1 to {most}, not {limit}")
