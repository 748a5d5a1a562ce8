"""``make_files``: the demo's files, made by two processes; what is there already is kept."""

from __future__ import annotations

import shutil

import mutagen

from companion.core.demo.catalog import ARTISTS, VIDEOS
from companion.core.demo.media import make_files


def test_missing_files_are_made_again_by_the_worker_processes_and_the_rest_kept(demo_media, tmp_path):
    root = tmp_path / "demo"
    shutil.copytree(demo_media, root)
    artist = ARTISTS[0]
    gone = [artist.track_path(root, 0), artist.track_path(root, 1), root / VIDEOS[0].relpath]
    kept = artist.track_path(root, 2)
    kept_since = kept.stat().st_mtime_ns
    for path in gone:
        path.unlink()
    seen: list[tuple[int, int, str]] = []
    paths = make_files(root, lambda done, total, title: seen.append((done, total, title)), workers=2)
    total = sum(len(a.titles) for a in ARTISTS) + len(VIDEOS)
    assert len(paths) == total and all(p.is_file() for p in paths)
    assert not list(root.rglob("*.part*")), "no half-made file is left"
    assert kept.stat().st_mtime_ns == kept_since, "a file that was there is not made again"
    assert [d for d, _t, _title in seen] == [total - 2, total - 1, total] and {t for _d, t, _ in seen} == {
        total
    }
    assert {title for *_n, title in seen} == {artist.titles[0], artist.titles[1], VIDEOS[0].title}
    tags = mutagen.File(gone[0], easy=True)
    assert tags is not None and tags["title"] == [artist.titles[0]] and tags["artist"] == [artist.name]
    gone[1].unlink()
    assert make_files(root, workers=1) == paths and gone[1].is_file()  # one process: here


def test_a_cancel_stops_between_two_files_and_the_next_call_makes_the_rest(demo_media, tmp_path):
    import pytest

    from companion.core.errors import CompanionError

    root = tmp_path / "demo"
    shutil.copytree(demo_media, root)
    gone = [a.track_path(root, i) for a in ARTISTS[:2] for i in range(3)]
    for path in gone:
        path.unlink()
    made: list[int] = []
    with pytest.raises(CompanionError, match="next start makes the rest"):
        make_files(root, lambda done, total, title: made.append(done), workers=2, cancel=lambda: bool(made))
    assert not list(root.rglob("*.part*")), "the files being made were finished, none was left half made"
    assert 1 <= sum(p.exists() for p in gone) < len(gone)
    make_files(root, workers=2)
    assert all(p.is_file() for p in gone)
