"""Starting the window. Qt is imported here, never by the headless commands."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from companion.core.paths import Profile

DESKTOP_FILE_NAME = "io.github.companion.Companion"
BACKGROUND_START_MS = 3000  # sound analysis starts once the first home is on screen


def run_app(args: argparse.Namespace, profile: Profile) -> int:
    """Open the window (``--demo`` first makes the demo library; ``--self-test`` checks and exits)."""
    if getattr(args, "self_test", False):
        from companion.ui.selftest import self_test

        return self_test(profile, demo=bool(getattr(args, "demo", False)))
    from companion.ui.single_instance import claim_or_forward, connect_window

    files = list(getattr(args, "files", None) or [])
    instance = claim_or_forward(profile.ensure(), files)
    if instance is None:
        print("Companion is already open: brought it to the front", file=sys.stderr)
        return 0
    app = make_app()
    parts = build(profile, demo=bool(getattr(args, "demo", False)))
    freeze_after_first_home(parts.controller)
    window, controller = parts.window, parts.controller
    connect_window(instance, window, open_files=controller.open_files)
    if files:
        controller.open_files([str(Path(f).absolute()) for f in files])
    tray = None
    try:
        from companion.ui.tray import install_tray

        # the tray's quick mixes are the window's home (from the taste worker); its settings are the window's
        tray = install_tray(app, window, parts.player, controller.backend, parts.settings)
        if tray is not None:
            controller.homeReady.connect(lambda data: tray.set_home(data.rows))
    except ImportError:
        tray = None
    desktop = _desktop_integration(app, window, parts)
    if not (getattr(args, "tray", False) and tray is not None):
        window.show()
    _tell_about_recovery(window, profile)
    try:
        return app.exec()
    finally:
        desktop.clear()
        parts.close()
        instance.release()


def _tell_about_recovery(window, profile: Profile) -> None:
    """If the database was damaged and restored from a backup at start, say so once, in plain words."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from companion.core.db.recovery import take_notice

    def check() -> None:
        notice = take_notice(profile)
        if notice:
            QMessageBox.information(window, "Companion recovered your library", notice)

    for delay_ms in (1_000, 10_000):  # the database is first opened by a worker shortly after start
        QTimer.singleShot(delay_ms, window, check)


def _desktop_integration(app, window, parts) -> list:
    """Media keys and desktop controls (MPRIS2, where a session bus exists) and auto-DJ radio."""
    from companion.playback.autodj import AutoDj, radio_source
    from companion.playback.mpris import Mpris

    def bring_forward() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    mpris = Mpris(
        parts.player,
        raise_window=bring_forward,
        quit_app=app.quit,
        play_something=parts.controller.play_something,
        open_files=parts.controller.open_files,
    )
    mpris.start()
    return [
        mpris,
        AutoDj(parts.player, radio_source(parts.store, parts.controller.backend.radio), parts.runner),
    ]


def make_app():
    from PySide6.QtWidgets import QApplication

    from companion.ui.icons import app_icon

    # Workers run Python code too (tag parsing, taste): hand the interpreter back to the UI thread
    # every 1 ms instead of 5, so a busy worker never holds a frame back for long.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Companion")
    app.setApplicationDisplayName("Companion")
    app.setOrganizationName("Companion")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    return app


class Parts:
    """Everything the window is made of, so it can be closed down in order."""

    def __init__(self, store, runner, art_runner, settings, player, window, controller) -> None:
        self.store, self.runner, self.art_runner = store, runner, art_runner
        self.settings = settings  # the observed settings (companion.ui.live_settings.LiveSettings)
        self.player, self.window, self.controller = player, window, controller
        self._closed = False

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:  # a Python event filter called during Qt's teardown crashes PySide6 6.12
            app.removeEventFilter(self.window)
        self.controller.shutdown()
        self.player.close()  # waits for a file still opening (engine.release)
        self.runner.shutdown()
        self.art_runner.shutdown()
        self.store.close_all()


