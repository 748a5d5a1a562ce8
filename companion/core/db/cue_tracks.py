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


def sheets_of(conn: sqlite3.Connection, item_ids: list[int]) -> dict[int, str]:
    """Item id -> its CUE sheet's path text (the audio file itself when the sheet is inside it), for the
    ids that are CUE tracks."""
    out: dict[int, str] = {}
    for i in range(0, len(item_ids), 500):
        chunk = item_ids[i : i + 500]
        rows = conn.execute(
            f"SELECT id, cue_path FROM items WHERE cue_path IS NOT NULL AND id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        out.update((int(item_id), cue) for item_id, cue in rows)
    return out


def sheet_tracks(conn: sqlite3.Connection, cue_paths: list[str]) -> dict[str, list[int]]:
    """Sheet path text -> the item ids of its tracks in the library, in the sheet's order."""
    out: dict[str, list[int]] = {}
    for i in range(0, len(cue_paths), 500):
        chunk = cue_paths[i : i + 500]
        rows = conn.execute(
            "SELECT cue_path, id FROM items WHERE status != 'missing'"
            f" AND cue_path IN ({','.join('?' * len(chunk))}) ORDER BY cue_path, track_no, cue_start",
            chunk,
        )
        for cue, item_id in rows:
            out.setdefault(cue, []).append(int(item_id))
    return out


def tracks_at(conn: sqlite3.Connection, path: str) -> list[tuple[int, float]]:
    """(item id, start in its file) of the CUE tracks a path text stands for, in the sheet's order: the
    tracks of the sheet at ``path``, or of the audio file at ``path`` (an importer's whole-album entry)."""
    prefix = path + TRACK_MARK
    rows = conn.execute(
        "SELECT id, COALESCE(cue_start, 0) FROM items WHERE status != 'missing' AND cue_path IS NOT NULL"
        " AND (cue_path = ? OR substr(path, 1, ?) = ?) ORDER BY track_no, cue_start",
        (path, len(prefix), prefix),
    )
    return [(int(i), float(s)) for i, s in rows]
