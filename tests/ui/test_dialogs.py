"""Companion's message boxes: themed glyphs, named actions, and Enter/Esc never destroy anything."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from companion.ui import theme
from companion.ui.dialogs import WARNING_COLOR, confirm, themed_box


def _answer(fn) -> None:  # noqa: ANN001
    def go() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        fn(box)
    QTimer.singleShot(50, go)


def test_confirm_names_the_action_and_enter_cancels(qtbot):
    seen = []

    def press_enter(box: QMessageBox) -> None:
        seen.append([b.text() for b in box.buttons()])
        qtbot.keyClick(box, Qt.Key.Key_Return)

    _answer(press_enter)
    assert confirm(None, "Erase listening history", "Erase everything?", "Erase history") is False
    assert "Erase history" in seen[0] and "&Yes" not in seen[0]

    _answer(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert confirm(None, "Erase", "Erase everything?", "Erase history") is False

    _answer(lambda box: box.findChild(QPushButton, "confirmAction").click())
    assert confirm(None, "Erase", "Erase everything?", "Erase history") is True


def test_boxes_show_the_theme_glyph_not_the_stock_icon(qtbot):
    warn = themed_box(None, "warning", "t", "text")
    qtbot.addWidget(warn)
    assert warn.icon() == QMessageBox.Icon.NoIcon and not warn.iconPixmap().isNull()
    img = warn.iconPixmap().toImage()
    inked = [img.pixelColor(x, y) for x in range(img.width()) for y in range(img.height())
             if img.pixelColor(x, y).alpha() == 255]
    assert inked and all(c.name() == QColor(WARNING_COLOR).name() for c in inked)
    ask = themed_box(None, "question", "t", "text")
    qtbot.addWidget(ask)
    img = ask.iconPixmap().toImage()
    assert any(img.pixelColor(x, y).name() == QColor(theme.current().accent).name()
               for x in range(img.width()) for y in range(img.height()) if img.pixelColor(x, y).alpha() == 255)


def test_erasing_history_from_settings_asks_first(qtbot):
    from companion.ui.settings_page import SettingsPage

    page = SettingsPage()
    qtbot.addWidget(page)
    erased: list[int] = []
    page.eraseHistory.connect(lambda: erased.append(1))
    button = page.findChild(QPushButton, "eraseHistory")
    _answer(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    button.click()
    assert erased == []
    _answer(lambda box: box.findChild(QPushButton, "confirmAction").click())
    button.click()
    assert erased == [1]
