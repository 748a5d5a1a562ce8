"""Short-time spectrum of an excerpt and the frame-level descriptors computed from it (numpy only)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

N_FFT = 2048
HOP = 512
EPS = 1e-10


@dataclass
class Spectrum:
    """Magnitudes (frames x bins) of one mono excerpt, with what is needed to read them."""

    mag: np.ndarray
    freqs: np.ndarray
    rate: int
    hop: int

    @property
    def frame_rate(self) -> float:
        return self.rate / self.hop


def stft(x: np.ndarray, rate: int, n_fft: int = N_FFT, hop: int = HOP) -> Spectrum:
    """Hann-windowed magnitude spectrogram; an excerpt shorter than one frame is zero-padded."""
    x = np.asarray(x, dtype=np.float32)
    if len(x) < n_fft:
        x = np.pad(x, (0, n_fft - len(x)))
    n_frames = 1 + (len(x) - n_fft) // hop
    frames = np.lib.stride_tricks.as_strided(
        x, shape=(n_frames, n_fft), strides=(x.strides[0] * hop, x.strides[0]), writeable=False
    )
    window = np.hanning(n_fft).astype(np.float32)
    mag = np.abs(np.fft.rfft(frames * window, axis=1)).astype(np.float32)
    return Spectrum(mag=mag, freqs=np.fft.rfftfreq(n_fft, 1.0 / rate), rate=rate, hop=hop)


def onset_envelope(spec: Spectrum) -> np.ndarray:
    """Spectral flux of log-compressed magnitudes: how much new energy each frame brings."""
    logmag = np.log1p(np.float32(100.0) * spec.mag)
    diff = np.diff(logmag, axis=0)
    flux = np.maximum(diff, 0.0).mean(axis=1)
    return np.concatenate([[0.0], flux]).astype(np.float64)


def active_frames(mag: np.ndarray, active: np.ndarray | None) -> np.ndarray:
    """The frames marked active (no copy when all are)."""
    if active is None or active.all() or not active.any():
        return mag
    return mag[active[: len(mag)]]


def frame_descriptors(spec: Spectrum, env: np.ndarray, active: np.ndarray | None = None) -> dict[str, float]:
    """Over the (non-silent) frames: mean centroid, mean flatness (every other frame is plenty),
    85% rolloff of the mean spectrum, and mean flux (the onset envelope)."""
    mag = active_frames(spec.mag, active)
    power = np.square(mag, dtype=np.float32)
    total = power.sum(axis=1) + EPS
    centroid = (power * spec.freqs.astype(np.float32)).sum(axis=1) / total  # (no BLAS: slow on some CPUs)
    cumulative = np.cumsum(power.mean(axis=0, dtype=np.float64))
    rolloff = spec.freqs[min(int(np.searchsorted(cumulative, 0.85 * cumulative[-1])), len(spec.freqs) - 1)]
    sample = power[::2]
    flatness = np.exp(np.log(sample + np.float32(EPS)).mean(axis=1)) / (sample.mean(axis=1) + EPS)
    flux = env if active is None or not active.any() else env[active[: len(env)]]
    return {
        "centroid": float(np.mean(centroid)),
        "rolloff": float(rolloff),
        "flatness": float(np.mean(flatness)),
        "spectral_flux": float(np.mean(flux)) if len(flux) else 0.0,
    }


def zero_crossing_rate(x: np.ndarray) -> float:
    """Fraction of adjacent sample pairs that change sign."""
    if len(x) < 2:
        return 0.0
    signs = np.signbit(x)
    return float(np.count_nonzero(signs[1:] != signs[:-1]) / (len(x) - 1))


def frame_rms_db(x: np.ndarray, frame: int = N_FFT, hop: int = HOP) -> np.ndarray:
    """RMS level in dBFS per frame (aligned with ``stft`` frames)."""
    if len(x) < frame:
        x = np.pad(x, (0, frame - len(x)))
    n = 1 + (len(x) - frame) // hop
    sq = np.concatenate([[0.0], np.cumsum(np.asarray(x, dtype=np.float64) ** 2)])
    starts = np.arange(n) * hop
    ms = (sq[starts + frame] - sq[starts]) / frame
    return 10 * np.log10(ms + EPS)


MIN_ONSET = 0.02  # flux (log-magnitude units) below which nothing audibly starts


def onset_rate(env: np.ndarray, frame_rate: float) -> float:
    """Onsets per second: local maxima of the onset envelope well above its running median."""
    if len(env) < 3 or env.max() < MIN_ONSET:
        return 0.0
    width = max(3, int(frame_rate * 0.5)) | 1
    pad = width // 2
    padded = np.pad(env, pad, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, width)
    local_median = np.median(windows, axis=1)
    threshold = np.maximum(local_median + 0.5 * env.std(), MIN_ONSET)
    peaks = (env[1:-1] > env[:-2]) & (env[1:-1] >= env[2:]) & (env[1:-1] > threshold[1:-1])
    idx = np.flatnonzero(peaks) + 1
    # at most one onset per 50 ms
    min_gap = max(1, int(0.05 * frame_rate))
    kept = 0
    last = -min_gap
    for i in idx.tolist():
        if i - last >= min_gap:
            kept += 1
            last = i
    return kept / (len(env) / frame_rate)
