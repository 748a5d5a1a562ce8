"""The items that are tracks of a CUE sheet, by the audio file they lie in (for the scan's walk)."""

from __future__ import annotations

import sqlite3

TRACK_MARK = "#track"  # a CUE track's item path: the file's path text, "#track", its number (library/cue.py)


def cued_files(conn: sqlite3.Connection) -> dict[str, tuple[list[str], str]]:
    """Audio file path text -> (its tracks' item path texts, the sheet's path text: the file itself when
    the sheet is inside it)."""
    out: dict[str, tuple[list[str], str]] = {}
    for path, cue in conn.execute("SELECT path, cue_path FROM items WHERE cue_path IS NOT NULL"):
        out.setdefault(path.rsplit(TRACK_MARK, 1)[0], ([], cue))[0].append(path)
    return out


def cue_spans(conn: sqlite3.Connection, item_ids: list[int]) -> dict[int, tuple[float, float | None]]:
    """Item id -> (start, end) in its audio file, for the ids that are CUE tracks; ``end`` is None for
    the last track of its file (it plays to the file's end)."""
    out: dict[int, tuple[float, float | None]] = {}
    for i in range(0, len(item_ids), 500):
        chunk = item_ids[i : i + 500]
        rows = conn.execute(
            "SELECT i.id, i.cue_start, i.duration, EXISTS(SELECT 1 FROM items j WHERE j.cue_path = i.cue_path "
            "AND j.cue_start > i.cue_start AND j.status != 'missing') AS more FROM items i "
            f"WHERE i.cue_path IS NOT NULL AND i.id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for item_id, start, duration, more in rows:
            start = float(start or 0.0)
            out[int(item_id)] = (start, start + duration if more and duration else None)
    return out
