"""One Companion per profile: a second launch hands its files to the running one and brings it to the front.

How: the running instance holds a ``QLockFile`` in the profile (stale locks of crashed
processes are detected by Qt through the owner's PID) and watches an ``inbox`` folder
beside it. A later launch finds the lock taken, writes its request there as one small
JSON file (atomically: written aside, then renamed) and waits until the running
instance has taken it. No socket of any kind: the product's no-network guard forbids
``QtNetwork`` (where ``QLocalServer`` lives), and a folder works the same on every OS.

Use from ``app.py``, before the window is built::

    instance = claim_or_forward(profile, files)
    if instance is None:
        return 0                      # the running Companion has the request
    ... build the window ...
    connect_window(instance, window, open_files=window.open_files)
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QLockFile, QObject, Qt, QTimer, Signal

from companion.core.errors import CompanionError
from companion.core.paths import Profile

REQUEST_SUFFIX = ".request.json"
STALE_REQUEST_S = 30.0  # requests older than this when the running instance starts are dropped


def instance_dir(profile: Profile) -> Path:
    return profile.data_dir / "instance"


class SingleInstance(QObject):
    """The running instance's side (``claim``) and a later launch's side (``forward``)."""

    activated = Signal(list)  # absolute file paths from a later launch ([] = just come to the front)

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.inbox = self.folder / "inbox"
        self._lock = QLockFile(str(self.folder / "running.lock"))
        self._lock.setStaleLockTime(0)  # stale only when the owner's process is gone, never by age
        self._watcher: QFileSystemWatcher | None = None
        self._poll: QTimer | None = None

    # -- the running instance -------------------------------------------------------------
    def claim(self) -> bool:
        """Become the running instance: True when the lock is ours.

        Requests arrive as ``activated`` once :meth:`listen` runs: at once when a QApplication
        exists, else from :func:`connect_window` (the folder watch needs Qt's event loop).
        """
        self.inbox.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(0):
            return False
        for old in self.inbox.glob("*" + REQUEST_SUFFIX):  # left by launches while nobody was running
            if time.time() - _mtime(old) > STALE_REQUEST_S:
                _unlink(old)
        if QCoreApplication.instance() is not None:
            self.listen()
        return True

    def listen(self) -> None:
        """Watch the inbox (idempotent); call once the QApplication exists."""
        if self._watcher is not None or not self._lock.isLocked():
            return
        self._watcher = QFileSystemWatcher([str(self.inbox)], self)
        self._watcher.directoryChanged.connect(self._drain)
        if str(self.inbox) not in self._watcher.directories():  # no watch available (inotify limit): poll
            self._poll = QTimer(self, interval=500)
            self._poll.timeout.connect(self._drain)
            self._poll.start()
        QTimer.singleShot(0, self._drain)  # a request may have landed between lock and watch

    def release(self) -> None:
        if self._poll is not None:
            self._poll.stop()
        if self._watcher is not None:
            self._watcher.removePaths(self._watcher.directories())
            self._watcher = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _drain(self, *_: object) -> None:
        for request in sorted(self.inbox.glob("*" + REQUEST_SUFFIX), key=_mtime):
            try:
                payload = json.loads(request.read_text(encoding="utf-8"))
                files = [str(f) for f in payload.get("files", []) if isinstance(f, str)]
            except (OSError, ValueError, AttributeError):
                files = []  # unreadable request: still come to the front, never crash
            _unlink(request)
            self.activated.emit(files)

    # -- a later launch ---------------------------------------------------------------
    def forward(self, files: Sequence[str | os.PathLike[str]] = (), timeout_s: float = 5.0) -> bool:
        """Hand ``files`` (made absolute here) to the running instance; True once it has taken them."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        payload = {"files": [str(Path(f).absolute()) for f in files], "pid": os.getpid(), "at": time.time()}
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        tmp = self.inbox / (name + ".tmp")
        final = self.inbox / (name + REQUEST_SUFFIX)
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, final)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not final.exists():
                return True
            time.sleep(0.02)
        _unlink(final)  # nobody answered: do not leave it to surprise the next start
        return False


def claim_or_forward(
    profile: Profile, files: Sequence[str | os.PathLike[str]] = (), timeout_s: float = 5.0
) -> SingleInstance | None:
    """The running instance's handle, or None when an already running Companion took the request.

    When the running one does not answer in time, this launch takes over only if the lock has
    become free meanwhile (it quit); otherwise one clear error, so two windows never share a profile.
    """
    instance = SingleInstance(instance_dir(profile))
    if instance.claim():
        return instance
    if instance.forward(files, timeout_s=timeout_s):
        return None
    if instance.claim():
        return instance
    raise CompanionError(
        f"Companion is already running with {profile.data_dir} but does not answer; "
        "close it (or end its process) and try again"
    )


def bring_to_front(window) -> None:
    """Show, un-minimise, raise and activate ``window`` (the desktop may still refuse focus)."""
    window.show()
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.raise_()
    window.activateWindow()


def connect_window(
    instance: SingleInstance, window, open_files: Callable[[list[str]], None] | None = None
) -> None:
    """On every later launch: bring ``window`` to the front, then pass any files to ``open_files``."""

    def on_activated(files: list[str]) -> None:
        bring_to_front(window)
        if files and open_files is not None:
            open_files(files)

    instance.activated.connect(on_activated)
    instance.listen()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
