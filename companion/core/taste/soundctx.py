"""What this moment sounds like: tempo (and energy, valence) of what the person plays now vs always.

Some people choose by genre, others by feel: slow in the morning, fast at night, whatever
the genre. For each sound dimension the engine estimates two densities, one over everything
the person plays and one over what they play at this hour and weekday (both weighted by the
same evidence as presence), and scores an item by the log of their ratio at the item's value:
positive where this moment's listening is denser than usual. Walk-forward tuning decides how
much this counts for the person (``Params.sound_weight``; 0 for people who choose by genre).
"""

from __future__ import annotations

import numpy as np

from companion.core.taste.library import AUDIO_FEATURES, Library

BINS = 48
SMOOTH = 1.5  # Gaussian smoothing of the histogram, in bins
PRIOR = 0.25  # share of a flat density mixed in, so thin evidence cannot shout
MIN_KNOWN = 10


def _dimensions(lib: Library) -> list[tuple[np.ndarray, float, float]]:
    """(values per item, nan unknown; low; high) for each sound dimension the library has."""
    dims = []
    with np.errstate(divide="ignore", invalid="ignore"):
        dims.append((np.log2(np.where(lib.bpm > 0, lib.bpm, np.nan)), np.log2(40.0), np.log2(250.0)))
    if lib.features is not None:
        for name in ("energy", "valence"):
            dims.append((lib.features[:, AUDIO_FEATURES.index(name)], 0.0, 1.0))
    return dims


def _density(values: np.ndarray, weights: np.ndarray, lo: float, hi: float) -> np.ndarray:
    hist, _ = np.histogram(np.clip(values, lo, hi), bins=BINS, range=(lo, hi), weights=weights)
    k = np.arange(-4, 5)
    kernel = np.exp(-(k**2) / (2 * SMOOTH**2))
    smooth = np.convolve(hist, kernel / kernel.sum(), mode="same")
    total = smooth.sum()
    flat = np.full(BINS, 1.0 / BINS)
    return flat if total <= 0 else (1 - PRIOR) * smooth / total + PRIOR * flat


def sound_lift(lib: Library, pres: np.ndarray, pres_ctx: np.ndarray) -> np.ndarray:
    """Per item: sum over sound dimensions of log(density now / density always) at its value (0 unknown)."""
    out = np.zeros(len(lib))
    for values, lo, hi in _dimensions(lib):
        known = ~np.isnan(values) & ~lib.is_video
        if known.sum() < MIN_KNOWN or pres_ctx[known].sum() <= 0 or pres[known].sum() <= 0:
            continue
        v = values[known]
        now = _density(v, pres_ctx[known], lo, hi)
        always = _density(v, pres[known], lo, hi)
        bins = np.clip(((np.clip(v, lo, hi) - lo) / (hi - lo) * BINS).astype(np.int64), 0, BINS - 1)
        out[known] += np.log(now[bins] / always[bins])
    return out
