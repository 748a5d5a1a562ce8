"""The scan streams its walk into the workers, and makes video thumbnails in a last pass after the rows."""

from __future__ import annotations

import threading

from companion.core.jobs import pool as pool_mod
from companion.core.jobs.scan import run_scan, scan
from companion.core.library.covers import cover_path
from companion.core.library.progress import ScanProgress, ScanSummary
from companion.core.library.queries import get_item_by_path
from companion.core.media import synth
from tests.core.library.conftest import albums


def test_pooled_scan_streams_and_matches_the_files(tmp_path, db, profile, make_audio, monkeypatch):
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S", 0.0)
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S_NO_FORK", 0.0)
    root = tmp_path / "music"
    paths = albums(root, make_audio, 6, 5)
    s = run_scan(db, profile, [str(root)], workers=2)
    assert (s.added, s.failed) == (30, [])
    assert {r[0] for r in db.execute("SELECT path FROM items")} == set(map(str, paths))
    assert get_item_by_path(db, str(paths[7]))["album"] == "Album 1"


def test_cancel_during_a_streaming_walk_leaves_a_library_the_next_scan_completes(
    tmp_path, db, profile, make_audio, monkeypatch
):
    import companion.core.library.scan as scan_mod

    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S", 0.0)
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S_NO_FORK", 0.0)
    monkeypatch.setattr(scan_mod, "PROGRESS_EVERY_S", 0.0)
    root = tmp_path / "music"
    albums(root, make_audio, 8, 4)
    stop = threading.Event()
    summary = None
    walked = 0
    for step in scan(db, profile, [str(root)], cancel=stop, workers=2):
        if isinstance(step, ScanProgress) and step.phase == "walking":
            walked += 1
            if walked == 3:
                stop.set()  # a few folders walked (and handed to the workers), most not
        if isinstance(step, ScanSummary):
            summary = step
    assert summary is not None and summary.cancelled
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    assert stored < 32
    done = run_scan(db, profile, workers=2)
    assert (done.added, done.unchanged, done.cancelled) == (32 - stored, stored, False)


def test_cancel_while_pooled_reading_keeps_what_was_read(tmp_path, db, profile, make_audio, monkeypatch):
    import companion.core.library.scan as scan_mod

    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S", 0.0)
    monkeypatch.setattr(pool_mod, "POOL_ABOVE_S_NO_FORK", 0.0)
    monkeypatch.setattr(pool_mod, "CHUNK", 2)
    monkeypatch.setattr(scan_mod, "BATCH", 4)
    root = tmp_path / "music"
    albums(root, make_audio, 8, 5)

    def cancel():  # stop mid-reading: once the first batch is stored (not after a number of calls: on a
        # busy machine the scan asks many times while waiting for its first results)
        return db.execute("SELECT COUNT(*) FROM items").fetchone()[0] >= 4

    summary = run_scan(db, profile, [str(root)], cancel=cancel, workers=2)
    assert summary.cancelled and 0 < summary.added < 40
    stored = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    assert stored == summary.added and db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = run_scan(db, profile)
    assert (done.added, done.unchanged) == (40 - stored, stored)


def test_thumbnails_come_last_and_a_later_scan_makes_the_missing_ones(
    tmp_path, db, profile, make_video, monkeypatch
):
    import companion.core.library.scan as scan_mod
    from companion.core.library import scan_thumbnails

    monkeypatch.setattr(scan_mod, "PROGRESS_EVERY_S", 0.0)
    monkeypatch.setattr(scan_thumbnails, "THUMB_BATCH", 1)  # each thumbnail stored as it comes
    root = tmp_path / "videos"
    a = make_video(root / "Show" / "Season 01" / "Show S01E01.mkv", black_frames=3)
    b = make_video(root / "Film (2001).mp4")
    black = make_video(root / "Dark (1999).mkv", black_frames=40)  # every frame black: no thumbnail
    steps = list(scan(db, profile, [str(root)]))
    phases = [s.phase for s in steps if isinstance(s, ScanProgress)]
    assert "thumbnails" in phases and phases.index("thumbnails") > phases.index("finishing")
    summary = steps[-1]
    assert isinstance(summary, ScanSummary) and summary.added == 3 and summary.thumbnails == 2
    assert 0 <= summary.thumbnail_seconds <= summary.seconds
    for v in (a, b):
        assert cover_path(profile, get_item_by_path(db, str(v))["cover_key"]) is not None
    assert get_item_by_path(db, str(black))["cover_key"] == ""  # looked at: nothing to show, not tried again

    # A scan stopped (or killed) before its thumbnail pass leaves them to the next one.
    db.execute("UPDATE items SET cover_key = NULL WHERE path = ?", (str(a),))
    db.commit()
    again = run_scan(db, profile)
    assert (again.unchanged, again.thumbnails) == (3, 1)
    assert cover_path(profile, get_item_by_path(db, str(a))["cover_key"]) is not None
    assert run_scan(db, profile).thumbnails == 0


def test_a_changed_video_gets_a_new_thumbnail(tmp_path, db, profile, make_video):
    root = tmp_path / "videos"
    v = make_video(root / "Clip (2010).mp4")
    run_scan(db, profile, [str(root)])
    first = get_item_by_path(db, str(v))["cover_key"]
    synth.write_video(v, seconds=1.0, size=(64, 48), fps=12, with_audio=False, color=(200, 40, 40))
    s = run_scan(db, profile)
    assert (s.updated, s.thumbnails) == (1, 1)
    second = get_item_by_path(db, str(v))["cover_key"]
    assert second and second != first and cover_path(profile, second) is not None


def test_cancel_during_thumbnails_keeps_the_rows(tmp_path, db, profile, make_video, monkeypatch):
    import companion.core.library.scan as scan_mod

    monkeypatch.setattr(scan_mod, "PROGRESS_EVERY_S", 0.0)
    root = tmp_path / "videos"
    for i in range(4):
        make_video(root / f"Film {i} ({2000 + i}).mp4")
    stop = threading.Event()
    summary = None
    for step in scan(db, profile, [str(root)], cancel=stop):
        if isinstance(step, ScanProgress) and step.phase == "thumbnails":
            stop.set()
        if isinstance(step, ScanSummary):
            summary = step
    assert summary is not None and summary.cancelled and summary.added == 4
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 4
    done = run_scan(db, profile)
    assert done.unchanged == 4 and not done.cancelled
    assert db.execute("SELECT COUNT(*) FROM items WHERE cover_key IS NULL").fetchone()[0] == 0
