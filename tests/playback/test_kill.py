"""Killing the app mid-track keeps the history and loses at most a checkpoint interval of position."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.core.events.recorder import Recorder
from companion.core.events.thresholds import CHECKPOINT_INTERVAL_SECONDS
from tests.core.events.helpers import events

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_kill_mid_track_keeps_history_and_a_recent_checkpoint(profile, store, make_track):
    first, second = make_track("short.mp3", 1.5), make_track("long.flac", 6.0)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.playback.kill_child", str(profile.data_dir), str(first), str(second)],
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
    conn = store.conn()
    assert [(e["item_id"], e["type"]) for e in events(conn)] == [(first, "completed")]
    (cp,) = conn.execute("SELECT item_id, position, listened FROM playback_checkpoints").fetchall()
    assert cp["item_id"] == second
    assert last - CHECKPOINT_INTERVAL_SECONDS - 0.5 <= cp["position"] <= last + 0.01
    assert cp["listened"] == pytest.approx(cp["position"], abs=0.3)
    # the next start turns the checkpoint into the play it was
    assert Recorder(store).recover() == ["play"]
    got = events(conn)[-1]
    assert (got["item_id"], got["type"], got["end_reason"]) == (second, "play", "closed")
    assert conn.execute("SELECT COUNT(*) FROM playback_checkpoints").fetchone()[0] == 0
