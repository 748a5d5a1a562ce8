"""Fixtures for the analysis tests: real audio files written from synthesised signals, library rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from companion.core.media.synth import write_audio

RATE = 22050


@pytest.fixture
def audio_file(tmp_path: Path) -> Callable[..., Path]:
    """Write float samples to a real file (FLAC unless another extension is named)."""
    counter = iter(range(10_000))

    def write(samples: np.ndarray, name: str | None = None, rate: int = RATE, channels: int = 1) -> Path:
        path = tmp_path / "media" / (name or f"track{next(counter)}.flac")
        return write_audio(path, samples, rate=rate, channels=channels)

    return write
