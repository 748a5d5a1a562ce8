"""The system tray: now playing, quick mixes from the home rows, private session, open and quit.

For ``app.py``, once the window, the player, the backend and the settings exist::

    tray = install_tray(app, window, player, backend, settings)   # None when the desktop has no tray
    if not (args.tray and tray):
        window.show()                                             # --tray starts hidden only with a tray

Like every view, the tray reaches the core through the ``Backend`` (the home's rows, likes, the
row start it records) and the settings through the window's ``LiveSettings`` (a private session
or a close-to-tray choice made here shows in the window at once, and the other way round).
Rows come from the same home the window shows, asked for on a worker thread at start,
every ``REFRESH_MS`` (the home changes with the time of day) and shortly after each
recorded play; the menu only ever draws what the worker delivered. Without a tray on
the desktop ``install_tray`` returns None silently: everything works from the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from companion.core.desktop_entry import ICON_DIR
from companion.core.taste.rows import Row
from companion.ui.backend import Backend
from companion.ui.live_settings import LiveSettings
from companion.ui.single_instance import bring_to_front
from companion.ui.tasks import TaskRunner
from companion.ui.tray_close import CloseToTray
from companion.ui.tray_menu import NowPlaying, TrayMenu, quick_mix_rows

log = logging.getLogger(__name__)

REFRESH_MS = 10 * 60 * 1000  # the home follows the time of day; ten minutes is well inside a day part
AFTER_PLAY_MS = 5 * 1000  # a recorded play changes taste: refresh a little later, once per burst
RETRY_MS = 30 * 1000  # no rows yet (first scan or demo still running): look again soon
STALE_MS = 60 * 1000  # opening the menu refreshes rows older than this
NOTIFY_MS = 4000
RowsProvider = Callable[[], Sequence[Row]]  # the home's rows, asked for in a worker thread


def tray_icon() -> QIcon:
    """The tray icon (SVG: sharp at every panel size), with the app icon as a fallback."""
    icon = QIcon(str(ICON_DIR / "companion-tray.svg"))
    return icon if not icon.isNull() else QIcon(str(ICON_DIR / "companion.svg"))


class Tray(QObject):
    homeRefreshed = Signal()  # new rows reached the menu
    rowStarted = Signal(str)  # a quick mix was started from the tray

    def __init__(
        self,
        app: QApplication,
        window: QWidget,
        player: Any,
        backend: Backend,
        settings: LiveSettings,
        *,
        rows_provider: RowsProvider | None = None,
        runner: TaskRunner | None = None,
        refresh_ms: int = REFRESH_MS,
        ask_close: Callable[[QWidget], bool | None] | None = None,
    ) -> None:
        """``rows_provider`` defaults to the backend's home (the taste worker's, as the window shows it)."""
        super().__init__(app)
        self.app, self.window, self.player, self.backend = app, window, player, backend
        self.settings = settings
        self.rows_provider = rows_provider or (lambda: backend.home().rows)
        self.runner = runner or TaskRunner(max_threads=1)
        self.rows: list[Row] = []
        self.icon = QSystemTrayIcon(tray_icon(), self)
        self.icon.setToolTip("Companion")
        self.menu = TrayMenu()
        self.menu.set_private_session(settings.value().private_session)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self._connect_menu()
        self._connect_player()
        settings.changed.connect(self._setting_changed)
        self.close_filter = CloseToTray(
            window,
            lambda: self.settings.value().close_to_tray,
            lambda keep: self.settings.set("close_to_tray", bool(keep)),
            ask=ask_close,
            parent=self,
        )
        self._timer = QTimer(self, interval=refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._soon = QTimer(self, singleShot=True, interval=AFTER_PLAY_MS)
        self._soon.timeout.connect(self.refresh)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.refresh)
        self._age = QElapsedTimer()
        self.menu.aboutToShow.connect(self._refresh_if_stale)
        self.refresh()

    # --- home rows, off the UI thread ----------------------------------------------------------
    def refresh(self) -> None:
        """Ask for the home rows again in a worker; the menu follows when they arrive."""
        provider = self.rows_provider

        def job() -> list[Row]:
            try:
                return list(provider())
            except Exception as e:  # no home yet (empty library, taste not ready): the tray still works
                log.warning("tray: the home rows could not be built: %s", e)
                return []

        self.runner.run(job, on_done=self._apply_home, on_error=lambda e: log.warning("tray refresh: %s", e))

    def _apply_home(self, rows: list[Row]) -> None:
        self.rows = rows
        self._age.start()
        self.menu.set_rows(self.rows)
        if not quick_mix_rows(self.rows):
            self._retry.start()  # nothing to offer yet: the library may still be arriving
        self.homeRefreshed.emit()

    def _refresh_if_stale(self) -> None:
        if not self._age.isValid() or self._age.elapsed() > STALE_MS:
            self.refresh()

    def set_home(self, rows: Sequence[Row]) -> None:
        """The window pushes the rows it just rendered: the tray shows them and skips its own next refresh."""
        self._apply_home(list(rows))
        self._timer.start()  # restarts the interval

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    # --- actions -------------------------------------------------------------------------------
    def start_row(self, row_id: str) -> bool:
        """Play a home row from its first item (one click, the window stays as it is unless it is video)."""
        row = self.row(row_id)
        if row is None or not row.items or self.player is None:
            return False
        ids = [i for item in row.items for i in item.plays()]  # an album card plays its album
        self.player.play_items(ids, start_reason="mix", context=row.id)
        self.runner.run(
            lambda: self.backend.record_row_start(row.id, ids[0]),
            on_error=lambda e: log.warning("tray: row start not recorded: %s", e),
        )
        if row.items[0].kind == "video":
            bring_to_front(self.window)  # a film or an episode needs its window
        self.rowStarted.emit(row.id)
        return True

    def play_something(self) -> bool:
        """The first quick mix: the row the home thinks fits this moment best."""
        return bool(self.menu.rows) and self.start_row(self.menu.rows[0].id)

    def set_liked(self, liked: bool) -> None:
        item_id = self.menu.now_playing.item_id
        if item_id is None:
            return
        backend = self.backend
        self.runner.run(
            lambda: backend.set_liked(item_id, 1 if liked else 0).liked == 1,
            on_done=lambda now_liked: self._liked(item_id, now_liked),
            on_error=lambda e: log.warning("tray: like not saved: %s", e),
        )

    def _liked(self, item_id: int, liked: bool) -> None:
        now = self.menu.now_playing
        if now.item_id == item_id:
            self.menu.set_now_playing(NowPlaying(now.item_id, now.title, now.artist, now.state, liked))

    def set_private_session(self, on: bool) -> None:
        self.menu.set_private_session(bool(on))  # at once; the window shows it once it is stored
        self.settings.set("private_session", bool(on))

    def _setting_changed(self, name: str) -> None:
        if name == "private_session":
            self.menu.set_private_session(self.settings.value().private_session)

    def open_window(self) -> None:
        bring_to_front(self.window)

    def quit(self) -> None:
        """Quit for real (the close-to-tray choice applies to closing the window, not to Quit)."""
        self.icon.hide()
        self.app.quit()

    # --- wiring ----------------------------------------------------------------------------------
    def _connect_menu(self) -> None:
        m = self.menu
        m.rowRequested.connect(self.start_row)
        m.playSomethingRequested.connect(self.play_something)
        m.likeRequested.connect(self.set_liked)
        m.privateSessionRequested.connect(self.set_private_session)
        m.openRequested.connect(self.open_window)
        m.quitRequested.connect(self.quit)
        if self.player is not None:
            m.toggleRequested.connect(self.player.toggle)
            m.nextRequested.connect(self.player.next)

    def _connect_player(self) -> None:
        if self.player is None:
            return
        self.player.currentChanged.connect(self._on_current)
        self.player.stateChanged.connect(self._on_state)
        recorded = getattr(self.player, "eventRecorded", None)
        if recorded is not None:
            recorded.connect(lambda *_: self._soon.start())

    def _on_current(self, entry: Any) -> None:
        if entry is None:
            self.menu.set_now_playing(NowPlaying(state="stopped"))
            self.icon.setToolTip("Companion")
            return
        now = NowPlaying(entry.item_id, entry.title, entry.artist, self.player.state())
        self.menu.set_now_playing(now)
        self.icon.setToolTip(f"Companion — {now.label}")
        self._load_liked(entry.item_id)
        if (
            self.settings.value().notify_track_change
            and self.icon.isVisible()
            and QSystemTrayIcon.supportsMessages()
        ):
            self.icon.showMessage(
                entry.title or "Now playing", entry.artist or "", self.icon.icon(), NOTIFY_MS
            )

    def _load_liked(self, item_id: int) -> None:
        backend = self.backend
        self.runner.run(
            lambda: backend.rating(item_id).liked == 1,
            on_done=lambda liked: self._liked(item_id, liked),
            on_error=lambda e: log.warning("tray: rating not read: %s", e),
        )

    def _on_state(self, state: str) -> None:
        now = self.menu.now_playing
        self.menu.set_now_playing(NowPlaying(now.item_id, now.title, now.artist, state, now.liked))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_window()
        elif reason == QSystemTrayIcon.ActivationReason.MiddleClick and self.player is not None:
            self.player.toggle()

    def close(self) -> None:
        """Take the icon off the panel and stop refreshing (the app is quitting)."""
        self._timer.stop()
        self._soon.stop()
        self._retry.stop()
        self.close_filter.remove()
        self.icon.hide()
        self.runner.shutdown(5.0)


def install_tray(
    app: QApplication, window: QWidget, player: Any, backend: Backend, settings: LiveSettings, **options: Any
) -> Tray | None:
    """Put Companion in the system tray; None (and nothing else) when the desktop has no tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        log.info("no system tray on this desktop: Companion runs from its window")
        return None
    app.setQuitOnLastWindowClosed(False)  # hidden to the tray is not quitting; CloseToTray quits when asked
    tray = Tray(app, window, player, backend, settings, **options)
    tray.icon.show()
    app.aboutToQuit.connect(tray.close)
    return tray
