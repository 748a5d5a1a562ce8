"""Tempo (BPM) with a confidence, a half/double-time flag, and beat strength.

Two views of the onset envelope disagree in opposite ways about octave errors, so their
product settles them (Peeters' combined ACF/DFT idea):
- the autocorrelation summed at multiples of the beat period is as high for half the tempo
  as for the true one (every second beat is still a beat), but low for double;
- the spectrum summed at multiples of the beat frequency is as high for double the tempo,
  but low for half (the odd harmonics of half the tempo are empty).
A gentle log-normal preference around 120 BPM breaks the remaining ties.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_BPM, MAX_BPM = 40.0, 250.0
GRID = np.arange(MIN_BPM, MAX_BPM + 0.01, 0.1)
HARMONICS = 4
PRIOR_CENTRE, PRIOR_OCTAVES = 120.0, 1.4
AMBIGUOUS = 0.65  # an octave alternative this close to the winner is flagged (plain clicks: ~0.55)
N_SPECTRUM = 1 << 16
MIN_FLUX = 0.02  # onset envelope peak below this (log-magnitude units): nothing starts, no pulse
MIN_CONFIDENCE = 0.1  # below this the BPM is meaningless (noise) and is reported as None


@dataclass(frozen=True)
class Tempo:
    bpm: float | None
    confidence: float
    flag: str | None  # None, "half" (half this BPM fits nearly as well) or "double"
    beat_strength: float


def estimate_tempo(envelopes: list[np.ndarray], frame_rate: float) -> Tempo:
    """Tempo from one onset envelope per excerpt (frames at ``frame_rate`` Hz)."""
    acf_total = np.zeros_like(GRID)
    dft_total = np.zeros_like(GRID)
    used = 0
    for env in envelopes:
        if len(env) < frame_rate * 4 or float(np.max(env)) < MIN_FLUX:
            continue  # under 4 s, or no onsets (silence, a steady tone): no pulse to read
        o = _prepare(env, frame_rate)
        acf_total += _acf_harmonics(o, frame_rate) * len(o)
        dft_total += _dft_harmonics(o, frame_rate) * len(o)
        used += len(o)
    if used == 0 or acf_total.max() <= 0 or dft_total.max() <= 0:
        return Tempo(None, 0.0, None, 0.0)
    acf = np.maximum(acf_total / used, 0.0)
    dft = dft_total / used
    raw = (acf / acf.max()) * (dft / dft.max())
    prior = np.exp(-0.5 * (np.log2(GRID / PRIOR_CENTRE) / PRIOR_OCTAVES) ** 2)
    score = raw * prior
    i = int(np.argmax(score))
    bpm = _refine(score, i)
    # Periodicity: the mean autocorrelation at the beat period and its multiples (1.0 = perfectly periodic).
    periodicity = float(np.clip(acf[i] / HARMONICS, 0.0, 1.0))
    dominance = _dominance(score, i)
    confidence = float(np.clip(periodicity / 0.6, 0.0, 1.0) * dominance)
    flag = None
    for name, factor in (("half", 0.5), ("double", 2.0)):
        alt = bpm * factor
        if MIN_BPM <= alt <= MAX_BPM and _at(raw, alt) >= AMBIGUOUS * raw[i]:
            flag = name
    beat_strength = float(np.clip(periodicity / 0.6, 0.0, 1.0))
    if confidence < MIN_CONFIDENCE:
        return Tempo(None, round(confidence, 4), None, round(beat_strength, 4))
    return Tempo(round(bpm, 2), round(confidence, 4), flag, round(beat_strength, 4))


def _prepare(env: np.ndarray, frame_rate: float) -> np.ndarray:
    """Remove the slow trend (a ~1 s moving average) and smooth lightly."""
    width = max(3, int(frame_rate))
    trend = np.convolve(env, np.ones(width) / width, mode="same")
    o = np.maximum(env - trend, 0.0)
    kernel = np.exp(-0.5 * (np.arange(-3, 4) / 1.0) ** 2)
    o = np.convolve(o, kernel / kernel.sum(), mode="same")
    return o - o.mean()


def _acf_harmonics(o: np.ndarray, frame_rate: float) -> np.ndarray:
    n = len(o)
    spec = np.fft.rfft(o, 2 * n)
    r = np.fft.irfft(np.abs(spec) ** 2)[:n]
    if r[0] <= 0:
        return np.zeros_like(GRID)
    r = r / r[0] * n / np.maximum(n - np.arange(n), 1)  # unbiased, 1.0 at lag 0
    lags = 60.0 * frame_rate / GRID
    total = np.zeros_like(GRID)
    for k in range(1, HARMONICS + 1):
        total += np.interp(k * lags, np.arange(n), r, right=0.0)
    return total


def _dft_harmonics(o: np.ndarray, frame_rate: float) -> np.ndarray:
    mag = np.abs(np.fft.rfft(o * np.hanning(len(o)), N_SPECTRUM))
    # Whiten: divide by the local mean over ~3 Hz so every harmonic of a pulse counts alike
    # (smoothing and the frame rate would otherwise favour the low ones, i.e. half tempo).
    width = int(3.0 / frame_rate * N_SPECTRUM) | 1
    local = _moving_mean(mag, width)
    mag = mag / (local + 1e-9 * (mag.max() + 1e-12))
    bins = GRID / 60.0 / frame_rate * N_SPECTRUM
    total = np.zeros_like(GRID)
    for k in range(1, HARMONICS + 1):
        total += np.interp(k * bins, np.arange(len(mag)), mag, right=0.0)
    return total


def _moving_mean(x: np.ndarray, width: int) -> np.ndarray:
    c = np.concatenate([[0.0], np.cumsum(x)])
    half = width // 2
    lo = np.clip(np.arange(len(x)) - half, 0, len(x))
    hi = np.clip(np.arange(len(x)) + half + 1, 0, len(x))
    return (c[hi] - c[lo]) / (hi - lo)


def _refine(score: np.ndarray, i: int) -> float:
    if 0 < i < len(score) - 1:
        a, b, c = score[i - 1], score[i], score[i + 1]
        denom = a - 2 * b + c
        if denom < 0:
            return float(GRID[i] + 0.5 * (a - c) / denom * (GRID[1] - GRID[0]))
    return float(GRID[i])


def _at(curve: np.ndarray, bpm: float) -> float:
    return float(np.interp(bpm, GRID, curve))


def _dominance(score: np.ndarray, i: int) -> float:
    """How far the winner stands above the best candidate not related to it by a simple ratio."""
    best = GRID[i]
    related = np.zeros_like(GRID, dtype=bool)
    for ratio in (1.0, 0.5, 2.0, 1 / 3, 3.0, 2 / 3, 1.5, 0.25, 4.0):
        related |= np.abs(np.log2(GRID / (best * ratio))) < 0.06
    others = score[~related]
    if len(others) == 0 or score[i] <= 0:
        return 1.0
    return float(np.clip(1.0 - others.max() / score[i], 0.0, 1.0))
