"""Starting the window. Qt is imported here, never by the headless commands."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from companion.core.paths import Profile

DESKTOP_FILE_NAME = "io.github.companion.Companion"
BACKGROUND_START_MS = 3000  # sound analysis starts once the first home is on screen
DESKTOP_PARTS_MS = 1500  # tray and media keys: after the first home, or this long after start without one
DESKTOP_PARTS_WAIT_MS = 10_000  # ... but while that home is being computed, they wait for it this long
INBOX_WAIT_MS = 2000  # later launches are watched for after the first home, at most this long after start
PAGES_AFTER_MS = 1000  # the pages not shown yet are made this long after the tray and media keys


def run_app(args: argparse.Namespace, profile: Profile) -> int:
    """Open the window (``--demo`` first makes the demo library; ``--self-test`` checks and exits)."""
    if getattr(args, "self_test", False):
        from companion.ui.selftest import self_test

        return self_test(profile, build, wait_for, demo=bool(getattr(args, "demo", False)))
    from companion.core.instance_lock import claim_or_forward

    files = list(getattr(args, "files", None) or [])
    lock = claim_or_forward(profile.ensure(), files)  # Qt-free: before Qt's import, as the helpers below
    if lock is None:
        print("Companion is already open: brought it to the front", file=sys.stderr)
        return 0
    from companion.core.logfile import route_output

    routed = route_output(profile)  # from here the terminal shows Companion's lines only; the rest is logged
    try:
        return _run_window(args, profile, lock, files)
    finally:
        lock.release()
        routed.restore()


def _run_window(args: argparse.Namespace, profile: Profile, lock, files: list[str]) -> int:
    from companion.core.jobs.sigint_block import block_sigint_for_helpers

    demo = bool(getattr(args, "demo", False))
    block_sigint_for_helpers()  # before any helper process starts: Ctrl+C is the window's (quit_signals.py)
    # the taste engine's process started and the database opened before Qt is imported (0.2 s): the
    # process builds the home meanwhile
    core = parts = signals = None
    desktop: list = []
    inbox: list = []  # the watch for later launches (single_instance.SingleInstance), once made
    try:
        core = start_core(profile, demo=demo)
        from companion.ui.quit_signals import QuitOnSignals

        app = make_app()
        signals = QuitOnSignals()
        parts = build(profile, demo=demo, core=core)
        freeze_after_first_home(parts.controller)
        window, controller = parts.window, parts.controller
        signals.set_target(window.quit_app)  # Ctrl+C and SIGTERM quit as Ctrl+Q does
        if files:
            controller.open_files([str(Path(f).absolute()) for f in files])
        tray_wanted = bool(getattr(args, "tray", False))
        if tray_wanted:  # starting in the tray: the tray is the first thing shown
            inbox.append(_watch_inbox(lock, window, controller))
            _desktop_parts(app, parts, desktop, tray_wanted)
        else:
            window.show()
            # a later launch's request waits in the inbox until then (it waits 5 s for an answer)
            _after_first_home(
                controller,
                lambda: inbox.append(_watch_inbox(lock, window, controller)),
                home_wait_ms=INBOX_WAIT_MS,
            )
            _after_first_home(controller, lambda: _desktop_parts(app, parts, desktop, tray_wanted))
        _tell_about_recovery(window, profile)
        return app.exec()
    finally:
        desktop.clear()
        if parts is not None:
            parts.close()
        elif core is not None:
            core.close()  # no taste process outlives a window that could not be made
        for instance in inbox:
            instance.release()
        if signals is not None:
            signals.close()
        else:  # no window came: Ctrl+C is this thread's again (QuitOnSignals.close does it otherwise)
            from companion.core.jobs.sigint_block import unblock_sigint

            unblock_sigint()


def _watch_inbox(lock, window, controller):
    """Start taking later launches' requests (come to the front, open files): after the first home is painted,
    as the watch and the Qt types it makes cost 0.03-0.04 s of the window's start; a request that landed
    before is taken at once (``SingleInstance.listen``)."""
    # Qt's file watch: made after the first paint
    from companion.ui.single_instance import SingleInstance, connect_window

    instance = SingleInstance(lock.folder, lock)
    connect_window(instance, window, open_files=controller.open_files)
    return instance


def _after_first_home(
    controller, then, at_most_ms: int = DESKTOP_PARTS_MS, home_wait_ms: int = DESKTOP_PARTS_WAIT_MS
) -> None:
    """``then()`` once, after the first home is painted: what the first screen does not show (tray, media
    keys) waits until that screen is on screen. Not on the home's arrival: its strips are laid out and
    painted in later turns of the event loop, and work scheduled on arrival ran before them (the tray and
    media keys held the first paint back by 0.25 s). Without a home after ``at_most_ms`` (the welcome)
    it runs then, unless a home is still being computed (a new profile's first fit): that home is waited
    for up to ``home_wait_ms``, as the tray's work (0.45 s of CPU) delayed it by up to 0.25 s."""
    from PySide6.QtCore import QTimer

    from companion.ui.first_paint import after_first_paint

    done: list[bool] = []

    def once(*_args) -> None:
        if not done:
            done.append(True)
            QTimer.singleShot(0, then)

    def arrived(_data) -> None:
        controller.homeReady.disconnect(arrived)
        home = controller.w.home
        first = home.strips.get(home.rows[0].id) if home.rows else None
        if first is None:
            once()
        else:
            after_first_paint(first, once)

    def timed_out() -> None:
        if not controller.first_home_coming():  # else its arrival calls once, or the last deadline does
            once()

    controller.homeReady.connect(arrived)
    QTimer.singleShot(at_most_ms, timed_out)
    QTimer.singleShot(max(at_most_ms, home_wait_ms), once)  # a first home that never comes


def _desktop_parts(app, parts: Parts, desktop: list, tray_wanted: bool) -> None:
    """The tray icon (its menu is the home's quick mixes) and the desktop's media controls (MPRIS)."""
    import logging

    from PySide6.QtCore import QTimer

    logging.getLogger(__name__).info("the first screen is painted: tray and media keys next")
    window, controller = parts.window, parts.controller
    tray = None
    try:
        from companion.ui.tray import install_tray

        tray = install_tray(app, window, parts.player, controller.backend, parts.settings)
        if tray is not None:
            controller.homeReady.connect(lambda data: tray.set_home(data.rows))
            if controller.home_data is not None:
                tray.set_home(controller.home_data.rows)
    except ImportError:
        tray = None
    if tray_wanted and tray is None:
        window.show()  # no tray here: the window is the only way to reach Companion
    desktop.extend([tray, *_desktop_integration(app, window, parts)])  # kept alive while the window runs
    _say_if_no_sound()
    # the other pages, one per turn of the event loop, once the first screen had a moment (covers, a click):
    # a later click finds its page made (the library page alone is 0.1-0.3 s of CPU)
    QTimer.singleShot(PAGES_AFTER_MS, window, window.make_remaining_pages)


def _say_if_no_sound() -> None:
    """One line at the terminal when there is no sound output (Qt's own lines about it go to the log)."""
    from PySide6.QtMultimedia import QMediaDevices

    from companion.core.logfile import say

    if not QMediaDevices.audioOutputs():
        say(
            "no sound output found (is a sound server such as PipeWire or PulseAudio running?): "
            "what you play stays silent until there is one"
        )


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
    dj = AutoDj(parts.player, radio_source(parts.store, parts.controller.backend.radio), parts.runner)
    dj.steered.connect(parts.controller.message)  # "Less like this for now"
    return [mpris, dj]


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


class Core:
    """What the window's process starts before Qt: the store (the database opened and migrated), the
    settings read once, and the taste engine's process (None: the window computes the home itself)."""

    def __init__(self, store, settings, worker) -> None:
        self.store, self.settings, self.worker = store, settings, worker

    def close(self) -> None:
        """For a window that was never made: no taste process outlives it."""
        if self.worker is not None:
            self.worker.close()
        self.store.close_all()


def start_core(
    profile: Profile, *, demo: bool = False, start: bool = True, taste_process: bool = True
) -> Core:
    """Start the taste engine's process, open the store, read the settings; Qt-free (``build`` and
    ``run_app``). The process starts first: it imports the taste engine (0.3 s) while this one opens and
    migrates the database, and reads nothing before it is told (``TasteService.go``)."""
    from companion.core.jobs.operations import TasteService
    from companion.core.settings import load_settings
    from companion.core.store import Store

    profile.ensure()
    worker = None
    if taste_process:
        try:
            worker = TasteService(profile, gated=True)
        except OSError as e:  # no process can be started (limits): the window computes the home itself
            import logging

            logging.getLogger(__name__).warning(
                "no taste worker process (%s): the home is built in the window", e
            )
    store = Store(profile, daily_backup=False)  # today's backup: below, once the worker may read
    try:
        # the window process's one read of the settings, before the first paint (for the theme); from here
        # on they are kept by the backend and observed through companion.ui.live_settings.LiveSettings
        settings = load_settings(store.conn())
        if demo and start:
            _plan_demo_first(store, profile)
    except BaseException:
        if worker is not None:
            worker.close()
        store.close_all()
        raise
    if worker is not None:
        worker.go()
    from companion.core.db.backup import daily_backup_in_background

    daily_backup_in_background(profile)
    return Core(store, settings, worker)


def build(
    profile: Profile,
    *,
    demo: bool = False,
    inline: bool = False,
    start: bool = True,
    background: bool = True,
    taste_process: bool = True,
    core: Core | None = None,
) -> Parts:
    """Make the store, player, window and controller; start loading the home (or the welcome).

    ``background`` also starts sound analysis of what is not analysed yet, and folder watching
    when the setting asks for it. ``taste_process`` computes the home, mixes, search and insights
    in a child process (``companion.core.jobs.operations``); False computes them in this process's
    worker threads (the old way, kept for comparison in benchmarks/ui.py). ``core``: what
    ``start_core`` already started (``run_app`` does that before importing Qt).
    """
    if core is None:
        core = start_core(profile, demo=demo, start=start, taste_process=taste_process)
    try:
        return _assemble(
            profile,
            core.store,
            core.settings,
            core.worker,
            demo=demo,
            inline=inline,
            start=start,
            background=background,
        )
    except BaseException:
        if core.worker is not None:
            core.worker.close()  # no taste process outlives a window that could not be made
        raise


def _plan_demo_first(store, profile: Profile) -> None:
    """The demo's catalogue and week stored before the taste engine's process starts, so the home it builds
    while this process imports Qt is the demo's (a fraction of a second; its files are made after the first
    paint). A demo that cannot be made here is told by the controller's ``make_demo``, which plans again."""
    import contextlib

    from companion.core.demo import plan_demo
    from companion.core.errors import CompanionError

    with contextlib.suppress(CompanionError):
        plan_demo(store.conn(), profile)


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
            controller.make_demo()  # its home at once; it starts the sound analysis once its files are made
        elif not _has_library(store):
            window.set_library_empty(True)  # Home is the welcome until there is something to pick from
            window.show_page("welcome")
        else:
            controller.refresh_home()
            if worker is not None:
                controller.show_last_home()
        if background:
            controller.background.set_watching(settings.watch_folders)
            if not demo:
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
