"""QA C9: a private session is visible in the window, and one click ends it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.core.settings import load_settings


def test_private_session_shows_in_the_sidebar_and_a_click_ends_it(qtbot, built):
    w, c = built.window, built.controller
    assert not w.private_badge.isVisible()
    c.change_setting("private_session", True)
    qtbot.waitUntil(w.private_badge.isVisible, timeout=10_000)
    assert load_settings(c.backend.store.conn()).private_session is True
    qtbot.mouseClick(w.private_badge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.private_badge.isVisible(), timeout=10_000)
    assert load_settings(c.backend.store.conn()).private_session is False
    assert not w.settings.private.isChecked()


def test_the_tray_turning_it_on_shows_it_too(qtbot, built):
    w = built.window
    w.on_setting_changed("private_session", True)
    assert w.private_badge.isVisible()
