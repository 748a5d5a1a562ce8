"""One Companion per profile: a second launch hands its files to the running one and brings it to the front.

The lock and the requests are ``companion.core.instance_lock`` (Qt-free: ``app.py`` claims the lock before
Qt is imported); this is the running window's side in Qt: it watches the ``inbox`` folder and emits each
request as ``activated``. No socket of any kind: the product's no-network guard forbids ``QtNetwork``
(where ``QLocalServer`` lives), and a folder works the same on every OS.

Use from ``app.py``, before the window is built::

    lock = instance_lock.claim_or_forward(profile, files)
    if lock is None:
        return 0                      # the running Companion has the request
    ... build the window ...
    connect_window(SingleInstance(lock.folder, lock), window, open_files=window.open_files)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, Qt, QTimer, Signal

from companion.core import instance_lock
from companion.core.instance_lock import InstanceLock, instance_dir
from companion.core.paths import Profile

__all__ = ["SingleInstance", "bring_to_front", "claim_or_forward", "connect_window", "instance_dir"]


class SingleInstance(QObject):
    """The running instance's side (``claim``, then ``activated`` per request) and a later launch's
    (``forward``), over one ``InstanceLock`` (a new one, or the one ``app.py`` claimed before Qt)."""

    activated = Signal(list)  # absolute file paths from a later launch ([] = just come to the front)

    def __init__(self, folder: Path, lock: InstanceLock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock = lock if lock is not None else InstanceLock(folder)
        self.folder, self.inbox = self.lock.folder, self.lock.inbox
        self._watcher: QFileSystemWatcher | None = None
        self._poll: QTimer | None = None

    # -- the running instance -------------------------------------------------------------
    def claim(self) -> bool:
        """Become the running instance: True when the lock is ours.

        Requests arrive as ``activated`` once :meth:`listen` runs: at once when a QApplication
        exists, else from :func:`connect_window` (the folder watch needs Qt's event loop).
        """
        if not self.lock.claim():
            return False
        if QCoreApplication.instance() is not None:
            self.listen()
        return True

    def listen(self) -> None:
        """Watch the inbox (idempotent); call once the QApplication exists."""
        if self._watcher is not None or not self.lock.held:
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
        self.lock.release()

    def _drain(self, *_: object) -> None:
        for files in self.lock.requests():
            self.activated.emit(files)

    # -- a later launch ---------------------------------------------------------------
    def forward(self, files: Sequence[str | os.PathLike[str]] = (), timeout_s: float = 5.0) -> bool:
        """Hand ``files`` (made absolute here) to the running instance; True once it has taken them."""
        return instance_lock.forward(self.folder, files, timeout_s=timeout_s)


def claim_or_forward(
    profile: Profile, files: Sequence[str | os.PathLike[str]] = (), timeout_s: float = 5.0
) -> SingleInstance | None:
    """``instance_lock.claim_or_forward`` with the running instance's Qt side (None: forwarded)."""
    lock = instance_lock.claim_or_forward(profile, files, timeout_s=timeout_s)
    return None if lock is None else SingleInstance(lock.folder, lock)


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
