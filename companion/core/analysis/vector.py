"""The numeric vector used for "sounds like": which features, how each is scaled, how it is stored.

Stored as float32 bytes in ``audio_features.vector``; the similarity index standardises
each dimension over the library, so the scaling here only needs to make each one roughly linear.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

DIMENSIONS = (
    "tempo",
    "beat_strength",
    "loudness",
    "dynamic_range",
    "brightness",
    "rolloff",
    "flatness",
    "zcr",
    "onset_rate",
    "spectral_flux",
    "energy",
    "danceability",
    "acousticness",
    "valence",
    "mode",
)

# Importance of each dimension after standardisation (1 = plain z-score). Mode is bimodal and
# would otherwise split a genre in two; tempo and the 0..1 scales carry what listeners notice first.
WEIGHTS = {"tempo": 1.3, "energy": 1.2, "danceability": 1.2, "acousticness": 1.1, "mode": 0.5}


def dimension_weights() -> np.ndarray:
    return np.asarray([WEIGHTS.get(d, 1.0) for d in DIMENSIONS], dtype=np.float64)


def feature_vector(f: Mapping[str, Any]) -> bytes:
    """Pack a feature dict into float32 bytes in ``DIMENSIONS`` order."""
    bpm = f.get("bpm")
    sign = {"major": 1.0, "minor": -1.0}.get(f.get("mode") or "", 0.0)
    values = [
        math.log2(bpm / 120.0) if bpm else 0.0,
        f.get("beat_strength") or 0.0,
        f["loudness"] if f.get("loudness") is not None else -70.0,
        f.get("dynamic_range") or 0.0,
        f.get("brightness") or 0.0,
        math.log2(max(f.get("rolloff") or 0.0, 20.0)),
        f.get("flatness") or 0.0,
        f.get("zcr") or 0.0,
        f.get("onset_rate") or 0.0,
        f.get("spectral_flux") or 0.0,
        f.get("energy") or 0.0,
        f.get("danceability") or 0.0,
        f.get("acousticness") or 0.0,
        f.get("valence") or 0.0,
        sign * (f.get("key_confidence") or 0.0),
    ]
    return np.asarray(values, dtype=np.float32).tobytes()


def unpack(blob: bytes) -> np.ndarray:
    """The float32 vector stored in ``blob``; a blob of the wrong size yields an empty array."""
    arr = np.frombuffer(blob or b"", dtype=np.float32)
    return arr if len(arr) == len(DIMENSIONS) else np.zeros(0, dtype=np.float32)
