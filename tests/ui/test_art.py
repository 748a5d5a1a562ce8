"""Cover art for the views (ui/art.py): found by key under the profile (or as a path), loaded and scaled off
the UI thread, a miss answered at once and told when ready, and at most ``capacity`` kept."""

from __future__ import annotations

from PySide6.QtCore import QSize

from companion.core.media.synth import cover_jpeg
from companion.ui.art import ArtCache, cover_file, load_scaled
from companion.ui.tasks import TaskRunner


def test_covers_are_found_by_key_or_path_and_scaled(profile, tmp_path):
    profile.covers_dir.mkdir(parents=True, exist_ok=True)
    (profile.covers_dir / "abc.png").write_bytes(b"not really a picture")
    (profile.covers_dir / "def.jpg").write_bytes(cover_jpeg(1))
    beside = tmp_path / "folder.jpg"
    beside.write_bytes(cover_jpeg(2))
    assert cover_file(profile, "def") == profile.covers_dir / "def.jpg"
    assert (
        cover_file(profile, str(beside)) == beside and cover_file(profile, str(tmp_path / "no.jpg")) is None
    )
    assert cover_file(profile, "nothing") is None
    image = load_scaled(profile, "def", QSize(40, 40))
    assert image is not None and min(image.width(), image.height()) == 40
    assert load_scaled(profile, "abc", QSize(40, 40)) is None, "an unreadable file is no cover"


def test_a_miss_loads_in_the_background_and_the_cache_stays_small(qtbot, profile):
    profile.covers_dir.mkdir(parents=True, exist_ok=True)
    for k in range(3):
        (profile.covers_dir / f"k{k}.jpg").write_bytes(cover_jpeg(k))
    runner = TaskRunner()
    cache = ArtCache(profile, runner, QSize(32, 32), capacity=2)
    assert cache.pixmap(None) is None
    for k in range(3):
        with qtbot.waitSignal(cache.ready, timeout=5_000) as got:
            assert cache.pixmap(f"k{k}") is None, "a miss answers at once"
        assert got.args == [f"k{k}"]
        assert cache.pixmap(f"k{k}").width() == 32
    assert cache.loaded_count() == 2, "the oldest was let go"
    with qtbot.waitSignal(cache.ready, timeout=5_000):
        cache.pixmap("missing")
    assert cache.pixmap("missing") is None and cache.loaded_count() == 1
    runner.shutdown()
