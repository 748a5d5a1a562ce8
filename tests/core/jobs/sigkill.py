"""Killing a command's process mid-run with SIGKILL, for the tests that check nothing saved is lost, the
database stays sound, and the next run finishes the work (tests/core/jobs/test_analysis.py,
tests/core/importers/test_run.py; kill mid-scan and mid-playback are tested beside the scanner and the
recorder)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest


def start(profile, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def kill_when(proc: subprocess.Popen, db_path: Path, query: str, at_least: int, timeout: float = 60) -> int:
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


def sound(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return conn
