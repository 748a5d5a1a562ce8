"""Helpers for analysis tests: library rows as the scanner stores them, long files made cheaply."""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import numpy as np

from companion.core.library.pathcodec import to_db


def add_items(
    conn, paths: Sequence[Path | str], *, kind: str = "music", tags: Sequence[dict] | None = None
) -> list[int]:
    """Insert library rows for ``paths`` the way the scanner stores them (path codec, ok status)."""
    now = time.time()
    ids = []
    with conn:
        for i, p in enumerate(paths):
            extra = dict(tags[i]) if tags else {}
            cols = ["path", "kind", "added_at", "updated_at", *extra]
            cur = conn.execute(
                f"INSERT INTO items({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                (to_db(str(p)), kind, now, now, *extra.values()),
            )
            ids.append(int(cur.lastrowid))
    return ids


def write_long_flac(path: Path, hours: float, pattern: np.ndarray, rate: int) -> Path:
    """A long FLAC made by repeating ``pattern`` (int16-scaled), encoded frame by frame: little memory."""
    import av

    pat = (np.clip(pattern, -1, 1) * 32767).astype(np.int16)[None, :]
    repeats = int(hours * 3600 * rate / pat.shape[1])
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format="flac") as container:
        stream = container.add_stream("flac", rate=rate, layout="mono")
        stream.codec_context.options = {"compression_level": "0"}
        for i in range(repeats):
            frame = av.AudioFrame.from_ndarray(pat, format="s16", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, i * pat.shape[1], Fraction(1, rate)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def character_library(folder: Path) -> dict[str, list[Path]]:
    """A small library with known character: calm piano pieces, fast dance tracks, mid-tempo pop."""
    from companion.core.media.synth import music_like, write_audio
    from tests.core.analysis.signals import dance_like, piano_like

    folder.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Path]] = {"calm": [], "dance": [], "pop": []}
    for i in range(6):
        groups["calm"].append(
            write_audio(folder / f"calm{i}.flac", piano_like(12, seed=i, level=0.2 + 0.04 * i))
        )
        groups["dance"].append(
            write_audio(folder / f"dance{i}.flac", dance_like(12, bpm=124 + 2 * i, seed=i))
        )
    for i in range(4):
        groups["pop"].append(
            write_audio(folder / f"pop{i}.flac", music_like(12, bpm=96 + 4 * i, root_hz=196 + 20 * i, seed=i))
        )
    return groups


def add_character_library(conn, groups: dict[str, list[Path]]) -> dict[str, list[int]]:
    """Library rows for ``character_library`` files; each group's tracks by two artists of that group."""
    out = {}
    for name, paths in groups.items():
        tags = [{"title": p.stem, "artist": f"{name} artist {i % 2}"} for i, p in enumerate(paths)]
        out[name] = add_items(conn, paths, tags=tags)
    return out


_CHARACTER: dict[str, tuple[dict[str, list[Path]], dict[Path, dict]]] = {}


def analysed_character_library(tmp_path_factory) -> tuple[dict[str, list[Path]], dict[Path, dict]]:
    """``character_library`` files and their features, made once per test run (``tests.conftest.made_once``:
    several modules in several test processes use them) and kept by each process."""
    if "lib" not in _CHARACTER:
        from tests.conftest import made_once

        _CHARACTER["lib"] = made_once(tmp_path_factory, "character-library", _analysed_character_library)
    return _CHARACTER["lib"]


def _analysed_character_library(folder: Path) -> tuple[dict[str, list[Path]], dict[Path, dict]]:
    from companion.core.analysis.features import analyse_file

    files = character_library(folder)
    return files, {p: analyse_file(str(p)) for paths in files.values() for p in paths}
