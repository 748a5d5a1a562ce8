"""Derived 0..1 scales (energy, danceability, acousticness, valence, brightness) and the mood label.

Every formula here is documented in docs/analysis.md; change both together and bump
``companion.core.analysis.features.VERSION`` so stored rows are re-analysed.
"""

from __future__ import annotations

import math

MOODS = ("calm", "chill", "focus", "happy", "energetic", "melancholic", "party")


def clip01(x: float) -> float:
    return 0.0 if x != x else max(0.0, min(1.0, x))  # NaN -> 0


def brightness(centroid_hz: float) -> float:
    """Spectral centroid on a log scale: 200 Hz -> 0, 4 kHz -> 1."""
    if centroid_hz <= 0:
        return 0.0
    return clip01(math.log2(centroid_hz / 200.0) / math.log2(4000.0 / 200.0))


def loudness_scale(lufs: float | None) -> float:
    """-35 LUFS -> 0, -8 LUFS -> 1 (None, i.e. silence -> 0)."""
    return 0.0 if lufs is None else clip01((lufs + 35.0) / 27.0)


def tempo_fit(bpm: float | None) -> float:
    """How well a tempo suits dancing: 1 near 120 BPM, half at about 0.4 octave away."""
    if bpm is None:
        return 0.0
    return math.exp(-0.5 * (math.log2(bpm / 120.0) / 0.35) ** 2)


def energy(lufs: float | None, spectral_flux: float, onset_rate: float) -> float:
    """0.55 loudness + 0.25 spectral flux (0.5 -> 1) + 0.2 onset rate (6/s -> 1)."""
    return clip01(
        0.55 * loudness_scale(lufs) + 0.25 * clip01(spectral_flux / 0.5) + 0.2 * clip01(onset_rate / 6.0)
    )


def danceability(beat_strength: float, bpm: float | None, bpm_confidence: float) -> float:
    """A strong, regular pulse at a danceable tempo: strength x (0.3 + 0.7 fit) x (0.5 + 0.5 confidence)."""
    return clip01(beat_strength * (0.3 + 0.7 * tempo_fit(bpm)) * (0.5 + 0.5 * bpm_confidence))


def acousticness(bright: float, flatness: float, dynamic_range_db: float | None) -> float:
    """Dark, tonal and dynamic sounds score high: 0.4 (1 - brightness) + 0.3 tonality + 0.3 dynamics."""
    tonality = 1.0 - clip01(flatness / 0.3)
    dynamics = clip01((dynamic_range_db or 0.0) / 12.0)
    return clip01(0.4 * (1.0 - bright) + 0.3 * tonality + 0.3 * dynamics)


def valence(mode: str | None, key_confidence: float, bright: float, bpm: float | None) -> float:
    """Musical positiveness estimate: 0.4 mode + 0.3 brightness + 0.3 tempo.

    Mode counts 0.5 +/- 0.5 x key confidence (major up, minor down); tempo (60 -> 0, 160 -> 1)
    counts 0.3 when unknown.
    """
    sign = 1.0 if mode == "major" else -1.0 if mode == "minor" else 0.0
    mode_term = 0.5 + 0.5 * sign * clip01(key_confidence)
    tempo_term = 0.3 if bpm is None else clip01((bpm - 60.0) / 100.0)
    return clip01(0.4 * mode_term + 0.3 * bright + 0.3 * tempo_term)


def mood(energy_: float, valence_: float, danceability_: float) -> str:
    """One label from the valence/energy plane (see docs/analysis.md for the map)."""
    if energy_ >= 0.65:
        return "party" if danceability_ >= 0.55 and valence_ >= 0.45 else "energetic"
    if energy_ >= 0.4:
        if valence_ >= 0.55:
            return "happy"
        return "melancholic" if valence_ < 0.35 else "focus"
    if valence_ < 0.3:
        return "melancholic"
    return "chill" if danceability_ >= 0.45 else "calm"
