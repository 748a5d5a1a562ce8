"""The recorder: one event per listening with its context, checkpoints while playing, and the history kept
when the app is killed mid-track (a real player in a child process)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.core.events.recorder import Recorder
from companion.core.events.resume import next_episode, resume_point, up_next
from companion.core.events.stats import item_stats
from companion.core.events.thresholds import CHECKPOINT_INTERVAL_SECONDS
from companion.core.media.synth import tone, write_audio
from companion.core.settings import update_setting
from tests.core.events.helpers import add_item, events


def _listen(rec, pb, until, step=1.0):
    t = pb.position
    while t < until:
        t = min(until, t + step)
        rec.progress(pb, t)


def test_a_played_track_is_one_event_with_time_context(db):
    item = add_item(db, "/m/a.mp3", duration=200)
    rec = Recorder(db)
    pb = rec.begin(item, start_reason="mix", context="daily-1")
    _listen(rec, pb, 45)
    assert rec.finish(pb, "next") == "play"
    assert rec.finish(pb, "next") is None
    (ev,) = events(db)
    assert (ev["type"], ev["start_reason"], ev["end_reason"], ev["context"]) == (
        "play",
        "mix",
        "next",
        "daily-1",
    )
    assert ev["position"] == pytest.approx(45)
    assert ev["duration"] == 200
    assert abs(ev["ts"] - time.time()) < 5
    assert ev["tz_offset_min"] == int(
        __import__("datetime").datetime.now().astimezone().utcoffset().total_seconds() // 60
    )
    assert db.execute("SELECT COUNT(*) FROM playback_checkpoints").fetchone()[0] == 0


def test_private_session_records_nothing(db):
    item = add_item(db, "/m/a.mp3", duration=200)
    update_setting(db, "private_session", True)
    rec = Recorder(db)
    pb = rec.begin(item)
    _listen(rec, pb, 200)
    assert rec.finish(pb, "ended") == "completed"
    assert events(db) == []
    assert db.execute("SELECT COUNT(*) FROM playback_checkpoints").fetchone()[0] == 0


def test_checkpoint_left_by_a_killed_app_becomes_its_event_once(db):
    item = add_item(db, "/v/film.mkv", kind="video", duration=3600)
    rec = Recorder(db)
    pb = rec.begin(item)
    _listen(rec, pb, 100, step=2.5)
    rec.checkpoint(pb, force=True)
    # the app dies here; the next start recovers
    again = Recorder(db)
    assert again.recover() == ["play"]
    assert again.recover() == []
    (ev,) = events(db)
    assert ev["end_reason"] == "closed" and ev["position"] == pytest.approx(100)
    assert resume_point(db, item).position == pytest.approx(100)


def test_recover_does_not_double_count_a_playback_already_stored(db):
    item = add_item(db, "/m/a.mp3", duration=100)
    rec = Recorder(db)
    pb = rec.begin(item)
    _listen(rec, pb, 60)
    rec.finish(pb, "stop")
    db.execute(
        "INSERT INTO playback_checkpoints(session_id, item_id, started_at, position, listened, updated_at)"
        " VALUES (?, ?, 0, 60, 60, 0)",
        (pb.session_id, item),
    )
    db.commit()
    assert Recorder(db).recover() == []
    assert len(events(db)) == 1


def test_video_resume_point_kept_then_cleared_when_finished(db):
    item = add_item(db, "/v/film.mkv", kind="video", duration=3600)
    rec = Recorder(db)
    pb = rec.begin(item)
    pb.seek(1200)
    _listen(rec, pb, 1290)
    rec.finish(pb, "stop")
    assert resume_point(db, item).position == pytest.approx(1290)
    pb = rec.begin(item, position=1290, start_reason="resume")
    pb.seek(3500)
    _listen(rec, pb, 3600)
    assert rec.finish(pb, "ended") == "completed"
    assert resume_point(db, item) is None


def test_up_next_after_a_finished_episode(db):
    e1 = add_item(db, "/v/s01e01.mkv", kind="video", video_type="episode", show="Show", season=1, episode=1)
    e2 = add_item(db, "/v/s01e02.mkv", kind="video", video_type="episode", show="Show", season=1, episode=2)
    e3 = add_item(db, "/v/s02e01.mkv", kind="video", video_type="episode", show="Show", season=2, episode=1)
    assert next_episode(db, e1) == e2
    assert next_episode(db, e2) == e3
    assert next_episode(db, e3) is None
    rec = Recorder(db)
    pb = rec.begin(e1)
    _listen(rec, pb, 200)
    rec.finish(pb, "ended")
    assert up_next(db) == [e2]


def test_stats_count_plays_and_skips(db):
    a = add_item(db, "/m/a.mp3", duration=100, tag_play_count=7)
    rec = Recorder(db)
    for end in (60, 100, 3):
        pb = rec.begin(a)
        _listen(rec, pb, end)
        rec.finish(pb, "ended" if end == 100 else "next")
    s = item_stats(db, [a])[a]
    assert (s.play_count, s.skip_count, s.tag_play_count) == (2, 1, 7)
    assert s.last_played == pytest.approx(time.time(), abs=5)
    assert item_stats(db)[a] == s


def test_unplayable_marks_the_item(db):
    a = add_item(db, "/m/gone.mp3")
    Recorder(db).mark_unplayable(a, "gone.mp3 is missing", "missing")
    assert tuple(db.execute("SELECT status, status_reason FROM items").fetchone()) == (
        "missing",
        "gone.mp3 is missing",
    )


def test_recover_leaves_a_live_players_fresh_checkpoint_alone(db):
    item = add_item(db, "/m/a.mp3", duration=100)
    live = Recorder(db)
    pb = live.begin(item)
    _listen(live, pb, 70)
    live.checkpoint(pb, force=True)
    assert Recorder(db).recover(older_than=10.0) == []  # another process starting now
    assert live.finish(pb, "next") == "play"
    assert len(events(db)) == 1


ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_kill_mid_track_keeps_history_and_a_recent_checkpoint(profile, db, tmp_path):
    """Killing the app mid-track keeps the history and loses at most a checkpoint interval of position."""
    first = add_item(db, write_audio(tmp_path / "short.mp3", tone(1.5, freq=420)), duration=1.5)
    second = add_item(db, write_audio(tmp_path / "long.flac", tone(6.0, freq=410)), duration=6.0)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.events.kill_child",
            str(profile.data_dir),
            str(first),
            str(second),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    current, last = None, 0.0
    deadline = time.monotonic() + 30
    try:
        for line in child.stdout:
            word, _, value = line.strip().partition(" ")
            if word == "current":
                current = value
            elif word == "pos" and current == str(second):
                last = float(value)
                if last >= 5.5:
                    break
            assert time.monotonic() < deadline, "the child player did not get going"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    conn = db
    assert [(e["item_id"], e["type"]) for e in events(conn)] == [(first, "completed")]
    (cp,) = conn.execute("SELECT item_id, position, listened FROM playback_checkpoints").fetchall()
    assert cp["item_id"] == second
    assert last - CHECKPOINT_INTERVAL_SECONDS - 0.5 <= cp["position"] <= last + 0.01
    assert cp["listened"] == pytest.approx(cp["position"], abs=0.3)
    # the next start turns the checkpoint into the play it was
    assert Recorder(db).recover() == ["play"]
    got = events(conn)[-1]
    assert (got["item_id"], got["type"], got["end_reason"]) == (second, "play", "closed")
    assert conn.execute("SELECT COUNT(*) FROM playback_checkpoints").fetchone()[0] == 0
