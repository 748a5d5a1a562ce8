"""Every sound feature of one track, from its decoded excerpts (numpy only).

``analyse_file(path)`` returns a dict whose keys are the ``audio_features`` columns (without
item_id/version/analysed_at/error); it raises ``DecodeError`` with a plain reason when the
file has no decodable audio.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from companion.core.analysis import scales
from companion.core.analysis.decode import Decoded, decode_excerpts
from companion.core.analysis.edges import Edges, find_edges
from companion.core.analysis.key import chroma, estimate_key
from companion.core.analysis.loudness import (
    integrated_loudness,
    loudness_from_replaygain,
    momentary_range,
    sub_block_power,
)
from companion.core.analysis.spectral import active_frames as spectral_active
from companion.core.analysis.spectral import (
    frame_descriptors,
    frame_rms_db,
    onset_envelope,
    onset_rate,
    stft,
    zero_crossing_rate,
)
from companion.core.analysis.speech import speechiness
from companion.core.analysis.tempo import estimate_tempo
from companion.core.analysis.vector import feature_vector

VERSION = 2  # bump when any formula changes: older rows are re-analysed in the background
SILENCE_DBFS = -70.0  # frames quieter than this do not count towards timbre descriptors


def analyse_file(
    path: str, *, rg_track_gain: float | None = None, span: tuple[float, float | None] | None = None
) -> dict[str, Any]:
    """Decode excerpts of ``path`` (of its ``span``, for a CUE sheet's track) and compute its features."""
    started = time.perf_counter()
    decoded = decode_excerpts(path, span=span)
    out = analyse_decoded(decoded, rg_track_gain=rg_track_gain)
    out["seconds"] = round(time.perf_counter() - started, 4)
    return out


def analyse_decoded(decoded: Decoded, *, rg_track_gain: float | None = None) -> dict[str, Any]:
    """Features of already decoded excerpts (see ``decode.decode_samples`` for raw signals). One piece on
    purpose: the measures share their intermediate arrays (spectra, onset envelopes, loudness blocks),
    computed once per excerpt, and end in one record."""
    rate = decoded.rate
    monos = decoded.mono()
    specs = [stft(x, rate) for x in monos]
    envelopes = [onset_envelope(s) for s in specs]
    frame_rate = specs[0].frame_rate
    active = [frame_rms_db(x) > SILENCE_DBFS for x in monos]
    all_samples = np.concatenate(monos)
    rms = float(np.sqrt(np.mean(np.square(all_samples, dtype=np.float64)))) if len(all_samples) else 0.0
    rms_db = max(-120.0, 20 * np.log10(max(rms, 1e-10)))

    subs = [sub_block_power(x, rate) for x in decoded.excerpts]
    measured = integrated_loudness(subs)
    loud: float | None
    if rg_track_gain is not None:
        loud, loud_source = loudness_from_replaygain(rg_track_gain), "replaygain"
    else:
        loud, loud_source = measured, "measured"
    dyn = momentary_range(subs)

    silent = measured is None and not any(a.any() for a in active)
    tempo = estimate_tempo(envelopes, frame_rate)
    active_frames = sum(int(a.sum()) for a in active)
    if active_frames:
        weights = [int(a.sum()) for a in active if a.any()]
        parts = [(s, e, a) for s, e, a in zip(specs, envelopes, active, strict=True) if a.any()]
        per = [frame_descriptors(s, e, a) for s, e, a in parts]
        desc = {k: float(np.average([d[k] for d in per], weights=weights)) for k in per[0]}
        chromas = [chroma(spectral_active(s.mag, a), s.freqs) for s, _, a in parts]
        key = estimate_key(np.average(chromas, axis=0, weights=weights))
        zcr = float(np.mean([zero_crossing_rate(x) for x in monos]))
    else:
        desc = {"centroid": 0.0, "rolloff": 0.0, "flatness": 0.0, "spectral_flux": 0.0}
        key = estimate_key(np.zeros(12))
        zcr = 0.0
    seconds = sum(len(e) for e in envelopes) / frame_rate
    onsets = sum(onset_rate(e, frame_rate) * len(e) / frame_rate for e in envelopes) / max(seconds, 1e-9)

    bright = scales.brightness(desc["centroid"])
    energy = scales.energy(loud, desc["spectral_flux"], onsets)
    dance = scales.danceability(tempo.beat_strength, tempo.bpm, tempo.confidence)
    acoustic = scales.acousticness(bright, desc["flatness"], dyn)
    val = scales.valence(key.mode, key.confidence, bright, tempo.bpm)
    out: dict[str, Any] = {
        "bpm": tempo.bpm,
        "bpm_confidence": tempo.confidence,
        "tempo_flag": tempo.flag,
        "beat_strength": tempo.beat_strength,
        "key": key.key,
        "mode": key.mode,
        "key_confidence": key.confidence,
        "loudness": _round(loud, 2),
        "loudness_source": loud_source if loud is not None else None,
        "dynamic_range": _round(dyn, 2),
        "energy": round(energy, 4),
        "danceability": round(dance, 4),
        "acousticness": None if silent else round(acoustic, 4),
        "valence": None if silent else round(val, 4),
        "mood": None if silent else scales.mood(energy, val, dance),
        "brightness": round(bright, 4),
        "centroid": round(desc["centroid"], 1),
        "rolloff": round(desc["rolloff"], 1),
        "flatness": round(desc["flatness"], 5),
        "zcr": round(zcr, 5),
        "onset_rate": round(onsets, 3),
        "spectral_flux": round(desc["spectral_flux"], 5),
        "rms": round(rms_db, 2),
        "duration": _round(decoded.duration, 3),
        "speech": speechiness(monos, rate),
        "beat_period": None if tempo.bpm is None else round(60.0 / tempo.bpm, 4),
        **_edges(decoded, (measured, rms_db)).as_dict(),
    }
    out["vector"] = feature_vector(out)
    return out


def _edges(decoded: Decoded, level: tuple[float | None, float]) -> Edges:
    """Silence, fade-out and end energies from the decoded head and tail (none when they were not read)."""
    if decoded.head is None or decoded.tail is None:
        return Edges(None, None, None, None)
    known = None if level[0] is None else (float(level[0]), float(level[1]))
    return find_edges(_mono(decoded.head), _mono(decoded.tail), decoded.rate, decoded.tail_start, known)


def _mono(x: np.ndarray) -> np.ndarray:
    return x.mean(axis=0) if x.shape[0] > 1 else x[0]


def _round(x: float | None, digits: int) -> float | None:
    return None if x is None else round(float(x), digits)
