"""A recording's files as the Library shows them: one row per recording ("3 files"), and its versions.

The tracks table lists each recording once, played from its best file (the same choice the mixes make:
playable, a believable length, lossless before lossy, then bitrate, then art), with the plays of all its
files; ``versions`` lists every file of a recording so that the person can play the one they choose.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from companion.core.db import recordings as db
from companion.core.library.pathcodec import display, from_db
from companion.core.library.recordings import quality_key

# hidden values the tracks query appends to each row, in this order, after the shown columns
FILE_FACTS = ("recording", "path", "status", "bitrate", "has_cover", "implausible")


def one_row_per_recording(rows: Iterable[Sequence[Any]], shown: int, plays_col: int) -> list[tuple[Any, ...]]:
    """Rows of the tracks query (``shown`` values, then FILE_FACTS) -> one row per recording: the best
    file's values, the plays of all its files, and the number of files ("" when it is the only one)."""
    groups: dict[Any, list[Sequence[Any]]] = {}
    for r in rows:
        groups.setdefault(r[shown], []).append(r)
    out = []
    for files in groups.values():
        best = files[0]
        if len(files) > 1:
            best = min(files, key=lambda r: quality_key(r[shown + 1], r[shown + 3], r[shown + 4],
                                                        r[shown + 2] == "ok", r[shown + 5] is None))  # fmt: skip
        row = list(best[:shown])
        row[plays_col] = sum(int(r[plays_col] or 0) for r in files)
        row.append(f"{len(files)} files" if len(files) > 1 else "")
        out.append(tuple(row))
    return out


@dataclass(frozen=True)
class Version:
    item_id: int
    path: str  # for display
    label: str  # "FLAC · 1,411 kbps · 3:12"
    best: bool  # the file mixes play
    playable: bool


def versions(conn: sqlite3.Connection, item_id: int) -> list[Version]:
    """Every file of the recording ``item_id`` belongs to, the best first."""
    files = db.files_of(conn, item_id)
    ranked = sorted(files, key=lambda f: quality_key(from_db(f[1]), f[3], f[4], f[2] == "ok", f[6] is None))
    out = []
    for k, (fid, path, status, bitrate, _cover, duration, implausible) in enumerate(ranked):
        ext = path.rsplit(".", 1)[-1].upper() if "." in path else "?"
        parts = [ext] + ([f"{round(bitrate / 1000):,} kbps"] if bitrate else [])
        if duration:
            parts.append(f"{int(duration) // 60}:{int(duration) % 60:02d}")
        if status != "ok":
            parts.append(status)
        elif implausible:
            parts.append("its length cannot be right")
        out.append(Version(int(fid), display(from_db(path)), " · ".join(parts), k == 0, status == "ok"))
    return out