def build(
    profile: Profile,
    *,
    demo: bool = False,
    inline: bool = False,
    start: bool = True,
    background: bool = True,
    taste_process: bool = True,
) -> Parts:
    """Make the store, player, window and controller; start loading the home (or the welcome).

    ``background`` also starts sound analysis of what is not analysed yet, and folder watching
    when the setting asks for it. ``taste_process`` computes the home, mixes, search and insights
    in a child process (``companion.core.jobs.operations``); False computes them in this process's
    worker threads (the old way, kept for comparison in benchmarks/ui.py).
    """
    from companion.core.jobs.operations import TasteService
    from companion.core.settings import load_settings
    from companion.core.store import Store

    store = Store(profile.ensure())
    # the window process's one read of the settings, before the first paint (for the theme); from here on
    # they are kept by the backend and observed through companion.ui.live_settings.LiveSettings
    settings = load_settings(store.conn())
    # the taste engine's process starts first: it builds the home while this one imports Qt and makes the window
    worker = None
    if taste_process:
        try:
            worker = TasteService(profile)
        except OSError as e:  # no process can be started (limits): the window computes the home itself
            import logging

            logging.getLogger(__name__).warning(
                "no taste worker process (%s): the home is built in the window", e
            )
    try:
        return _assemble(
            profile, store, settings, worker, demo=demo, inline=inline, start=start, background=background
        )
    except BaseException:
        if worker is not None:
            worker.close()  # no taste process outlives a window that could not be made
        raise


def _assemble(
    profile: Profile, store, settings, worker, *, demo: bool, inline: bool, start: bool, background: bool
) -> Parts:
    from PySide6.QtCore import QTimer

    from companion.core.paths import default_media_folders
    from companion.playback.player import Player
    from companion.ui import theme
    from companion.ui.art import ArtCache
    from companion.ui.backend import Backend
    from companion.ui.controller import Controller
    from companion.ui.live_settings import LiveSettings
    from companion.ui.tasks import TaskRunner
    from companion.ui.window import MainWindow

    app = make_app()
    theme.apply(app, settings.theme)
    runner = TaskRunner(inline=inline)
    art_runner = TaskRunner(inline=inline, max_threads=1)
    art = ArtCache(profile, art_runner)
    backend = Backend(store, worker, settings)
    live = LiveSettings(backend, runner)
    player = Player(store, settings_provider=live.value)
    window = MainWindow(
        player, art, backend, live, default_media_folders(), str(profile.data_dir / "window.ini")
    )
    controller = Controller(window, backend, runner, player, live)
    window.restore_state()
    if start:
        if demo:
            window.setWindowTitle("Companion: demo library")
            window.show_page("welcome")
            controller.make_demo()
        elif not _has_library(store):
            window.set_library_empty(True)  # Home is the welcome until there is something to pick from
            window.show_page("welcome")
        else:
            controller.refresh_home()
            if worker is not None:
                controller.show_last_home()
        if background:
            controller.background.set_watching(settings.watch_folders)
            QTimer.singleShot(BACKGROUND_START_MS, controller.background.analyse)
    return Parts(store, runner, art_runner, live, player, window, controller)


def freeze_after_first_home(controller) -> None:
    """Once the first home is on screen, what the start made (modules, Qt wrappers, the library's rows) is
    left out of Python's full garbage collections, which otherwise go over all of it on the UI thread: one
    took 70 ms during a scan (a visible stall) in benchmarks/ui.py. For the application's own process (tests
    that make many windows in one process do not want their garbage kept)."""
    import gc

    def freeze(_data: object) -> None:
        controller.homeReady.disconnect(freeze)
        gc.freeze()

    controller.homeReady.connect(freeze)


def _has_library(store) -> bool:
    from companion.core.library.folders import list_folders
    from companion.core.library.queries import count_items

    conn = store.conn()
    return bool(count_items(conn) or list_folders(conn))


def wait_for(condition, timeout_s: float = 30.0) -> bool:
    """Process Qt events until ``condition()`` is true (for --self-test and benchmarks)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    return True
