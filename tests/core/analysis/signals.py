"""Test signals with known answers: chord progressions, piano-like and dance-like tracks, noise."""

from __future__ import annotations

import numpy as np

from companion.core.media.synth import click_track

RATE = 22050
NOTE = {n: i for i, n in enumerate(("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"))}


def _note_hz(midi: float) -> float:
    return 440.0 * 2 ** ((midi - 69) / 12)


def _voice(midi: float, seconds: float, rate: int, decay: float, partials: int = 6) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    f = _note_hz(midi)
    out = sum(
        (0.6**k) * np.sin(2 * np.pi * f * (k + 1) * t) for k in range(partials) if f * (k + 1) < rate / 2
    )
    return out * np.exp(-t / decay)


def chord_progression(
    key: str,
    mode: str,
    seconds: float = 24.0,
    rate: int = RATE,
    chord_seconds: float = 2.0,
    decay: float = 1.5,
) -> np.ndarray:
    """I-IV-V-I (major) or i-iv-V-i (minor, harmonic V) block chords in ``key``, with a bass note."""
    tonic = 48 + NOTE[key]  # C3 .. B3
    third = 4 if mode == "major" else 3
    chords = [(0, third, 7), (5, 5 + (4 if mode == "major" else 3), 12), (7, 11, 14), (0, third, 7)]
    n = int(chord_seconds * rate)
    out = np.zeros(int(seconds * rate))
    for i, start in enumerate(range(0, len(out) - n + 1, n)):
        chord = chords[i % len(chords)]
        seg = sum(_voice(tonic + 12 + iv, chord_seconds, rate, decay) for iv in chord)
        seg = seg + 0.8 * _voice(tonic + chord[0] - 12, chord_seconds, rate, decay * 1.5)
        out[start : start + n] += seg
    return (0.5 * out / max(1e-9, np.max(np.abs(out)))).astype(np.float32)


def piano_like(seconds: float, seed: int = 0, rate: int = RATE, level: float = 0.25) -> np.ndarray:
    """Calm: soft, slow, decaying notes of a major scale, no drums (70 BPM quarter notes)."""
    rng = np.random.default_rng(seed)
    step = 60.0 / 70.0
    n = int(step * rate)
    out = np.zeros(int(seconds * rate))
    scale = (0, 2, 4, 5, 7, 9, 11, 12)
    root = 60 + int(rng.integers(0, 5))
    for start in range(0, len(out) - n + 1, n):
        note = root + scale[int(rng.integers(0, len(scale)))]
        out[start : start + n] += _voice(note, step, rate, decay=0.9, partials=4)
        out[start : start + n] += 0.5 * _voice(root - 12, step, rate, decay=1.2, partials=3)
    return (level * out / max(1e-9, np.max(np.abs(out)))).astype(np.float32)


def dance_like(seconds: float, bpm: float = 128.0, seed: int = 0, rate: int = RATE) -> np.ndarray:
    """Fast dance: four-on-the-floor kick, off-beat hats, a bright minor stab; loud."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    t = np.arange(n) / rate
    beat = 60.0 / bpm
    kick_len = int(0.12 * rate)
    kt = np.arange(kick_len) / rate
    kick = np.sin(2 * np.pi * (50 + 100 * np.exp(-kt / 0.02)) * kt) * np.exp(-kt / 0.05)
    hat_len = int(0.04 * rate)
    hat = rng.standard_normal(hat_len) * np.exp(-np.arange(hat_len) / (0.008 * rate))
    out = np.zeros(n)
    pos = 0.0
    while int(pos * rate) + kick_len < n:
        i = int(pos * rate)
        out[i : i + kick_len] += kick
        j = int((pos + beat / 2) * rate)
        if j + hat_len < n:
            out[j : j + hat_len] += 0.5 * hat
        pos += beat
    root = _note_hz(57 + int(rng.integers(0, 4)))
    stab = sum(np.sign(np.sin(2 * np.pi * root * r * t)) for r in (1.0, 2 ** (3 / 12), 1.5))
    gate = (np.floor(t / (beat / 2)) % 2 == 1) * np.exp(-((t % (beat / 2)) / 0.08))
    out += 0.12 * stab * gate
    out = np.tanh(2.5 * out / max(1e-9, np.max(np.abs(out))))
    return (0.95 * out / np.max(np.abs(out))).astype(np.float32)


def white_noise(seconds: float, level: float = 0.3, rate: int = RATE, seed: int = 0) -> np.ndarray:
    return (
        (level * np.random.default_rng(seed).standard_normal(int(seconds * rate)))
        .clip(-1, 1)
        .astype(np.float32)
    )


def clipped(seconds: float, bpm: float = 120.0, rate: int = RATE) -> np.ndarray:
    """A click track driven 20 dB into hard clipping."""
    return np.clip(click_track(seconds, bpm, rate, level_db=0.0) * 10.0, -1.0, 1.0).astype(np.float32)
