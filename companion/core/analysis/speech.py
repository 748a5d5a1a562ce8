"""How much a sound is speech rather than music: a long file that is mostly speech is spoken word.

Speech comes in syllables and words: its loudness rises and falls four or five times a second with short
pauses between words, and it alternates voiced and unvoiced sounds; music holds its level and its
pulse is slower. Three classic cues of speech/music discrimination (Scheirer & Slaney, 1997; Saunders,
1996), each mapped to 0..1 and weighted:

- the share of low-energy frames (quieter than half the mean of the second around them);
- the share of the loudness envelope's modulation between 2.5 and 7 Hz (the syllable rate);
- how much the zero-crossing rate varies from frame to frame (voiced vs unvoiced);

and then discounted by how regular the loudness pulse is: drums are choppy too, but they keep time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FRAME_S = 0.02
HOP_S = 0.01
SILENCE_RMS = 10 ** (-60 / 20)
WEIGHTS = (0.4, 0.35, 0.25)


def _frames(x: np.ndarray, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """(rms, zero-crossing rate) per 20 ms frame, every 10 ms."""
    size, hop = int(FRAME_S * rate), int(HOP_S * rate)
    if len(x) < size * 10:
        return np.zeros(0), np.zeros(0)
    n = 1 + (len(x) - size) // hop
    idx = np.arange(size)[None, :] + hop * np.arange(n)[:, None]
    frames = x[idx]
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1))
    zcr = np.mean(np.abs(np.diff(np.signbit(frames), axis=1)), axis=1)
    return rms, zcr


def _low_energy(rms: np.ndarray) -> float:
    window = int(1.0 / HOP_S)
    local = np.convolve(rms, np.ones(window) / window, mode="same")
    return float(np.mean(rms < 0.5 * local))


def _syllable_modulation(rms: np.ndarray) -> float:
    env = rms - rms.mean()
    if not env.any():
        return 0.0
    spec = np.abs(np.fft.rfft(env * np.hanning(len(env)))) ** 2
    freqs = np.fft.rfftfreq(len(env), HOP_S)
    total = spec[(freqs >= 0.5) & (freqs <= 25)].sum()
    return float(spec[(freqs >= 2.5) & (freqs <= 7.0)].sum() / total) if total > 0 else 0.0


def _periodicity(rms: np.ndarray) -> float:
    """How regular the loudness envelope's pulse is: the highest autocorrelation at a lag of 0.25-1.5 s
    (a beat repeats; speech's syllables and pauses do not)."""
    env = rms - rms.mean()
    denom = float(np.dot(env, env))
    if denom <= 0:
        return 0.0
    lo, hi = int(0.25 / HOP_S), min(len(env) // 2, int(1.5 / HOP_S))
    if hi <= lo:
        return 0.0
    spec = np.fft.rfft(env, 2 * len(env))
    acf = np.fft.irfft(np.abs(spec) ** 2)[: len(env)] / denom
    return float(acf[lo:hi].max())


def speechiness(monos: Sequence[np.ndarray], rate: int) -> float | None:
    """0..1: how much these excerpts sound like speech; None when there is too little sound to tell."""
    cues, pulse = [], []
    for x in monos:
        rms, zcr = _frames(np.asarray(x, np.float32), rate)
        active = rms > SILENCE_RMS
        if active.sum() < 100:
            continue
        zcr_a = zcr[active]
        cv = float(np.std(zcr_a) / max(1e-9, np.mean(zcr_a)))
        cues.append(
            (
                np.clip((_low_energy(rms) - 0.1) / 0.3, 0, 1),
                np.clip((_syllable_modulation(rms) - 0.15) / 0.35, 0, 1),
                np.clip((cv - 0.3) / 0.7, 0, 1),
            )
        )
        pulse.append(_periodicity(rms))
    if not cues:
        return None
    beat = float(np.clip((np.mean(pulse) - 0.35) / 0.3, 0, 1))  # a steady beat: music, however choppy
    return round(float(np.dot(np.mean(cues, axis=0), WEIGHTS)) * (1.0 - beat), 4)
