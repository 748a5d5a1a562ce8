"""ReplayGain: the volume factor that levels tracks (track or album mode), never clipping.

Pure arithmetic, no Qt: ``gain_factor`` turns the item's ``rg_*`` values and the
setting (off / track / album) into a linear factor the player multiplies its volume by.
Album mode falls back to the track gain when the album has none, and vice versa.
"""

from __future__ import annotations

# ReplayGain 2.0 targets -18 LUFS; files tagged against 89 dB SPL are the same reference.
PREAMP_DB = 0.0
# untagged files in a gain-adjusted session are lowered by this much so they do not stand out
UNTAGGED_DB = -6.0


def gain_factor(
    mode: str,
    track_gain: float | None,
    track_peak: float | None,
    album_gain: float | None,
    album_peak: float | None,
) -> float:
    """Linear factor (<= 1.0 for playback through a 0..1 volume) for the item's ReplayGain values."""
    if mode == "off":
        return 1.0
    if mode == "album" and album_gain is not None:
        gain, peak = album_gain, album_peak
    elif track_gain is not None:
        gain, peak = track_gain, track_peak
    elif album_gain is not None:
        gain, peak = album_gain, album_peak
    else:
        return 10 ** (UNTAGGED_DB / 20)
    factor = 10 ** ((gain + PREAMP_DB) / 20)
    if peak and peak > 0:
        factor = min(factor, 1.0 / peak)  # never push the loudest sample past full scale
    return min(factor, 1.0)  # QAudioOutput cannot amplify: positive gain is capped
