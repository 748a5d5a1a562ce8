"""Is a Companion window open on this profile? Read from its lock file, without Qt.

The window holds ``<data dir>/instance/running.lock`` (``core/instance_lock.py``: the owner's PID on the
first line). Commands that replace or erase the database under a running window ask first to
have it closed, instead of leaving the window on a database that is no longer there.
"""

from __future__ import annotations

import os
from pathlib import Path

from companion.core.paths import Profile


def lock_path(profile: Profile) -> Path:
    return profile.data_dir / "instance" / "running.lock"


def window_pid(profile: Profile) -> int | None:
    """The PID of the window that has this profile open, or None (no lock, a stale one, or not POSIX)."""
    try:
        first = lock_path(profile).read_text(encoding="utf-8", errors="replace").splitlines()[0].strip()
        pid = int(first)
    except (OSError, IndexError, ValueError):
        return None
    if os.name != "posix" or pid <= 0 or pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # the lock of a process that is gone
    except PermissionError:
        return pid  # alive, someone else's
    return pid
