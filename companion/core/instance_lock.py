"""One window per profile: a lock the operating system holds for the window's process, and the request a
later launch leaves for it. Qt-free, so the window's process claims it before importing Qt (0.17 s) and
starts the taste engine's process at once (``companion.app``); ``companion.ui.single_instance`` listens.

The lock is ``<data dir>/instance/running.lock``, locked with ``flock`` (``msvcrt.locking`` on Windows):
the kernel lets go when the process ends, however it ends, so a crash never leaves a stale lock. While
held, the file's first line is the owner's PID (``companion.core.running`` reads it, without locking).
A later launch finds it taken and writes its request into ``inbox/`` beside it as one small JSON file
(written aside, then renamed), then waits until the running instance has taken it. No socket of any kind.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from companion.core.errors import CompanionError
from companion.core.paths import Profile

REQUEST_SUFFIX = ".request.json"
STALE_REQUEST_S = 30.0  # requests older than this when the running instance starts are dropped


def instance_dir(profile: Profile) -> Path:
    return profile.data_dir / "instance"


class InstanceLock:
    """The running instance's lock on one profile's ``instance`` folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.inbox = self.folder / "inbox"
        self.path = self.folder / "running.lock"
        self._file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def claim(self) -> bool:
        """Become the running instance: True when the lock is ours (also False when this process already
        holds it through another ``InstanceLock``)."""
        if self._file is not None:
            return True
        self.inbox.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+b")  # noqa: SIM115 - held open while the lock lasts
        if not _try_lock(f):
            f.close()
            return False
        f.seek(0)
        f.truncate()
        f.write(f"{os.getpid()}\ncompanion\n".encode())
        f.flush()
        self._file = f
        for old in self.inbox.glob("*" + REQUEST_SUFFIX):  # left by launches while nobody was running
            if time.time() - mtime(old) > STALE_REQUEST_S:
                unlink(old)
        return True

    def release(self) -> None:
        """Let go (the file stays, empty: removing it could let two launches lock two different files)."""
        f, self._file = self._file, None
        if f is None:
            return
        with contextlib.suppress(OSError):
            f.seek(0)
            f.truncate()
            f.flush()
        _unlock(f)
        f.close()

    def requests(self) -> list[list[str]]:
        """The waiting requests' files, oldest first, each request taken (removed) as it is read; an
        unreadable request is an empty one (come to the front), never an error."""
        out = []
        for request in sorted(self.inbox.glob("*" + REQUEST_SUFFIX), key=mtime):
            try:
                payload = json.loads(request.read_text(encoding="utf-8"))
                files = [str(f) for f in payload.get("files", []) if isinstance(f, str)]
            except (OSError, ValueError, AttributeError):
                files = []
            unlink(request)
            out.append(files)
        return out


def forward(folder: Path, files: Sequence[str | os.PathLike[str]] = (), timeout_s: float = 5.0) -> bool:
    """Hand ``files`` (made absolute here) to the running instance; True once it has taken them."""
    inbox = Path(folder) / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    payload = {"files": [str(Path(f).absolute()) for f in files], "pid": os.getpid(), "at": time.time()}
    name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
    tmp = inbox / (name + ".tmp")
    final = inbox / (name + REQUEST_SUFFIX)
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, final)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not final.exists():
            return True
        time.sleep(0.02)
    unlink(final)  # nobody answered: do not leave it to surprise the next start
    return False


def claim_or_forward(
    profile: Profile, files: Sequence[str | os.PathLike[str]] = (), timeout_s: float = 5.0
) -> InstanceLock | None:
    """This launch's lock, or None when an already running Companion took the request.

    When the running one does not answer in time, this launch takes over only if the lock has
    become free meanwhile (it quit); otherwise one clear error, so two windows never share a profile.
    """
    lock = InstanceLock(instance_dir(profile))
    if lock.claim():
        return lock
    if forward(lock.folder, files, timeout_s=timeout_s):
        return None
    if lock.claim():
        return lock
    raise CompanionError(
        f"Companion is already running with {profile.data_dir} but does not answer; "
        "close it (or end its process) and try again"
    )


def mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(f: IO[bytes]) -> bool:
        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(f: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(f: IO[bytes]) -> bool:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(f: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
