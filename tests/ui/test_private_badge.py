"""QA C9: a private session is visible in the window, and one click ends it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.core.settings import load_settings
from companion.ui.tasks import TaskRunner
from companion.ui.tray import Tray


def test_private_session_shows_in_the_sidebar_and_a_click_ends_it(qtbot, built):
    w, c = built.window, built.controller
    assert not w.private_badge.isVisible()
    built.settings.set("private_session", True)
    qtbot.waitUntil(w.private_badge.isVisible, timeout=10_000)
    assert load_settings(c.backend.store.conn()).private_session is True
    qtbot.mouseClick(w.private_badge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.private_badge.isVisible(), timeout=10_000)
    assert load_settings(c.backend.store.conn()).private_session is False
    assert not w.settings.private.isChecked()


def test_the_tray_turning_it_on_shows_it_too(qtbot, built):
    w = built.window
    tray = Tray(
        QApplication.instance(),
        w,
        built.player,
        built.controller.backend,
        built.settings,
        rows_provider=lambda: [],
        runner=TaskRunner(inline=True),
    )
    try:
        tray.menu.rebuild()
        tray.menu.action("tray-private").trigger()
        qtbot.waitUntil(w.private_badge.isVisible, timeout=10_000)
        assert w.settings.private.isChecked()
    finally:
        tray.close()
