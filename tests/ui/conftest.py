"""Window tests: the demo scanned once per test process (its files are made once per run: tests/conftest.py),
a built window per test, no thread left running."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_demo_media


@pytest.fixture(autouse=True)
def no_qthread_left_running():
    """Fail any test that leaves a worker thread running (napari's fixture, for our task runners)."""
    yield
    from PySide6.QtCore import QThreadPool

    from companion.ui.tasks import all_runners

    QThreadPool.globalInstance().waitForDone(3000)
    runners = all_runners()
    for runner in runners:
        runner.wait_idle(3)  # a test's last callbacks may still be finishing
    busy = [r for r in runners if r.active()] + (
        [QThreadPool.globalInstance()] if QThreadPool.globalInstance().activeThreadCount() else []
    )
    assert not busy, f"{len(busy)} thread pool(s) still running work after the test"


@pytest.fixture
def demo_profile(profile, demo_media):
    """A profile whose demo folder already holds the media (so ``ensure_demo`` only scans and simulates)."""
    copy_demo_media(demo_media, profile)
    return profile


def _first_start(profile) -> None:
    """What a person's first start leaves in the profile's cache: the taste engine's snapshot, its fitted
    model and the last home (``TasteService`` asked for the home once, as the window does, then closed)."""
    from companion.core.jobs.operations import TasteService

    service = TasteService(profile)
    try:
        service.call("home", timeout=180)
    finally:
        service.close()  # the service keeps the last home right after answering, before it reads the stop


@pytest.fixture(scope="session")
def _demo_library_template(tmp_path_factory, demo_media) -> tuple[Path, Path, Path]:
    """The demo scanned and its week simulated once per test process: (the live profile folder, its pristine
    copy as before any start, the copy after a first start). The database keeps absolute paths, so every
    test gets a copy back at the same live path."""
    from companion.core.db import open_profile_db
    from companion.core.demo import ensure_demo
    from companion.core.paths import resolve_profile

    base = tmp_path_factory.mktemp("demo-library")
    live, cold, warm = base / "profile", base / "pristine", base / "started"
    profile = resolve_profile(live).ensure()
    copy_demo_media(demo_media, profile)
    conn = open_profile_db(profile)
    ensure_demo(conn, profile)
    conn.close()
    shutil.copytree(live, cold)
    _first_start(profile)
    shutil.copytree(live, warm)
    return live, cold, warm


@pytest.fixture
def demo_library(request, _demo_library_template):
    """A profile holding the scanned demo and its made-up week, fresh for this test (tests of one process run
    one after another, so they can share the live path). Its window starts as a person's second start does
    (the taste model fitted, the last home kept: a window is on screen in about half the time); tests marked
    ``first_start`` get the profile as before any start."""
    from companion.core.paths import resolve_profile
    from companion.core.taste.home import forget_state

    live, cold, warm = _demo_library_template
    shutil.rmtree(live, ignore_errors=True)
    shutil.copytree(cold if request.node.get_closest_marker("first_start") else warm, live)
    profile = resolve_profile(live).ensure()
    forget_state(profile)  # the taste engine keeps state per database path: not the last test's
    return profile


@pytest.fixture
def themed(qtbot):
    """Yields a function that applies a theme; the dark theme is back afterwards."""
    from PySide6.QtWidgets import QApplication

    from companion.ui import theme

    app = QApplication.instance()
    yield lambda name: theme.apply(app, name)
    theme.apply(app, "dark")


def _wait(qtbot, condition, timeout=30_000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)


def open_demo_window(qtbot, profile, make: bool = True):
    """The window built over ``profile``, its home on screen; ``make``: the demo scanned into it first (and its
    week recorded), else the profile holds it already (``demo_library``)."""
    from companion.app import build

    if make:
        from companion.core.db import open_profile_db
        from companion.core.demo import ensure_demo

        conn = open_profile_db(profile)
        ensure_demo(conn, profile)
        conn.close()
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    parts.window.resize(1280, 820)
    parts.window.show()
    _wait(qtbot, lambda: parts.controller.home_data is not None and bool(parts.window.home.strips))
    return parts


@pytest.fixture
def built(qtbot, demo_library):
    """The window over a demo library, its home on screen."""
    parts = open_demo_window(qtbot, demo_library, make=False)
    yield parts
    parts.close()
    parts.window.close()
