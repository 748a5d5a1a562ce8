"""Optional live watching of the library folders (off by default: the ``watch_folders`` setting).

watchdog reports file-system changes; after changes settle for ``delay`` seconds, one
incremental scan runs (one stat per unchanged file, so a rescan after a single new album is
cheap): by default in this process, on the watcher's own thread; the window passes ``rescan``
to run it as a job in a child process (``runner.scan_in_process``). Only one scan runs at a
time; changes that arrive during a scan schedule another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from companion.core.library.folders import list_folders
from companion.core.library.formats import kind_for_path
from companion.core.library.progress import ScanSummary
from companion.core.paths import Profile
from companion.core.settings import load_settings

Rescan = Callable[[Callable[[], bool]], ScanSummary]  # (cancelled) -> the scan's summary


class FolderWatcher:
    """Watch every library folder; call ``on_scanned(summary)`` after each automatic scan.

    ``on_scanned`` runs on the watcher's timer thread: a window must hand it to its main thread
    (a queued signal) before touching widgets.
    """

    def __init__(
        self,
        store: Any,
        profile: Profile,
        on_scanned: Callable[[ScanSummary], None] | None = None,
        *,
        delay: float = 3.0,
        rescan: Rescan | None = None,
    ) -> None:
        self.store, self.profile, self.on_scanned, self.delay = store, profile, on_scanned, delay
        self.rescan = rescan or self._scan_here
        self._observer: Any = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._scan_lock = threading.Lock()
        self._stopped = threading.Event()

    def start(self) -> list[str]:
        """Begin watching the library folders that exist; returns them."""
        # watchdog: only while folders are watched
        from watchdog.observers import Observer

        conn = self.store.conn() if hasattr(self.store, "conn") else self.store
        paths = [f.path for f in list_folders(conn) if f.status == "ok"]
        self._observer = Observer()
        handler = _Handler(self._changed)
        for path in paths:
            try:
                self._observer.schedule(handler, path, recursive=True)
            except OSError:
                continue  # a folder that went away; the next scan reports it
        self._observer.daemon = True
        self._observer.start()
        return paths

    def stop(self) -> None:
        self._stopped.set()
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None
        with self._scan_lock:  # wait for a scan in progress to finish
            pass

    def _changed(self) -> None:
        if self._stopped.is_set():
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._rescan)
            self._timer.daemon = True
            self._timer.start()

    def _scan_here(self, cancelled: Callable[[], bool]) -> ScanSummary:
        # the scanner (and mutagen) load with the first scan
        from companion.core.jobs.scan import run_scan

        return run_scan(self.store, self.profile, cancel=cancelled)

    def _rescan(self) -> None:
        if self._stopped.is_set():
            return
        with self._scan_lock:
            summary = self.rescan(self._stopped.is_set)
        if self.on_scanned is not None and not self._stopped.is_set():
            self.on_scanned(summary)


def _Handler(callback: Callable[[], None]) -> Any:
    # watchdog: only while folders are watched
    from watchdog.events import FileSystemEventHandler

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            paths = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
            if event.is_directory or any(p and _matters(str(p)) for p in paths):
                callback()

    return Handler()


def _matters(path: str) -> bool:
    """A change a scan would see: a media file, or a CUE sheet (its album's tracks come from it)."""
    return kind_for_path(path) in ("music", "video") or path[-4:].lower() == ".cue"


def watching_enabled(conn: Any) -> bool:
    """Whether the person turned on live watching (``companion settings set watch_folders true``)."""

    return bool(load_settings(conn).watch_folders)
