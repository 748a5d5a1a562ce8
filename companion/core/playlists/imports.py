"""Importing a playlist file: read it, match each entry to the library, save it, report."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.core.library.pathcodec import display
from companion.core.playlists.match import Match, PlaylistMatcher
from companion.core.playlists.readers import read_playlist
from companion.core.playlists.repo import save_playlist


@dataclass
class PlaylistReport:
    path: str
    name: str
    format: str
    playlist_id: int
    matches: list[Match] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # lines that could not be read
    notes: list[str] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return len(self.matches)

    @property
    def matched(self) -> int:
        return sum(1 for m in self.matches if m.item_id is not None)

    @property
    def unmatched(self) -> int:
        return self.entries - self.matched

    def unmatched_lines(self) -> list[str]:
        """One line per entry that did not match: where it is and why."""
        return [f"{m.entry.where}: {m.problem}" for m in self.matches if m.item_id is None]

    def to_json(self) -> dict[str, Any]:
        return {"path": display(self.path), "entries": self.entries, "matched": self.matched,
                "unmatched": self.unmatched, "name": self.name, "format": self.format,
                "playlist_id": self.playlist_id, "not_matched": self.unmatched_lines(),
                "problems": self.problems, "notes": self.notes}


def import_playlist(conn: sqlite3.Connection, path: str | Path,
                    matcher: PlaylistMatcher | None = None) -> PlaylistReport:
    """Read, match and save one playlist; raises PlaylistError when the file is not a playlist."""
    source = os.path.abspath(path)
    parsed = read_playlist(source)
    matcher = matcher or PlaylistMatcher(conn)
    base = os.path.dirname(source)
    matches = [matcher.match(e, base, is_uri=parsed.format == "xspf") for e in parsed.entries]
    name = parsed.name or Path(source).stem
    pid = save_playlist(conn, name, parsed.format, source, matches)
    return PlaylistReport(source, name, parsed.format, pid, matches, parsed.problems, parsed.notes)
