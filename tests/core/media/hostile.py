"""Hostile media for the fuzz tests of the readers (tests/core/library/test_reader.py, tests/core/analysis/
test_worker.py): real files made small, then truncated, bit-flipped, spliced or given a junk header."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from companion.core.media import synth

SEED_EXTS = (".mp3", ".flac", ".ogg", ".opus", ".m4a", ".wav")


def make_seeds(root: Path) -> list[tuple[str, bytes]]:
    """One small tagged file (with a cover) of each format the fuzz starts from, and a video."""
    out = []
    for i, ext in enumerate(SEED_EXTS):
        p = synth.write_audio(root / f"s{i}{ext}", synth.music_like(3, seed=i))
        synth.write_tags(
            p, {"title": f"Seed {i}", "artist": "Fuzz", "genre": ["Rock"]}, cover=synth.cover_jpeg(i)
        )
        out.append((ext, p.read_bytes()))
    out.append((".mp4", synth.write_video(root / "v.mp4", 1.0).read_bytes()))
    return out


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> list[tuple[str, bytes]]:
    """The seeds, made once per test module (import it into the module that uses it)."""
    return make_seeds(tmp_path_factory.mktemp("seeds"))


# each fuzz test: 60 mutated files, no deadline (a slow machine is no failure), the module's seeds reused
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def shared_seeds() -> list[tuple[str, bytes]]:
    """Real files from ../shared/data (mutagen's test files), when present."""
    from tests.conftest import SHARED_DATA

    media = SHARED_DATA / "media" / "mutagen"
    if not media.is_dir():
        return []
    picks = ["lame.mp3", "silence-44-s-v1.mp3", "no-tags.flac", "empty.ogg", "has-tags.m4a", "example.opus"]
    return [(Path(n).suffix, (media / n).read_bytes()) for n in picks if (media / n).is_file()]


mutation = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0.0, 1.0)),
    st.tuples(
        st.just("flip"), st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 7)), min_size=1, max_size=40)
    ),
    st.tuples(st.just("splice"), st.tuples(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.integers(0, 50))),
    st.tuples(st.just("junk-header"), st.binary(min_size=1, max_size=64)),
)


def mutate(data: bytes, other: bytes, how) -> bytes:
    kind, arg = how
    if kind == "truncate":
        return data[: int(len(data) * arg)]
    if kind == "flip":
        buf = bytearray(data)
        for where, bit in arg:
            i = min(len(buf) - 1, int(where * len(buf)))
            buf[i] ^= 1 << bit
        return bytes(buf)
    if kind == "splice":
        a, b, n = arg
        cut = int(len(data) * a)
        start = int(len(other) * b)
        return data[:cut] + other[start : start + 1024 * n] + data[cut:]
    return arg + data[len(arg) :]


def fuzzed(seeds: list[tuple[str, bytes]], tmp_path: Path, pick: int, other: int, how) -> tuple[Path, str]:
    """Write one mutated seed (chosen by ``pick``, spliced with ``other``) to ``tmp_path``; (path, kind)."""
    pool = seeds + shared_seeds()
    ext, data = pool[pick % len(pool)]
    path = tmp_path / f"fuzzed{ext}"
    path.write_bytes(mutate(data, pool[other % len(pool)][1], how))
    return path, "video" if ext == ".mp4" else "music"
