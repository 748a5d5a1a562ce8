"""The items that are tracks of a CUE sheet, by the audio file they lie in (for the scan's walk)."""

from __future__ import annotations

import sqlite3

from companion.core.library.cue import file_of_track_key


def cued_files(conn: sqlite3.Connection) -> dict[str, tuple[list[str], str]]:
    """Audio file path text -> (its tracks' item path texts, the sheet's path text: the file itself when
    the sheet is inside it)."""
    out: dict[str, tuple[list[str], str]] = {}
    for path, cue in conn.execute("SELECT path, cue_path FROM items WHERE cue_path IS NOT NULL"):
        out.setdefault(file_of_track_key(path), ([], cue))[0].append(path)
    return out
