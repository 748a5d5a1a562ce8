"""analyze_pending: worker processes, one writer, version bumps, pause/resume, cancel, stuck files; and a run
killed with SIGKILL loses nothing saved and the next one finishes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from companion.core.analysis import table
from companion.core.analysis.features import VERSION
from companion.core.jobs.analysis import AnalysisSummary, analyze_pending
from companion.core.media import synth
from companion.core.media.synth import click_track, music_like
from companion.core.settings import update_setting
from tests.core.analysis.helpers import add_items
from tests.core.jobs import sigkill


def _run(profile, **kw):
    summary = AnalysisSummary()
    steps = list(analyze_pending(profile, summary=summary, **kw))
    return summary, steps


def test_analyses_pending_tracks_and_records_failures(profile, db, audio_file, tmp_path):
    good = [audio_file(music_like(8, bpm=b, seed=b)) for b in (90, 120, 150)]
    bad = tmp_path / "broken.mp3"
    bad.write_bytes(b"\xff\xfb" + os.urandom(3000))
    video = audio_file(click_track(2, 100), name="clip.flac")
    ids = add_items(db, [*good, bad])
    add_items(db, [video], kind="video")  # only music is analysed
    with db:
        db.execute("UPDATE items SET rg_track_gain = -6.5 WHERE id = ?", (ids[2],))
    summary, steps = _run(profile, workers=1)
    assert summary.analysed == 3 and len(summary.failed) == 1
    assert summary.failed[0]["path"] == str(bad) and summary.failed[0]["error"]
    assert steps[-1].finished and steps[-1].done == steps[-1].total == 4
    rows = {r["item_id"]: r for r in db.execute("SELECT * FROM audio_features")}
    assert set(rows) == set(ids)
    assert rows[ids[3]]["error"] and rows[ids[3]]["bpm"] is None
    assert rows[ids[1]]["bpm"] == pytest.approx(120, rel=0.02) and rows[ids[1]]["version"] == VERSION
    assert (
        rows[ids[2]]["loudness"] == pytest.approx(-11.5) and rows[ids[2]]["loudness_source"] == "replaygain"
    )
    assert rows[ids[0]]["loudness_source"] == "measured"
    done = [s.done for s in steps]
    assert done == sorted(done) and any(s.eta_seconds is not None for s in steps)
    feats = table.features_for(db, ids)
    assert set(feats) == set(ids[:3]) and set(feats[ids[0]]) == set(table.JSON_KEYS)
    assert table.status(db, VERSION) == {"analysed": 3, "failed": 1, "pending": 0}
    # nothing left: a second run does nothing
    again, _ = _run(profile)
    assert again.analysed == 0 and again.failed == [] and again.remaining == 0


def test_older_version_is_reanalysed_and_limit_is_respected(profile, db, audio_file):
    ids = add_items(db, [audio_file(click_track(6, 100 + 10 * i)) for i in range(3)])
    summary, _ = _run(profile, limit=2)
    assert summary.analysed == 2 and summary.remaining == 1
    _run(profile)
    with db:
        db.execute("UPDATE audio_features SET version = version - 1, bpm = NULL WHERE item_id = ?", (ids[0],))
    assert table.count_pending(db, VERSION) == 1
    summary, _ = _run(profile)
    assert summary.analysed == 1
    assert db.execute("SELECT bpm FROM audio_features WHERE item_id = ?", (ids[0],)).fetchone()[0] is not None


def test_paused_setting_stops_the_run_and_resume_continues(profile, db, audio_file):
    add_items(db, [audio_file(click_track(4, 120)) for _ in range(2)])
    update_setting(db, "analysis_paused", True)
    summary, _ = _run(profile, wait_when_paused=False)
    assert summary.paused and summary.analysed == 0 and summary.remaining == 2
    update_setting(db, "analysis_paused", False)
    summary, _ = _run(profile, wait_when_paused=False)
    assert not summary.paused and summary.analysed == 2


def test_pause_waits_then_resumes_and_cancel_stops(profile, db, audio_file):
    add_items(db, [audio_file(click_track(4, 120)) for _ in range(3)])
    paused, cancel = threading.Event(), threading.Event()
    paused.set()
    summary = AnalysisSummary()
    seen_paused = False
    started = time.monotonic()
    for step in analyze_pending(profile, paused=paused, cancel=cancel, summary=summary):
        if step.paused:
            seen_paused = True
            paused.clear()  # resume
        assert time.monotonic() - started < 30
    assert seen_paused and summary.analysed == 3
    # cancel before anything is handed out
    add_items(db, [audio_file(click_track(4, 90))])
    cancel.set()
    summary, _ = _run(profile, cancel=cancel)
    assert summary.cancelled and summary.analysed == 0 and summary.remaining == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO to make a file that never answers")
def test_stuck_file_is_stopped_and_recorded(profile, db, audio_file, tmp_path):
    fifo = tmp_path / "never.flac"
    os.mkfifo(fifo)  # opening it for reading blocks forever: a stuck decoder
    ok = audio_file(click_track(4, 120))
    ids = add_items(db, [fifo, ok])
    # the limit leaves the good file room on a loaded machine (with 2 s, five test processes on two cores
    # made its 4 s track take longer than that); the FIFO never ends whatever the limit
    summary, _ = _run(profile, timeout=5.0)
    assert summary.analysed == 1
    assert len(summary.failed) == 1 and "longer than 5 s" in summary.failed[0]["error"]
    err = db.execute("SELECT error FROM audio_features WHERE item_id = ?", (ids[0],)).fetchone()[0]
    assert "stopped" in err


def test_item_removed_meanwhile_is_skipped(profile, db, audio_file):
    ids = add_items(db, [audio_file(click_track(3, 120))])
    table.write_results(db, VERSION, [(ids[0], None, "x"), (ids[0] + 999, None, "gone")])
    assert db.execute("SELECT COUNT(*) FROM audio_features").fetchone()[0] == 1


def test_shared_media_every_file_analysed_or_failed_with_reason(profile, db, shared_data):
    files = sorted(p for p in (shared_data / "media").rglob("*") if p.is_file())
    ids = add_items(db, files)
    summary, _ = _run(profile, timeout=30.0)
    assert summary.analysed + len(summary.failed) == len(files)
    rows = db.execute("SELECT item_id, error, energy FROM audio_features").fetchall()
    assert {r[0] for r in rows} == set(ids)
    for _item_id, error, energy in rows:
        if error is None:
            assert energy is not None
        else:
            assert error.strip() and "\n" not in error and "Traceback" not in error
    assert summary.analysed > 100  # most real files decode


def test_kill_mid_analysis_then_resume(profile, tmp_path):
    # 8 files of 45 s: about a second each for one worker, and results are written at least every second
    # (FLUSH_SECONDS), so the kill comes after the first write and long before the last
    tracks = 8
    lib = tmp_path / "music"
    for i in range(tracks):
        p = synth.write_audio(
            lib / f"Artist/Album/{i:02d} Track.flac", synth.music_like(45, bpm=90 + 2 * i, seed=i)
        )
        synth.write_tags(p, {"title": f"Track {i}", "artist": "Artist", "album": "Album"})
    assert (
        subprocess.run(
            [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), "scan", str(lib)],
            capture_output=True,
            timeout=120,
        ).returncode
        == 0
    )
    proc = sigkill.start(profile, "analyze", "--workers", "1")  # one worker: slow enough to be caught mid-run
    saved = sigkill.kill_when(proc, profile.db_path, "SELECT COUNT(*) FROM audio_features", 1)
    assert saved < tracks, "killed mid-run, not after it"
    conn = sigkill.sound(profile.db_path)
    assert conn.execute("SELECT COUNT(*) FROM audio_features").fetchone()[0] >= saved
    conn.close()
    again = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), "analyze"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    conn = sigkill.sound(profile.db_path)
    assert conn.execute("SELECT COUNT(*) FROM audio_features WHERE error IS NULL").fetchone()[0] == tracks
