"""Importing a playlist file: read it, match each entry to the library, save it, report."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.core.db import playlists as playlist_db
from companion.core.library.pathcodec import display, from_db
from companion.core.playlists.match import Match, PlaylistMatcher
from companion.core.playlists.model import FORMATS, Entry, PlaylistError
from companion.core.playlists.readers import not_a_playlist, read_playlist
from companion.core.playlists.repo import save_playlist


@dataclass
class PlaylistReport:
    path: str
    name: str
    format: str
    playlist_id: int
    matches: list[Match] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # lines that could not be read
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
        return {
            "path": display(self.path),
            "entries": self.entries,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "name": self.name,
            "format": self.format,
            "playlist_id": self.playlist_id,
            "not_matched": self.unmatched_lines(),
            "problems": self.problems,
            "notes": self.notes,
        }


def import_playlist(
    conn: sqlite3.Connection, path: str | Path, matcher: PlaylistMatcher | None = None
) -> PlaylistReport:
    """Read, match and save one playlist; raises PlaylistError when the file is not a playlist."""
    source = os.path.abspath(path)
    parsed = read_playlist(source)
    matcher = matcher or PlaylistMatcher(conn)
    base = os.path.dirname(source)
    matches = [m for e in parsed.entries for m in matcher.match_all(e, base, is_uri=parsed.format == "xspf")]
    name = parsed.name or Path(source).stem
    pid = save_playlist(conn, name, parsed.format, source, matches)
    return PlaylistReport(source, name, parsed.format, pid, matches, parsed.problems, parsed.notes)


def rematch_playlists(conn: sqlite3.Connection, matcher: PlaylistMatcher | None = None) -> int:
    """Match saved entries that did not match before (their files were added since); returns how many.

    The scanner may call this after adding files; ``companion playlist import`` calls it first.
    """
    rows = playlist_db.unmatched_entries(conn)
    if not rows:
        return 0
    matcher = matcher or PlaylistMatcher(conn)
    found: list[playlist_db.NewMatch] = []
    for r in rows:
        base = os.path.dirname(from_db(r.source_path)) if r.source_path else os.sep
        entry = Entry(from_db(r.location), r.title, r.artist, r.album, r.duration)
        m = matcher.match(entry, base, is_uri=r.format == "xspf")
        if m.item_id is not None and m.matched_by is not None:
            found.append(playlist_db.NewMatch(m.item_id, m.matched_by, r.playlist_id, r.position))
    playlist_db.set_matches(conn, found)
    return len(found)


@dataclass(frozen=True)
class PlaylistImportStep:
    """One playlist file done (``done`` of ``total``): its report, or the one line saying why it is not one."""

    path: str
    done: int
    total: int
    report: PlaylistReport | None = None
    error: str | None = None


def iter_import_playlists(
    conn: sqlite3.Connection, paths: list[str | Path], known_extensions_only: bool = False
) -> Iterator[PlaylistImportStep]:
    """Import playlist files one by one, yielding after each (so a window can show progress and
    stop between files). Earlier unmatched entries are matched again first. With
    ``known_extensions_only`` a file not named like a playlist is refused without being read."""

    matcher = PlaylistMatcher(conn)
    rematch_playlists(conn, matcher)
    total = len(paths)
    for n, path in enumerate(paths, start=1):
        suffix = Path(path).suffix.lower().lstrip(".")
        refused = not_a_playlist(path)
        if refused:  # a folder, or a CUE sheet: say what to do with it instead
            yield PlaylistImportStep(display(str(path)), n, total, error=refused)
            continue
        if known_extensions_only and suffix not in FORMATS:
            kinds = ", ".join("." + f for f in FORMATS)
            yield PlaylistImportStep(
                display(str(path)), n, total, error=f"{display(str(path))}: not a playlist file (use {kinds})"
            )
            continue
        try:
            report = import_playlist(conn, path, matcher)
        except (PlaylistError, OSError) as e:
            text = (
                str(e)
                if isinstance(e, PlaylistError)
                else f"{display(str(path))}: cannot read ({e.strerror or e})"
            )
            yield PlaylistImportStep(display(str(path)), n, total, error=text)
        else:
            yield PlaylistImportStep(display(str(path)), n, total, report=report)
