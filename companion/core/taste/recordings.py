"""The taste engine works on recordings: one entry per recording, represented by its best file.

The library scan groups the files that are one recording (``items.recording_id``, see
``companion.core.library.recordings``). Here the loaded library keeps one entry per recording (the file a
mix plays: playable, plausible, lossless before lossy, then bitrate, then art) and remembers the other
files as aliases, so that ``Library.index_of`` maps a play, skip or rating of any file to its recording.
Every row, mix, radio, search and the tray then see each recording once without knowing about files.

It also marks, per entry, spoken word (never in music mixes) and files that are suspect: a claimed length
that size and bitrate cannot hold, a music "track" over three hours, or audio the analysis could not
decode. The view keeps suspect entries out of mixes until one has been played through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from companion.core.db import recordings as db
from companion.core.library.plausibility import implausible
from companion.core.library.recordings import ALAC_MIN_BITRATE, LOSSLESS

if TYPE_CHECKING:
    import sqlite3

    from companion.core.taste.library import Library


def _extensions(paths: list[str]) -> np.ndarray:
    return np.array([p.rsplit(".", 1)[-1].lower() if "." in p[-6:] else "" for p in paths], dtype=object)


def one_entry_per_recording(conn: sqlite3.Connection, lib: Library) -> Library:
    """``lib`` (one entry per file) cut to one entry per recording, with spoken/suspect marks and aliases."""
    n = len(lib)
    facts = db.facts(conn)
    pos = lib.index_of(facts.ids, files=False)
    hit = pos >= 0
    at = pos[hit]

    def column(values: list, fill: float) -> np.ndarray:
        out = np.full(n, fill)
        out[at] = np.array([fill if v is None else v for v, h in zip(values, hit, strict=True) if h], float)
        return out

    recording = lib.ids.copy()
    recording[at] = np.array(
        [
            lib_id if r is None else r
            for r, lib_id, h in zip(facts.recording_id, facts.ids, hit, strict=True)
            if h
        ],
        np.int64,
    )
    spoken = np.zeros(n, bool)
    spoken[at] = np.array([s is not None for s, h in zip(facts.spoken, hit, strict=True) if h], bool)
    size, bitrate = column(facts.size, np.nan), column(facts.bitrate, np.nan)
    rate, channels = column(facts.sample_rate, 0.0), column(facts.channels, 0.0)
    cover = column(facts.has_cover, 0.0) > 0
    ext = _extensions(lib.path)
    lossless = np.isin(ext, list(LOSSLESS)) | (np.isin(ext, ["m4a", "mp4"]) & (bitrate >= ALAC_MIN_BITRATE))
    suspect = ~lib.is_video & implausible(lib.duration, size, bitrate, rate, channels, lossless, spoken)
    bad = lib.index_of(db.undecodable(conn), files=False)
    suspect[bad[bad >= 0]] = True
    lib.recording, lib.spoken, lib.suspect = recording, spoken, suspect
    lib.files = np.ones(n, np.int32)
    if len(np.unique(recording)) == n:  # no file shares a recording: nothing to fold
        return lib
    # best first within each recording: playable, plausible, lossless, bitrate, art (lexsort: last key leads)
    order = np.lexsort((~cover, -np.nan_to_num(bitrate), ~lossless, suspect, ~lib.ok, recording))
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
