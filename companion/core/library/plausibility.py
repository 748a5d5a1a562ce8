"""Is a file's claimed length believable? Headers lie: a WAV whose header claims 37 hours in a 200 KB file,
a FLAC cut short by a failed copy that still claims its full length, a "track" of 34 hours.

Such files stay out of mixes until they have been played through once (the taste engine asks
:func:`implausible`); search and the library still show them. Vectorised, since the taste engine asks for
every item at once.
"""

from __future__ import annotations

import numpy as np

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
