"""What every command gets: the profile, the output streams and a lazily opened database."""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

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
        json.dump(value, self.stdout, ensure_ascii=False, indent=None, default=str)
        self.stdout.write("\n")

    def progress(self, text: str) -> None:
        """A progress line on stderr, only when stderr is a terminal."""
        if self.stderr.isatty():
            self.stderr.write("\r\x1b[K" + text[:200])
            self.stderr.flush()

    def progress_done(self) -> None:
        if self.stderr.isatty():
            self.stderr.write("\r\x1b[K")
            self.stderr.flush()
