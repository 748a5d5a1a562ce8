"""SIGKILL in the middle of an analysis run or a history import: nothing saved is lost,
the database stays sound, and the next run finishes the work.
(Kill mid-scan and mid-playback are tested beside the scanner and the player.)"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.core.db import open_profile_db
from companion.core.media import synth


def _start(profile, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _kill_when(proc: subprocess.Popen, db_path: Path, query: str, at_least: int, timeout: float = 60) -> int:
    """Poll a read-only connection; SIGKILL the whole process group once ``query`` reaches ``at_least``."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be killed: {proc.stderr.read().decode()[-500:]}")
        try:
            ro = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=5)
            seen = ro.execute(query).fetchone()[0]
            ro.close()
        except sqlite3.OperationalError:
            seen = 0
        if seen >= at_least:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            return seen
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail(f"never reached {at_least} (saw {seen})")


def _sound(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return conn


def test_kill_mid_analysis_then_resume(profile, tmp_path):
    lib = tmp_path / "music"
    for i in range(48):
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
    proc = _start(profile, "analyze", "--workers", "1")  # one worker: slow enough to be caught mid-run
    saved = _kill_when(proc, profile.db_path, "SELECT COUNT(*) FROM audio_features", 1)
    conn = _sound(profile.db_path)
    assert conn.execute("SELECT COUNT(*) FROM audio_features").fetchone()[0] >= saved
    conn.close()
    again = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), "analyze"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    conn = _sound(profile.db_path)
    assert conn.execute("SELECT COUNT(*) FROM audio_features WHERE error IS NULL").fetchone()[0] == 48


def test_kill_mid_import_then_import_again_adds_exactly_the_rest(profile, tmp_path):
    conn = open_profile_db(profile)
    with conn:
        for i in range(50):
            conn.execute(
                "INSERT INTO items(path, kind, added_at, updated_at, title, artist, album) "
                "VALUES (?, 'music', 1, 1, ?, ?, 'Album')",
                (f"/m/{i}.mp3", f"Song {i}", f"Band {i % 7}"),
            )
    conn.close()
    n = 20_000
    csv = tmp_path / "scrobbles.csv"
    with csv.open("w", encoding="utf-8") as f:
        f.write("uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n")
        for k in range(n):
            i = k % 50
            f.write(f"{1_600_000_000 + k * 300},,Band {i % 7},,Album,,Song {i},\n")
    proc = _start(profile, "import-history", str(csv))
    saved = _kill_when(proc, profile.db_path, "SELECT COUNT(*) FROM events", 500, timeout=120)
    conn = _sound(profile.db_path)
    kept = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert kept >= saved, "every event that was visible as saved is still there"
    conn.close()
    again = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), "import-history", str(csv)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr
    conn = _sound(profile.db_path)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == n, "no duplicates, nothing missing"
