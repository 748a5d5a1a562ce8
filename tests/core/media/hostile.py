"""Hostile media: truncated, bit-flipped and spliced real files never crash or hang the scanner or analyser."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.analysis.worker import analyse_job
from companion.core.jobs.scan import run_scan
from companion.core.library.reader import read_one
from companion.core.media import synth

SEED_EXTS = (".mp3", ".flac", ".ogg", ".opus", ".m4a", ".wav")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> list[bytes]:
    root = tmp_path_factory.mktemp("seeds")
    out = []
    for i, ext in enumerate(SEED_EXTS):
        p = synth.write_audio(root / f"s{i}{ext}", synth.music_like(3, seed=i))
        synth.write_tags(
            p, {"title": f"Seed {i}", "artist": "Fuzz", "genre": ["Rock"]}, cover=synth.cover_jpeg(i)
        )
        out.append((ext, p.read_bytes()))
    out.append((".mp4", synth.write_video(root / "v.mp4", 1.0).read_bytes()))
    return out


def _shared_seeds() -> list[tuple[str, bytes]]:
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


def _mutate(data: bytes, other: bytes, how) -> bytes:
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


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pick=st.integers(0, 100), other=st.integers(0, 100), how=mutation)
def test_scanner_and_analyser_survive_mutated_files(seeds, tmp_path, pick, other, how):
    pool = seeds + _shared_seeds()
    ext, data = pool[pick % len(pool)]
    broken = _mutate(data, pool[other % len(pool)][1], how)
    path = tmp_path / f"fuzzed{ext}"
    path.write_bytes(broken)
    kind = "video" if ext == ".mp4" else "music"
    st_ = path.stat()
    result = read_one((str(path), kind, st_.st_size, st_.st_mtime_ns, None, str(tmp_path)))
    assert result.get("ok") is True or (result.get("ok") is False and result["error"].strip())
    item_id, features, error = analyse_job(1, str(path), None)
    assert item_id == 1
    assert (features is not None) != bool(error), "either features or a reason"
    # memory stays bounded: far below what an unbounded read of a corrupt length field would take
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2_000_000  # KiB


def test_a_folder_of_broken_files_scans_to_items_or_reasons(seeds, profile, db, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    names = []
    for i, (ext, data) in enumerate(seeds):
        for j, how in enumerate(
            [("truncate", 0.3), ("flip", [(0.01, 3), (0.5, 1)]), ("junk-header", b"\xff" * 40)]
        ):
            name = f"f{i}-{j}{ext}"
            (folder / name).write_bytes(_mutate(data, data, how))
            names.append(name)
    summary = run_scan(db, profile, [str(folder)])
    items = {Path(r[0]).name for r in db.execute("SELECT path FROM items")}
    failures = {Path(r[0]).name: r[1] for r in db.execute("SELECT path, error FROM scan_failures")}
    assert set(names) == items | set(failures)
    assert all(reason.strip() for reason in failures.values())
    assert summary.added + len(summary.failed) >= len(names)
