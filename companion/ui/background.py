"""Long-running background work the window starts and stops: sound analysis and folder watching.

Analysis (``companion.core.jobs.analysis.analyze_pending``, in a job process) runs after
start-up and a little after each scan, with its progress in the sidebar; the folder watcher
(``companion.core.jobs.watch.FolderWatcher``) follows the ``watch_folders`` setting.
Both stop when the window closes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from companion.core.store import Store
from companion.ui.tasks import Job, TaskRunner


class Background:
    def __init__(
        self,
        store: Store,
        runner: TaskRunner,
        message: Callable[[str], None],
        library_changed: Callable[[], None],
    ) -> None:
        self.store, self.runner = store, runner
        self.message, self.library_changed = message, library_changed
        self._analysis: Job | None = None
        self._analysis_stop = threading.Event()
        self._again = False
        self._watcher: Any = None
        self._stopped = False
        self.analysed = 0

    # --- analysis --------------------------------------------------------------------------------
    def analyse(self) -> None:
        """Analyse what is not analysed yet (once at a time; asked again meanwhile, it runs again after)."""
        if self._stopped:
            return
        if self._analysis is not None and not self._analysis.done:
            self._again = True
            return
        # loaded on first use, not at the window's start
        from companion.core.jobs.runner import analysis_in_process

        self._analysis_stop.clear()
        profile = self.store.profile
        self._analysis = self.runner.run_generator(
            lambda: analysis_in_process(profile, cancel=self._analysis_stop),
            self._progress,
            self._done,
            lambda e: self.message(f"Sound analysis stopped: {e}"),
            min_interval_s=0.5,
        )

    def _progress(self, p: Any) -> None:
        if self._stopped:
            return  # a last report arriving after the window closed
        if getattr(p, "total", 0):
            self.message(f"Analysing the sound of your music: {p.done:,} of {p.total:,}")
        self.analysed = getattr(p, "done", self.analysed)

    def _done(self, _count: int) -> None:
        if self._stopped:
            return
        if self.analysed:
            self.message("Sound analysis up to date")
            self.library_changed()
        if self._again:
            self._again = False
            self.analyse()

    # --- watching ----------------------------------------------------------------------------------
    def set_watching(self, on: bool) -> None:
        if on and self._watcher is None and not self._stopped:
            # loaded on first use, not at the window's start
            from companion.core.jobs.runner import last, scan_in_process
            from companion.core.jobs.watch import FolderWatcher

            profile = self.store.profile

            def scanned(_summary: Any) -> None:  # on the watcher's thread: hand over to the UI thread
                self.runner.to_main(lambda _v: self._after_watch_scan())

            def rescan(cancelled: Callable[[], bool]) -> Any:  # a job process, as the window's own scans
                return last(scan_in_process(profile, None, cancelled))

            self._watcher = FolderWatcher(self.store, profile, scanned, rescan=rescan)
            try:
                self._watcher.start()
            except Exception as e:  # watchdog missing or a folder it cannot watch: say so once
                self._watcher = None
                self.message(f"Cannot watch the folders: {e}")
        elif not on and self._watcher is not None:
            self._watcher.stop()
            self._watcher = None

    def _after_watch_scan(self) -> None:
        if self._stopped:
            return
        self.library_changed()
        self.analyse()

    def stop(self) -> None:
        self._stopped = True
        self._analysis_stop.set()
        if self._analysis is not None:
            self._analysis.cancel()
        self.set_watching(False)
