"""The taste engine works on recordings: one entry per recording, represented by its best file.

The library scan groups the files that are one recording (``items.recording_id``, see
``companion.core.library.recordings``). Here the loaded library keeps one entry per recording (the file a
mix plays: playable, plausible, lossless before lossy, then bitrate, then art) and remembers the other
files as aliases, so that ``Library.index_of`` maps a play, skip or rating of any file to its recording.
Every row, mix, radio, search and the tray then see each recording once without knowing about files.

It also marks, per entry, spoken word (never in music mixes) and files that are suspect: a claimed length
that size and bitrate cannot hold or a music "track" over three hours (both judged by the pass after a
scan), or audio the analysis could not decode. The view keeps suspect entries out of mixes until one has
been played through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from companion.core.db import recordings as db
from companion.core.library.recordings import is_lossless

if TYPE_CHECKING:
    import sqlite3

    from companion.core.taste.library import Library


def _lossless(paths: list[str], idx: np.ndarray, bitrate: np.ndarray) -> np.ndarray:
    """Per entry of ``idx``: a lossless format (by extension; an .m4a by its bitrate: ALAC or AAC)."""
    return np.array(
        [is_lossless(paths[i], b) for i, b in zip(idx.tolist(), bitrate.tolist(), strict=True)], bool
    )


def one_entry_per_recording(conn: sqlite3.Connection, lib: Library) -> Library:
    """``lib`` (one entry per file) cut to one entry per recording, with spoken/suspect marks and aliases.

    Only the items the pass after a scan marked (several files, spoken word, an implausible length) are
    read; every other item is a recording of its own, plain music."""
    n = len(lib)
    f = db.facts(conn)
    pos = lib.index_of(f[:, 0].astype(np.int64), files=False)
    f, at = f[pos >= 0], pos[pos >= 0]
    recording = lib.ids.copy()
    recording[at] = f[:, 1].astype(np.int64)
    spoken = np.zeros(n, bool)
    spoken[at] = f[:, 2] > 0
    suspect = np.zeros(n, bool)
    suspect[at] = f[:, 3] > 0
    bad = lib.index_of(db.undecodable(conn), files=False)
    suspect[bad[bad >= 0]] = True
    bitrate, cover, lossless = np.zeros(n), np.zeros(n, bool), np.zeros(n, bool)
    bitrate[at], cover[at] = f[:, 4], f[:, 5] > 0
    lossless[at] = _lossless(lib.path, at, f[:, 4])
    lib.recording, lib.spoken, lib.suspect = recording, spoken, suspect
    lib.files = np.ones(n, np.int32)
    ordered = np.sort(recording)  # not np.unique, which imports numpy.ma on the way to the first home
    if not (ordered[1:] == ordered[:-1]).any():  # no file shares a recording: nothing to fold
        return lib
    # best first within each recording: playable, plausible, lossless, bitrate, art (lexsort: last key leads)
    order = np.lexsort((~cover, -bitrate, ~lossless, suspect, ~lib.ok, recording))
    first = np.ones(n, bool)
    first[1:] = recording[order][1:] != recording[order][:-1]
    keep = np.zeros(n, bool)
    keep[order[first]] = True
    group_of = np.cumsum(first) - 1  # per sorted position: which recording (in sorted order)
    files = np.bincount(group_of, lib.ok[order].astype(float))
    best_pos = np.flatnonzero(keep)  # ascending ids: the collapsed library's order
    rank = np.empty(n, np.int64)  # sorted recording number -> collapsed position
    rank_of_group = np.searchsorted(best_pos, order[first])
    rank[order] = rank_of_group[group_of]
    lib.files = np.zeros(n, np.int32)
    lib.files[order[first]] = np.maximum(1, files).astype(np.int32)
    out = lib.subset(keep)
    others = np.flatnonzero(~keep)
    out.alias_ids = lib.ids[others]
    out.alias_pos = rank[others]
    return out
