"""The scanner's reader on hostile media: truncated, bit-flipped and spliced real files give an item or a plain
reason, never a crash, a hang or unbounded memory."""

from __future__ import annotations

import resource
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from companion.core.jobs.scan import run_scan
from companion.core.library.reader import read_one
from tests.core.media.hostile import FUZZ, fuzzed, mutate, mutation, seeds  # noqa: F401 (the fixture)


@FUZZ
@given(pick=st.integers(0, 100), other=st.integers(0, 100), how=mutation)
def test_the_reader_survives_mutated_files(seeds, tmp_path, pick, other, how):  # noqa: F811 (the imported fixture)
    path, kind = fuzzed(seeds, tmp_path, pick, other, how)
    st_ = path.stat()
    result = read_one((str(path), kind, st_.st_size, st_.st_mtime_ns, None, str(tmp_path)))
    assert result.get("ok") is True or (result.get("ok") is False and result["error"].strip())
    # memory stays bounded: far below what an unbounded read of a corrupt length field would take
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2_000_000  # KiB


def test_a_folder_of_broken_files_scans_to_items_or_reasons(seeds, profile, db, tmp_path):  # noqa: F811
    folder = tmp_path / "broken"
    folder.mkdir()
    names = []
    for i, (ext, data) in enumerate(seeds):
        for j, how in enumerate(
            [("truncate", 0.3), ("flip", [(0.01, 3), (0.5, 1)]), ("junk-header", b"\xff" * 40)]
        ):
            name = f"f{i}-{j}{ext}"
            (folder / name).write_bytes(mutate(data, data, how))
            names.append(name)
    summary = run_scan(db, profile, [str(folder)])
    items = {Path(r[0]).name for r in db.execute("SELECT path FROM items")}
    failures = {Path(r[0]).name: r[1] for r in db.execute("SELECT path, error FROM scan_failures")}
    assert set(names) == items | set(failures)
    assert all(reason.strip() for reason in failures.values())
    assert summary.added + len(summary.failed) >= len(names)
