"""benchmarks/common/cache.py: generated data outside the checkout, made once per parameters."""

import json

import pytest

from benchmarks.common.cache import BenchError, cached, copy_of, scratch, work_root
from benchmarks.common.machine import ROOT


def _maker(calls: list):
    def make(folder):
        calls.append(folder)
        (folder / "data.txt").write_text(f"made {len(calls)}")

    return make


def test_made_once_per_parameters_then_reused(tmp_path):
    calls: list = []
    first, reused = cached(tmp_path, "lib", {"tracks": 10, "videos": 2}, _maker(calls))
    assert not reused and len(calls) == 1
    again, reused = cached(tmp_path, "lib", {"videos": 2, "tracks": 10}, _maker(calls))  # same, any order
    assert reused and again == first and len(calls) == 1
    assert (first / "data.txt").read_text() == "made 1"
    manifest = json.loads((first / "manifest.json").read_text())
    assert manifest == {"kind": "lib", "version": 1, "params": {"tracks": 10, "videos": 2}}
    other, reused = cached(tmp_path, "lib", {"tracks": 11, "videos": 2}, _maker(calls))
    assert not reused and other != first and first.is_dir()  # both kept: each size its own folder
    newer, reused = cached(tmp_path, "lib", {"tracks": 10, "videos": 2}, _maker(calls), version=2)
    assert not reused and newer != first  # the maker changed: what it made before is not taken


def test_a_maker_that_fails_leaves_nothing_to_reuse(tmp_path):
    def broken(folder):
        (folder / "half.txt").write_text("half")
        raise RuntimeError("stopped half way")

    with pytest.raises(RuntimeError):
        cached(tmp_path, "lib", {"n": 1}, broken)
    assert list(tmp_path.iterdir()) == []
    calls: list = []
    folder, reused = cached(tmp_path, "lib", {"n": 1}, _maker(calls))
    assert not reused and not (folder / "half.txt").exists()


def test_a_folder_without_its_manifest_is_made_again(tmp_path):
    calls: list = []
    folder, _ = cached(tmp_path, "lib", {"n": 1}, _maker(calls))
    (folder / "manifest.json").write_text("{}")  # foreign, or another maker's
    again, reused = cached(tmp_path, "lib", {"n": 1}, _maker(calls))
    assert not reused and again == folder and len(calls) == 2


def test_the_work_dir_is_never_inside_the_checkout(tmp_path):
    inside = ROOT / "benchmarks" / "work-made-by-a-test"
    for folder in (ROOT, inside):
        with pytest.raises(BenchError, match="inside the checkout"):
            work_root(folder)
    assert not inside.exists()
    assert work_root(tmp_path / "a" / "b") == (tmp_path / "a" / "b").resolve()
    assert (tmp_path / "a" / "b").is_dir()


def test_scratch_folders_go_and_copies_leave_the_manifest(tmp_path):
    calls: list = []
    made, _ = cached(tmp_path, "lib", {"n": 1}, _maker(calls))
    with scratch(tmp_path, "run") as folder:
        copy = copy_of(made, folder / "copy")
        assert (copy / "data.txt").is_file() and not (copy / "manifest.json").exists()
        (copy / "data.txt").write_text("changed")
    assert not folder.exists() and (made / "data.txt").read_text() == "made 1"
