"""Window tests: a demo library made once per session, a built window per test, no thread left running."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


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


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory) -> Path:
    """The demo's media files, made once (the slow part); each test scans its own copy."""
    from companion.core.demo import demo_root
    from companion.core.demo.media import make_files
    from companion.core.paths import resolve_profile

    template = resolve_profile(tmp_path_factory.mktemp("demo-template")).ensure()
    make_files(demo_root(template))
    return demo_root(template)


@pytest.fixture
def demo_profile(profile, demo_media):
    """A profile whose demo folder already holds the media (so ``ensure_demo`` only scans and simulates)."""
    from companion.core.demo import demo_root

    shutil.copytree(demo_media, demo_root(profile))
    return profile


def _wait(qtbot, condition, timeout=30_000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)


@pytest.fixture
def built(qtbot, demo_profile):
    """The window over a demo library, its home on screen."""
    from companion.app import build
    from companion.core.db import open_profile_db
    from companion.core.demo import ensure_demo

    conn = open_profile_db(demo_profile)
    ensure_demo(conn, demo_profile)
    conn.close()
    parts = build(demo_profile, background=False)
    qtbot.addWidget(parts.window)
    parts.window.resize(1280, 820)
    parts.window.show()
    _wait(qtbot, lambda: parts.controller.home_data is not None and bool(parts.window.home.strips))
    yield parts
    parts.close()
    parts.window.close()
