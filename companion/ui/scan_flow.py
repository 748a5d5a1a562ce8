"""The controller's part for bringing files in: scans (the home fills in as files arrive), what the
welcome says when they end, removed folders, and the demo. Mixed into ``Controller``, whose signals,
runner, backend and window it uses."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, SignalInstance

if TYPE_CHECKING:  # what the controller holds (the names only: nothing more is imported)
    from companion.ui.backend import Backend
    from companion.ui.background import Background
    from companion.ui.tasks import Job, TaskRunner

ANALYSE_AFTER_SCAN_MS = 4000  # let the home settle first
DEMO_FILES_AT_LATEST_MS = 15_000  # the demo's files are made after its first home, or after this
SCAN_HOME_REFRESH_S = 2.0  # while a scan runs, the home fills in at most this often


class ScanFlow:
    # the controller's (companion.ui.controller.Controller)
    w: Any  # the window
    backend: Backend
    runner: TaskRunner
    background: Background
    lists: Any  # companion.ui.lists_controller.Lists
    message: SignalInstance
    scanFinished: SignalInstance
    homeReady: SignalInstance
    _scan_job: Job | None
    _scan_cancel: Any  # the running scan's threading.Event
    _run: Callable[..., Any]
    _failed: Callable[[BaseException], None]
    refresh_home: Callable[..., None]
    load_settings_page: Callable[[], None]
    load_library: Callable[[str], None]

    def scan(self, folders: list[str] | None) -> None:
        """Scan in the background; the home fills in as files arrive."""

        if self._scan_job is not None and not self._scan_job.done:
            self.message.emit("A scan is already running")
            return
        cancel = self._scan_cancel = threading.Event()
        self._last_scan_refresh = time.monotonic()
        if self.w.current_page == "welcome":
            self.w.welcome.show_progress("Looking for music and videos…")

        self._found_playlists: list[str] = []

        def progress(p: Any) -> None:
            if isinstance(getattr(p, "playlists", None), list):  # the summary, last
                self._found_playlists = p.playlists
                return
            done, total = getattr(p, "done", None), getattr(p, "total", None)
            phase = getattr(p, "phase", "")
            text = f"Scanning: {phase} {done or 0:,}" + (f" of {total:,}" if total else "") if phase else ""
            if text:
                self.message.emit(text)
                self.w.welcome.show_progress(text, done, total)
            if done and time.monotonic() - self._last_scan_refresh >= SCAN_HOME_REFRESH_S:
                self._last_scan_refresh = time.monotonic()
                self.refresh_home()

        def finished(_count: int) -> None:
            self._scan_job = None
            QTimer.singleShot(ANALYSE_AFTER_SCAN_MS, self.background.analyse)
            self.message.emit("Library up to date")
            self._run(self.backend.scan_failures, self._scan_problems)
            self.refresh_home(fill=True)
            self.load_settings_page()
            if self.w.current_page == "welcome":
                self._run(self.backend.counts, lambda n: self._after_first_scan(n, folders))
            self.scanFinished.emit(True)

        self._scan_job = self.runner.run_generator(
            lambda: self.backend.scan(folders, cancel), progress, finished, self._scan_failed
        )

    def _library_changed(self) -> None:
        """A folder went: settings, the home and the library page show what is left."""
        self.load_settings_page()
        self.refresh_home()
        if self.w.current_page == "library":
            self.load_library(self.w.library.view_name)

    def _after_first_scan(self, counts: dict[str, int], folders: list[str] | None) -> None:
        if sum(counts.values()):
            self.w.show_page("home")  # the welcome until the first home arrives with its rows
        else:  # the welcome stays, and says the folder held nothing to play
            self.w.welcome.show_nothing_found(list(folders or []))

    def _scan_problems(self, failures: list) -> None:
        n = len(failures)
        problems = (
            f"{n:,} {'file' if n == 1 else 'files'} could not be read (Settings › Library folders says why)"
            if n
            else ""
        )
        offered: set[str] = getattr(self, "_offered_playlists", set())  # once a session: rescans do not nag
        self._offered_playlists = offered
        found = [p for p in getattr(self, "_found_playlists", []) if p not in offered]
        offered.update(found)
        if found:  # one toast: the playlists to import, then any files that could not be read
            k = len(found)
            text = f"{k:,} playlist{'s' if k != 1 else ''} found in your folders"
            self.w.show_message(
                f"{text}. {problems[0].upper()}{problems[1:]}" if problems else text,
                ("Import", lambda: self.lists.import_playlists(found)),
            )
        elif problems:
            self.message.emit(f"Library up to date; {problems}")

    def _scan_failed(self, error: BaseException) -> None:
        self._scan_job = None
        self._failed(error)
        self.w.welcome.show_problem(f"The scan stopped: {error}")
        self.scanFinished.emit(False)

    def make_demo(self) -> None:
        """The demo's home first (its catalogue's items and their week, a moment's work), its files made
        once that home is on screen (making them takes both cores of a small machine, which the taste
        engine needs for the first home), then read by a scan and analysed: never the welcome meanwhile."""
        self.w.set_library_empty(False)
        self.w.show_page("home")
        started: list[bool] = []

        def make_files(_data: Any = None) -> None:
            if started:
                return
            started.append(True)
            self.homeReady.disconnect(make_files)
            job: list[Any] = []  # closing the window cancels it: the files stop between two (make_files)
            job.append(
                self._run(
                    lambda: self.backend.ensure_demo(cancel=lambda: bool(job) and job[0].cancelled), made
                )
            )

        def planned(_r: Any) -> None:
            self.homeReady.connect(make_files)
            QTimer.singleShot(DEMO_FILES_AT_LATEST_MS, make_files)  # a home that never comes holds nothing up
            self.refresh_home(fill=True)

        def made(_r: Any) -> None:
            self.refresh_home(fill=True)  # covers and the show's episodes, read from the files
            self.background.analyse()  # the sound, in this first session

        self._run(self.backend.plan_demo, planned)
