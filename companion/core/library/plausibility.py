"""Is a file's claimed length believable? Headers lie: a WAV whose header claims 37 hours in a 200 KB file,
a FLAC cut short by a failed copy that still claims its full length, a "track" of 34 hours.

Such files stay out of mixes until they have been played through once. The pass after a scan judges each
new or changed file (:func:`judge_changed`, ``items.implausible`` holds why); the taste engine reads the
verdicts. Search and the library still show these files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

import numpy as np

from companion.core.db import recordings as db
from companion.core.library.recordings import is_lossless

MAX_TRACK_S = 3 * 3600.0  # a music "track" longer than this is a mistake or a recording of something else
SLACK = 3.0  # claimed length may be up to this many times what the size and bitrate allow
# A lossless file (FLAC, WavPack, ...) keeps at least this share of the PCM bit rate (16 bit assumed): FLAC's
# own "bitrate" is its size over its claimed length, so a truncated FLAC would look plausible without it.
LOSSLESS_FLOOR = 0.3


def implausible(
    duration: np.ndarray,
    size: np.ndarray,
    bitrate: np.ndarray,
    sample_rate: np.ndarray,
    channels: np.ndarray,
    lossless: np.ndarray,
    long_ok: np.ndarray,
) -> np.ndarray:
    """Per file: the claimed ``duration`` is more than :data:`SLACK` times what ``size`` at ``bitrate`` holds,
    or over :data:`MAX_TRACK_S` where ``long_ok`` is false (music, not spoken word). Unknown facts (nan)
    never make a file implausible."""
    duration = np.asarray(duration, float)
    floor = np.where(lossless, LOSSLESS_FLOOR * sample_rate * np.where(channels > 0, channels, 1) * 16.0, 0.0)
    rate = np.fmax(np.asarray(bitrate, float), np.nan_to_num(floor))
    with np.errstate(invalid="ignore", divide="ignore"):
        allowed = np.where(rate > 0, np.asarray(size, float) * 8.0 / rate, np.nan)
        too_long_for_size = duration > SLACK * allowed
    return np.nan_to_num(too_long_for_size, nan=0).astype(bool) | (
        ~np.asarray(long_ok) & (duration > MAX_TRACK_S)
    )


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def judge_changed(
    conn: sqlite3.Connection, changed: Sequence[db.Changed], spoken: Mapping[int, str | None]
) -> int:
    """Judge the given (new or changed) music files; ``spoken`` says which are spoken word (they may be long).
    Returns how many verdicts changed."""
    music = [r for r in changed if r.kind == "music"]
    if not music:
        return 0

    def col(name: str) -> np.ndarray:
        return np.array([np.nan if getattr(r, name) is None else float(getattr(r, name)) for r in music])

    duration = col("duration")
    long_ok = np.array([bool(spoken.get(r.id)) for r in music])
    lossless = np.array([is_lossless(r.path, r.bitrate) for r in music])
    sizes = (col("size"), col("bitrate"), col("sample_rate"), col("channels"))
    too_big = implausible(duration, *sizes, lossless, np.ones(len(music), bool))  # the size rule alone
    too_long = ~long_ok & (duration > MAX_TRACK_S)
    updates = []
    for r, big, long_, d in zip(music, too_big, too_long, duration, strict=True):
        reason = None
        if big:
            reason = f"claims {_clock(d)}, more than {SLACK:g} times what its size holds"
        elif long_:
            reason = f"a music track claiming {_clock(d)} (over 3 hours)"
        if reason != r.implausible:
            updates.append((reason, r.id))
    db.set_implausible(conn, updates)
    return len(updates)
