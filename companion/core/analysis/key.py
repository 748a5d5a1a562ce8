"""Key and mode from a chroma vector matched against Krumhansl-Kessler and Temperley profiles.

Chroma: each spectrum bin between 65 Hz and 1.5 kHz gives its energy to the pitch class it is
nearest, with a weight that falls off within a semitone (so bins between two notes count less).
Above 1.5 kHz the upper partials of lower notes (a fifth and a third above) blur the key.
The 24 major/minor keys are scored by the correlation of the track's chroma with each rotated
profile; both profile sets vote (mean correlation). Confidence is the winner's margin over the
runner-up, scaled to 0..1 together with how strong the correlation is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PITCH_CLASSES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
LOW_HZ, HIGH_HZ = 65.0, 1500.0

# Krumhansl & Kessler (1982) probe-tone ratings.
KK_MAJOR = (6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88)
KK_MINOR = (6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17)
# Temperley (1999) key profiles.
TEMPERLEY_MAJOR = (5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0)
TEMPERLEY_MINOR = (5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0)


@dataclass(frozen=True)
class Key:
    key: str | None  # "C", "F#", ...
    mode: str | None  # "major" | "minor"
    confidence: float


_weights_cache: dict[tuple[int, int], np.ndarray] = {}


def chroma_weights(freqs: np.ndarray) -> np.ndarray:
    """(bins x 12) matrix mapping spectrum magnitudes to pitch classes."""
    key = (len(freqs), int(round(freqs[1] * 1000)) if len(freqs) > 1 else 0)
    cached = _weights_cache.get(key)
    if cached is not None:
        return cached
    weights = np.zeros((len(freqs), 12))
    usable = (freqs >= LOW_HZ) & (freqs <= HIGH_HZ)
    midi = 69.0 + 12.0 * np.log2(np.maximum(freqs[usable], 1e-9) / 440.0)
    nearest = np.round(midi)
    closeness = np.cos(np.clip(midi - nearest, -0.5, 0.5) * np.pi) ** 2  # 1 on the note, 0 between notes
    weights[np.flatnonzero(usable), nearest.astype(int) % 12] = closeness
    _weights_cache[key] = weights
    return weights


def chroma(mag: np.ndarray, freqs: np.ndarray) -> np.ndarray:
    """Mean 12-bin chroma of a magnitude spectrogram (frames x bins), each frame normalised first."""
    if len(mag) == 0:
        return np.zeros(12)
    weights = chroma_weights(freqs)
    used = np.flatnonzero(weights.any(axis=1))
    if len(used) == 0:
        return np.zeros(12)
    # Each bin feeds one pitch class: sum bins per class (no BLAS matmul: slow on some CPUs).
    roots = np.sqrt(mag[:, used]) * weights[used].max(axis=1).astype(np.float32)
    classes = weights[used].argmax(axis=1)
    per_frame = np.stack([roots[:, classes == pc].sum(axis=1) for pc in range(12)], axis=1)
    norms = per_frame.sum(axis=1, keepdims=True)
    loud = norms[:, 0] > 1e-6 * max(1e-12, float(norms.max()))
    if not loud.any():
        return np.zeros(12)
    return (per_frame[loud] / norms[loud]).mean(axis=0)


def _profile_scores(c: np.ndarray) -> np.ndarray:
    """(24,) correlations: index 0..11 major keys on C..B, 12..23 minor keys."""
    scores = np.zeros(24)
    for major, minor in ((KK_MAJOR, KK_MINOR), (TEMPERLEY_MAJOR, TEMPERLEY_MINOR)):
        for tonic in range(12):
            scores[tonic] += np.corrcoef(c, np.roll(major, tonic))[0, 1] / 2
            scores[12 + tonic] += np.corrcoef(c, np.roll(minor, tonic))[0, 1] / 2
    return scores


def estimate_key(c: np.ndarray) -> Key:
    """Best of the 24 keys for chroma ``c``; None when there is no pitched content."""
    c = np.asarray(c, dtype=np.float64)
    if c.sum() <= 0 or np.std(c) < 1e-3 * c.mean():
        return Key(None, None, 0.0)
    scores = np.nan_to_num(_profile_scores(c), nan=-1.0)
    order = np.argsort(scores)[::-1]
    best, second = scores[order[0]], scores[order[1]]
    margin = float(np.clip((best - second) / 0.15, 0.0, 1.0))
    strength = float(np.clip((best - 0.3) / 0.5, 0.0, 1.0))
    confidence = round(float(np.sqrt(margin * strength)), 4)
    idx = int(order[0])
    return Key(PITCH_CLASSES[idx % 12], "major" if idx < 12 else "minor", confidence)
