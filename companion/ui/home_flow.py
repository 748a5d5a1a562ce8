"""The controller's part for the home: asking the taste engine for it, painting last session's home at
start, and holding new picks back while the person looks at the cards (badges still update; the new picks
come when they leave the home, or after a while). Mixed into ``Controller``, whose signals, runner,
backend, window and player it uses."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, SignalInstance

from companion.core.jobs.last_home import load_last_home
from companion.core.jobs.protocol import WorkerClosed, WorkerDied
from companion.ui.backend import Backend, HomeData, home_data
from companion.ui.keep_out_link import ask_suggestion
from companion.ui.tasks import TaskRunner

HOME_REFRESH_DELAY_MS = 600
SUGGESTION_AFTER_MS = 1500  # the keep-out suggestion is looked for this long after a home is on screen ...
SUGGESTION_EVERY_S = 600.0  # ... at most this often (and after every keep-out change)
HOME_HOLD_MS = 120_000  # new picks wait at most this long while the person looks at the home


class HomeFlow:
    # the controller's (companion.ui.controller.Controller)
    w: Any  # the window
    backend: Backend
    runner: TaskRunner
    homeReady: SignalInstance
    _scan_job: Any
    _run: Callable[..., Any]
    _failed: Callable[[BaseException], None]

    def _start_home(self, owner: QObject) -> None:
        """The home's state and timers (``owner``: the controller, which they live with)."""
        self.home_data: HomeData | None = None
        self.home_provisional = False  # home_data is the last session's home, shown until the fresh one
        self._home_busy = False
        self._home_again = False
        self._refresh_timer = QTimer(owner, singleShot=True, interval=HOME_REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh_home)
        self._held_home: HomeData | None = None
        self._fill_home = False  # the next home after a scan is shown as it is
        self._hold_timer = QTimer(owner, singleShot=True, interval=HOME_HOLD_MS)
        self._hold_timer.timeout.connect(self._hold_expired)
        self._suggested_at = -SUGGESTION_EVERY_S
        self._suggestion_timer = QTimer(owner, singleShot=True, interval=SUGGESTION_AFTER_MS)
        self._suggestion_timer.timeout.connect(self.ask_suggestion)

    def refresh_home(self, fill: bool = False) -> None:
        """Ask the taste engine for the home again; the page updates in place when it arrives.

        ``fill``: that home is shown as it comes, even to someone looking at the home (new history or
        new files are what they are waiting for)."""
        if fill:
            self._fill_home = True
        if self._home_busy:
            self._home_again = True
            return
        self._home_busy = True
        worker = self.backend.worker
        if worker is None:
            self.runner.run(self.backend.home, self._home_arrived, self._home_failed)
            return
        # computed in the taste worker's process: no thread of this one waits or works for it
        worker.submit("home").add_done_callback(lambda fut: self.runner.to_main(self._home_answered, fut))

    def first_home_coming(self) -> bool:
        """Is the first home of this window being computed (nothing painted yet)?"""
        return self._home_busy and self.home_data is None

    def show_last_home(self) -> None:
        """At start, when the taste engine has to fit its model first: paint the home it built last time
        (kept by its worker) while it builds the one for now; that one replaces it in place unless the
        pointer is already on the cards. With a usable cached model the home for now is moments away:
        nothing is painted twice."""

        model_dir = self.backend.profile.model_dir
        worker = self.backend.worker
        since = worker.started_at if worker is not None else None

        def arrived(answer: Any) -> None:
            if answer is None or self.home_data is not None:
                return  # nothing kept, or the fresh home came first
            self.home_provisional = True
            self._show_home(home_data(answer))

        coming = worker.refit_at_start if worker is not None else None  # known before the worker could fit

        def last_home() -> Any:
            refit = coming if coming is not None else self.backend.refit_coming()
            return load_last_home(model_dir, since) if refit else None

        self._run(last_home, arrived)

    def _home_answered(self, fut) -> None:

        try:
            data = home_data(fut.result())
        except WorkerClosed:
            return  # the window is closing
        except WorkerDied:  # it keeps dying: build the home in this process's workers from now on
            self.backend.give_up_worker()
            self.runner.run(self.backend.home, self._home_arrived, self._home_failed)
            return
        except Exception as e:
            self._home_failed(e)
            return
        self._home_arrived(data)

    def _home_arrived(self, data: HomeData) -> None:
        self._home_busy = False
        filling = self._scan_job is not None or self._fill_home  # a scan adds cards: show them as they come
        if self.home_provisional:  # the last session's home, painted at start: replace it unless pointed at
            self.home_provisional = False
            filling = filling or not self.w.home.underMouse()
        if not self._home_again:
            self._fill_home = False
        if (
            not filling
            and self._looking_at_home()
            and self.home_data is not None
            and self.home_data.rows
            and cards_of(data) != cards_of(self.home_data)
        ):
            # new picks would replace cards under the pointer: keep the cards, patch their badges,
            # and take the new picks when the person leaves the home (or after a while)
            self._held_home = data
            self._show_home(patched(self.home_data, data))
            if not self._hold_timer.isActive():
                self._hold_timer.start()
        else:
            self._held_home = None
            self._show_home(data)
        if self._home_again:
            self._home_again = False
            self.refresh_home()
        if time.monotonic() - self._suggested_at >= SUGGESTION_EVERY_S:
            self._suggestion_timer.start()

    def ask_suggestion(self) -> None:
        """Show the keep-out suggestion that holds now on the home (or hide its card)."""
        self._suggested_at = time.monotonic()
        ask_suggestion(self.w.home.suggestion_card, self.backend, self.runner.run)

    def _show_home(self, data: HomeData) -> None:
        self.home_data = data
        self.w.home.set_rows(data.rows, data.played, data.liked)
        was_empty = self.w.library_empty
        self.w.set_library_empty(not data.rows)
        if self.w.current_page == "welcome" and data.rows and (self._scan_job is not None or was_empty):
            self.w.show_page("home")  # the home fills in while the scan goes on (progress in the sidebar)
        self.homeReady.emit(data)

    def _looking_at_home(self) -> bool:
        return self.w.current_page == "home" and self.w.isVisible() and not self.w.isMinimized()

    def take_held_home(self) -> None:
        """Show the picks held back while the person was looking (they left, or it has been a while)."""
        self._hold_timer.stop()
        held, self._held_home = self._held_home, None
        if held is not None:
            self._show_home(held)

    def _hold_expired(self) -> None:
        if self._looking_at_home() and self.w.home.underMouse():
            self._hold_timer.start()  # still pointing at the cards: wait a while longer
        else:
            self.take_held_home()

    def _home_failed(self, error: BaseException) -> None:
        self._home_busy = False
        self._failed(error)

    def schedule_home_refresh(self) -> None:
        self._refresh_timer.start()


def cards_of(data: HomeData) -> list[tuple[str, list[int]]]:
    return [(r.id, [i.item_id for i in r.items]) for r in data.rows]


def patched(shown: HomeData, new: HomeData) -> HomeData:
    """The cards on screen with the new badges; a card just disliked leaves its row."""
    rows = [
        dataclasses.replace(r, items=tuple(i for i in r.items if new.liked.get(i.item_id, 0) != -1))
        for r in shown.rows
    ]
    return HomeData([r for r in rows if r.items], new.played, new.liked)
