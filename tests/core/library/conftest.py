"""Real media files for the scanner's tests, made on the spot with PyAV and mutagen."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from companion.core.media import synth

_TEMPLATES: dict[str, Path] = {}


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("templates")


def write_wma(path: Path, seconds: float = 0.4) -> Path:
    """A real WMA (ASF container, wmav2 codec): synth does not make these."""
    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    samples = synth.tone(seconds, 22050)
    with av.open(str(path), "w", format="asf") as c:
        s = c.add_stream("wmav2", rate=22050, layout="mono")
        s.bit_rate = 64000  # wmav2 will not open without one
        fs = s.codec_context.frame_size or 1024
        for start in range(0, len(samples), fs):
            frame = av.AudioFrame.from_ndarray(
                samples[None, start : start + fs].copy(), format="fltp", layout="mono"
            )
            frame.sample_rate, frame.pts, frame.time_base = 22050, start, Fraction(1, 22050)
            for p in s.encode(frame):
                c.mux(p)
        for p in s.encode(None):
            c.mux(p)
    return path


def albums(root: Path, make_audio, count: int = 4, tracks: int = 5) -> list[Path]:
    """``Artist N/Album N (2001)/NN Song N.mp3`` files, ``tracks`` in each of ``count`` albums."""
    paths = []
    for a in range(count):
        for t in range(tracks):
            paths.append(make_audio(root / f"Artist {a}" / f"Album {a} (2001)" / f"{t + 1:02d} Song {t}.mp3"))
    return paths


@pytest.fixture
def make_audio(template_dir):
    """make_audio(path) -> a fresh copy of a short, untagged, real file of the path's format."""

    def make(path: Path) -> Path:
        ext = path.suffix.lower()
        if ext not in _TEMPLATES or not _TEMPLATES[ext].exists():
            t = template_dir / f"template{ext}"
            if ext == ".wma":
                write_wma(t)
            else:
                synth.write_audio(t, np.asarray(synth.tone(0.4, 22050)), 22050)
            _TEMPLATES[ext] = t
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_TEMPLATES[ext], path)
        return path

    return make


@pytest.fixture
def make_video(template_dir):
    def make(path: Path, black_frames: int = 0) -> Path:
        key = f"{path.suffix}-{black_frames}"
        t = template_dir / f"video{key}{path.suffix}"
        if not t.exists():
            synth.write_video(
                t, seconds=1.0, size=(64, 48), fps=12, with_audio=False, black_frames=black_frames
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(t, path)
        return path

    return make


@pytest.fixture
def scan_conn(profile, db):
    """run(folders=None, **kw) -> ScanSummary, over the test's profile database."""
    from companion.core.jobs.scan import run_scan

    def run(folders=None, **kw):
        return run_scan(db, profile, [str(f) for f in folders] if folders is not None else None, **kw)

    return run
