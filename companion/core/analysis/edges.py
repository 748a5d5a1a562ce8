"""Where the music really starts and ends: leading/trailing silence, the fade-out, and the energy of both ends.

From short-term RMS of the decoded head and tail of a track (``decode.Decoded.head``/``tail``):

- ``intro_end``: the first moment of real music (the end of leading silence), in seconds.
- ``outro_start``: where the ending begins: the start of the fade-out when the track fades, else the
  last moment of sound (the start of trailing silence).
- ``energy_in`` / ``energy_out``: the energy scale (``scales.energy``) of the first and last 15 s of music.

A fade is found as the descent to silence at the end of the tail; its start is where a straight line
fitted to the descent (in amplitude for linear fades, in dB for logarithmic ones, whichever fits
better) meets the level of the music before it. That extrapolation is what makes it accurate to a
fraction of a second: the level only drops 1 dB in the first tenth of a linear fade.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from companion.core.analysis import scales
from companion.core.analysis.loudness import integrated_loudness, sub_block_power
from companion.core.analysis.spectral import onset_envelope, onset_rate, stft

BLOCK_S = 0.05  # resolution of the silence edges
SMOOTH_S = 1.0  # window of the level curve a fade is read from (a few beats)
SILENCE_DBFS = -60.0  # quieter than this is silence ...
SILENCE_BELOW_MUSIC_DB = 45.0  # ... and so is anything this far below the music's level
FADE_MIN_S = 1.5  # a descent shorter than this is an ending, not a fade
FADE_TOP_DB = 3.0  # the descent is fitted from this far below the music level ...
FADE_BOTTOM_DB = 24.0  # ... down to this far below
END_SECONDS = 15.0  # the "first and last 15 s" whose energy is measured


@dataclass(frozen=True)
class Edges:
    intro_end: float | None
    outro_start: float | None
    energy_in: float | None
    energy_out: float | None

    def as_dict(self) -> dict[str, float | None]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(float(x), 3)

        return {
            "intro_end": r(self.intro_end),
            "outro_start": r(self.outro_start),
            "energy_in": r(self.energy_in),
            "energy_out": r(self.energy_out),
        }


def block_db(x: np.ndarray, rate: int, seconds: float = BLOCK_S) -> np.ndarray:
    """RMS level (dBFS) of consecutive blocks of ``seconds`` of a mono signal."""
    n = max(1, int(rate * seconds))
    count = len(x) // n
    if count == 0:
        return np.zeros(0)
    ms = np.mean(np.square(x[: count * n].reshape(count, n), dtype=np.float64), axis=1)
    return 10 * np.log10(ms + 1e-12)


def _smoothed_amp(levels_db: np.ndarray, blocks: int) -> np.ndarray:
    """RMS amplitude over a centred window of ``blocks`` blocks (from block levels)."""
    power = 10 ** (levels_db / 10)
    pad = blocks // 2
    padded = np.pad(power, pad, mode="edge")
    c = np.concatenate([[0.0], np.cumsum(padded)])
    return np.sqrt((c[blocks:] - c[:-blocks])[: len(power)] / blocks)


def _silence_threshold(levels_db: np.ndarray) -> float:
    loud = np.percentile(levels_db, 90) if len(levels_db) else SILENCE_DBFS
    return max(SILENCE_DBFS, float(loud) - SILENCE_BELOW_MUSIC_DB)


def find_edges(
    head: np.ndarray, tail: np.ndarray, rate: int, tail_start: float, level: tuple[float, float] | None = None
) -> Edges:
    """Edges of a track from its mono ``head`` (from 0 s) and ``tail`` (from ``tail_start`` s to the end).

    ``level``: the track's (integrated loudness LUFS, RMS dBFS) from the excerpts; an end's loudness is then
    the track's loudness moved by the end's RMS difference (a K-weighted measurement of each end would cost
    a fifth of this module's time for a fraction of a LU). Without it the ends are measured.
    """
    head_db, tail_db = block_db(head, rate), block_db(tail, rate)
    threshold = _silence_threshold(np.concatenate([head_db, tail_db]))
    sounding = np.flatnonzero(head_db > threshold)
    if len(sounding) == 0 and not (tail_db > threshold).any():
        return Edges(None, None, None, None)
    intro = float(sounding[0] * BLOCK_S) if len(sounding) else float(len(head_db) * BLOCK_S)
    t_sound = np.flatnonzero(tail_db > threshold)
    end_block = int(t_sound[-1]) + 1 if len(t_sound) else len(tail_db)
    fade = _fade_start(tail_db[:end_block])
    outro_rel = fade if fade is not None else end_block * BLOCK_S
    outro = tail_start + outro_rel
    if outro < intro:  # a short sound in a long silence: keep the order sane
        outro = intro
    n_end = int(END_SECONDS * rate)
    i0 = int(intro * rate)
    e1 = int(end_block * BLOCK_S * rate)
    e_in = segment_energy(head[i0 : i0 + n_end], rate, level)
    lo = max(0, e1 - n_end)
    e_out = segment_energy(tail[lo:e1], rate, level)
    return Edges(intro, outro, e_in, e_out)


def _fade_start(levels_db: np.ndarray) -> float | None:
    """Seconds (from the start of ``levels_db``) where a fade to its end begins, or None (no fade)."""
    blocks = max(3, int(SMOOTH_S / BLOCK_S))
    if len(levels_db) < 3 * blocks:
        return None
    amp = _smoothed_amp(levels_db, blocks)
    db = 20 * np.log10(amp + 1e-12)
    # the music level: the loud part of the tail before its last second
    music_db = float(np.percentile(db[:-blocks] if len(db) > 2 * blocks else db, 75))
    above = np.flatnonzero(db >= music_db - FADE_TOP_DB)
    if len(above) == 0:
        return None
    top = int(above[-1])
    below = np.flatnonzero(db[top:] <= music_db - FADE_BOTTOM_DB)
    bottom = top + int(below[0]) if len(below) else len(db) - 1
    if (bottom - top) * BLOCK_S < FADE_MIN_S - SMOOTH_S / 2:
        return None
    t = np.arange(top, bottom + 1) * BLOCK_S + BLOCK_S / 2
    start = None
    for _ in range(3):  # the music level from before the fade, then the fade start again
        start = _extrapolate(t, amp[top : bottom + 1], music_db)
        if start is None:
            return None
        before = db[: max(blocks, int(start / BLOCK_S) - blocks // 2)]
        music_db = 10 * np.log10(float(np.mean(10 ** (before / 10))) + 1e-12)  # power: see _smoothed_amp
    if start is None or (len(db) * BLOCK_S - start) < FADE_MIN_S:
        return None
    return max(0.0, start)


def _extrapolate(t: np.ndarray, amp: np.ndarray, music_db: float) -> float | None:
    """Where a line through the descent (amplitude or dB, the better fit) reaches the music level."""
    if len(t) < 4:
        return None
    best: tuple[float, float] | None = None
    for values, target in ((amp, 10 ** (music_db / 20)), (20 * np.log10(amp + 1e-12), music_db)):
        slope, icpt = np.polyfit(t, values, 1)
        if slope >= 0:
            continue
        resid = values - (slope * t + icpt)
        r2 = 1 - float(np.sum(resid**2)) / max(float(np.sum((values - values.mean()) ** 2)), 1e-18)
        when = (target - icpt) / slope
        if best is None or r2 > best[0]:
            best = (r2, float(when))
    if best is None:
        return None
    return min(best[1], float(t[0]))


def segment_energy(x: np.ndarray, rate: int, level: tuple[float, float] | None = None) -> float | None:
    """``scales.energy`` of a stretch of music (None when it is shorter than a second)."""
    if len(x) < rate:
        return None
    spec = stft(x, rate)
    env = onset_envelope(spec)
    if level is not None:
        rms_db = 10 * np.log10(float(np.mean(np.square(x, dtype=np.float64))) + 1e-12)
        loud: float | None = level[0] + (rms_db - level[1])
    else:
        loud = integrated_loudness([sub_block_power(x[None, :], rate)])
    return round(scales.energy(loud, float(np.mean(env)), onset_rate(env, spec.frame_rate)), 4)
