"""Is a window open on this profile? Read from a real lock file naming real processes."""

from __future__ import annotations

import os
import subprocess
import sys

from companion.core.running import lock_path, window_pid


def _lock(profile, text: str) -> None:
    lock_path(profile).parent.mkdir(parents=True, exist_ok=True)
    lock_path(profile).write_text(text, encoding="utf-8")


def test_a_live_process_holding_the_lock_is_the_window(profile):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _lock(profile, f"{child.pid}\ncompanion\nhost\n")
        assert window_pid(profile) == child.pid
    finally:
        child.kill()
        child.wait()
    assert window_pid(profile) is None, "the lock of a process that is gone is stale"


def test_no_lock_a_broken_one_or_our_own_is_no_window(profile):
    assert window_pid(profile) is None
    for text in ("", "not a pid\n", "-5\n", "0\n", f"{os.getpid()}\n"):
        _lock(profile, text)
        assert window_pid(profile) is None, text
