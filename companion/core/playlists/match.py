"""Matching playlist entries to library items: by path first, then by the path's last folders
(a playlist made on another machine or drive), then by tags (normalised artist and title).

Nothing here opens an entry's file: a location is only compared with the library's own paths,
so an entry naming ``../../etc/passwd`` or a device is reported, never read or played.
"""

from __future__ import annotations

import os
import posixpath
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from companion.core.db import cue_tracks as cue_db
from companion.core.db import items as item_db
from companion.core.library.matching import LibraryIndex
from companion.core.library.pathcodec import display, from_db, to_db
from companion.core.playlists.locations import (
    has_percent_escapes,
    is_remote,
    is_windows_path,
    unquote_path,
    uri_to_path,
)
from companion.core.playlists.model import Entry

_SEP = re.compile(r"[\\/]+")
CUE_START_SLACK_S = 0.5  # a start time written to the millisecond, or rounded by another program


@dataclass(frozen=True)
class Match:
    entry: Entry
    item_id: int | None
    matched_by: str | None  # path | folders | tags | None
    problem: str | None = None  # why not, in plain words


def local_candidates(location: str, base_dir: str, is_uri: bool = False) -> list[str]:
    """The file-system paths an entry may mean, most likely first ([] for a stream)."""
    if is_remote(location):
        return []
    if location.lower().startswith("file:"):
        found = uri_to_path(location)
        return [found] if found else []
    if is_uri:  # XSPF: a relative URI reference
        location = unquote_path(location)
    if is_windows_path(location):
        return [location]
    forms = [location]
    if not is_uri and has_percent_escapes(location):
        forms.append(unquote_path(location))  # VLC writes relative paths percent-encoded
    if "\\" in location and os.sep == "/":
        forms += [f.replace("\\", "/") for f in list(forms)]
    legacy = [_as_cp1252(f) for f in forms]
    forms += [f for f in legacy if f is not None]  # a Windows-1252 playlist naming UTF-8 files
    out: list[str] = []
    for form in forms:
        path = form if posixpath.isabs(form) else posixpath.join(base_dir, form)
        norm = posixpath.normpath(path)
        if norm not in out:
            out.append(norm)
    return out


class PlaylistMatcher:
    """Matches entries of playlists against one library (indexes are built on first need)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._tags: LibraryIndex | None = None
        self._names: dict[str, list[tuple[int, list[str]]]] | None = None

    def match_all(self, entry: Entry, base_dir: str, is_uri: bool = False) -> list[Match]:
        """The items one entry stands for: one, except for CUE sheets the library holds as tracks. An
        entry naming a ``.cue`` (or the album file with the sheet inside it) is its tracks in order; one
        naming an album file at a start time (VLC's ``start-time``, as exports write) is the track there."""
        for path in local_candidates(entry.location, base_dir, is_uri):
            tracks = cue_db.tracks_at(self.conn, to_db(path))
            if not tracks:
                continue
            start = entry.start
            if start is not None:
                at = min(tracks, key=lambda t: abs(t[1] - start))
                if abs(at[1] - start) <= CUE_START_SLACK_S:
                    return [Match(entry, at[0], "path")]
            elif path.lower().endswith(".cue") or self.match(entry, base_dir, is_uri).item_id is None:
                return [Match(entry, item_id, "path") for item_id, _ in tracks]
        return [self.match(entry, base_dir, is_uri)]

    def match(self, entry: Entry, base_dir: str, is_uri: bool = False) -> Match:
        candidates = local_candidates(entry.location, base_dir, is_uri)
        for path in candidates:
            item_id = item_db.id_for_path(self.conn, to_db(path))
            if item_id is not None:
                return Match(entry, item_id, "path")
        for path in candidates:
            item_id = self._by_folders(path)
            if item_id is not None:
                return Match(entry, item_id, "folders")
        if entry.title:
            if self._tags is None:
                self._tags = LibraryIndex.build(self.conn)
            item_id = self._tags.match_track(entry.artist, entry.title, entry.album)
            if item_id is not None:
                return Match(entry, item_id, "tags")
        if not candidates:
            what = "a stream or web address" if is_remote(entry.location) else "not a local file"
            return Match(entry, None, None, f"{what}: {_short(entry.location)}")
        return Match(entry, None, None, f"not in your library: {_short(display(candidates[0]))}")

    def _by_folders(self, path: str) -> int | None:
        """The item whose path ends in the same file name and folders (at least two names, or a
        file name no other item has)."""
        if self._names is None:
            self._names = defaultdict(list)
            for item_id, db_path in item_db.paths(self.conn):
                parts = [p.casefold() for p in _SEP.split(from_db(db_path)) if p]
                if parts:
                    self._names[parts[-1]].append((int(item_id), parts))
        parts = [p.casefold() for p in _SEP.split(path) if p]
        if not parts or parts[-1] not in self._names:
            return None
        best, best_score, ties = None, 0, 0
        for item_id, item_parts in self._names[parts[-1]]:
            score = _common_tail(parts, item_parts)
            if score > best_score:
                best, best_score, ties = item_id, score, 1
            elif score == best_score:
                ties += 1
        if best_score >= 2 and ties == 1:
            return best
        return best if len(self._names[parts[-1]]) == 1 else None


def _as_cp1252(text: str) -> str | None:
    """The text again, its undecodable bytes read as Windows-1252 (None when all was UTF-8)."""
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError:
        return os.fsencode(text).decode("cp1252", errors="replace")


def _common_tail(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
