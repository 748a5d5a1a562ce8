"""Integrated loudness (EBU R128 / ITU-R BS.1770 style) and loudness range, with numpy only.

K-weighting is applied in the frequency domain: each 100 ms sub-block is transformed, its
power spectrum weighted by |H(f)|^2 of the two BS.1770 filters (a high shelf and a high
pass, evaluated from their 48 kHz coefficients at the physical frequency), and summed
(Parseval). 400 ms blocks are four sub-blocks; gating is absolute (-70 LUFS) then relative
(-10 LU). Channels are summed as BS.1770 does for left/right.
The analysis rate of 22,050 Hz drops content above 11 kHz; for music that lowers the
estimate by a fraction of a dB.
"""

from __future__ import annotations

import numpy as np

ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
LRA_RELATIVE_GATE = -20.0
SUB_BLOCK_SECONDS = 0.1
REPLAYGAIN_REFERENCE = -18.0  # ReplayGain 2.0 targets -18 LUFS

# BS.1770-4 K-weighting biquads at 48 kHz: (b0, b1, b2), (a0, a1, a2)
_SHELF = ((1.53512485958697, -2.69169618940638, 1.19839281085285), (1.0, -1.69065929318241, 0.73248077421585))
_HIGHPASS = ((1.0, -2.0, 1.0), (1.0, -1.99004745483398, 0.99007225036621))


def k_weighting_power(freqs: np.ndarray) -> np.ndarray:
    """|H(f)|^2 of the K-weighting filter at frequencies ``freqs`` (Hz)."""
    z = np.exp(-2j * np.pi * np.asarray(freqs, dtype=np.float64) / 48000.0)
    h = np.ones_like(z)
    for b, a in (_SHELF, _HIGHPASS):
        h *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    return np.abs(h) ** 2


def sub_block_power(x: np.ndarray, rate: int) -> np.ndarray:
    """K-weighted mean square of each 100 ms sub-block of a (channels, samples) excerpt, channels summed."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    n = int(rate * SUB_BLOCK_SECONDS)
    count = x.shape[1] // n
    if count == 0:
        return np.zeros(0)
    blocks = x[:, : count * n].reshape(x.shape[0], count, n)
    spec = np.abs(np.fft.rfft(blocks, axis=2)) ** 2
    weights = k_weighting_power(np.fft.rfftfreq(n, 1.0 / rate))
    weights[1:] *= 2.0  # one-sided spectrum: count negative frequencies too
    if n % 2 == 0:
        weights[-1] /= 2.0  # ... except Nyquist, which has no twin
    power = (spec * weights).sum(axis=2) / (n * n)
    return power.sum(axis=0)


def _lufs(power: np.ndarray | float) -> np.ndarray | float:
    return -0.691 + 10.0 * np.log10(np.maximum(power, 1e-20))


def _blocks(sub: np.ndarray, length: int) -> np.ndarray:
    """Mean power of windows of ``length`` sub-blocks, hopping one sub-block (75% overlap for 400 ms)."""
    if len(sub) < length:
        return sub.mean(keepdims=True) if len(sub) else sub
    c = np.concatenate([[0.0], np.cumsum(sub)])
    return (c[length:] - c[:-length]) / length


def integrated_loudness(sub_blocks: list[np.ndarray]) -> float | None:
    """Gated integrated loudness in LUFS over excerpts' sub-block powers; None when all is below -70 LUFS."""
    blocks = np.concatenate([_blocks(s, 4) for s in sub_blocks if len(s)] or [np.zeros(0)])
    blocks = blocks[_lufs(blocks) > ABSOLUTE_GATE]
    if len(blocks) == 0:
        return None
    relative = _lufs(blocks.mean()) + RELATIVE_GATE
    gated = blocks[_lufs(blocks) > relative]
    return float(_lufs(gated.mean()))


def momentary_range(sub_blocks: list[np.ndarray]) -> float | None:
    """Dynamic range (dB): 95th minus 10th percentile of gated 400 ms (momentary) loudness.

    Like EBU Tech 3342's loudness range but over momentary rather than 3 s blocks, so that the
    rise and decay of notes counts (a struck piano scores high, a compressed dance track low).
    """
    blocks = np.concatenate([_blocks(s, 4) for s in sub_blocks if len(s)] or [np.zeros(0)])
    blocks = blocks[_lufs(blocks) > ABSOLUTE_GATE]
    if len(blocks) == 0:
        return None
    levels = np.asarray(_lufs(blocks))
    levels = levels[levels > _lufs(blocks.mean()) + LRA_RELATIVE_GATE]
    if len(levels) < 2:
        return 0.0
    return float(np.percentile(levels, 95) - np.percentile(levels, 10))


def loudness_from_replaygain(track_gain_db: float) -> float:
    """The loudness a ReplayGain 2.0 track gain implies: gain = -18 LUFS - loudness."""
    return REPLAYGAIN_REFERENCE - float(track_gain_db)
