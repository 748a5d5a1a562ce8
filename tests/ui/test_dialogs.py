"""Companion's message boxes: themed glyphs, named actions, and Enter/Esc never destroy anything."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from companion.ui import theme
from companion.ui.dialogs import WARNING_COLOR, confirm, themed_box
from tests.ui.helpers import wheel_down


def _answer(fn, tries: int = 500) -> None:
    """Answer the next message box once it is shown (looked for every 20 ms: a busy machine opens it late)."""

    def go() -> None:
        box = QApplication.activeModalWidget()
        if box is None and tries > 0:
            _answer(fn, tries - 1)
            return
        assert isinstance(box, QMessageBox)
        fn(box)

    QTimer.singleShot(20, go)


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
    inked = [
        img.pixelColor(x, y)
        for x in range(img.width())
        for y in range(img.height())
        if img.pixelColor(x, y).alpha() == 255
    ]
    assert inked and all(c.name() == QColor(WARNING_COLOR).name() for c in inked)
    ask = themed_box(None, "question", "t", "text")
    qtbot.addWidget(ask)
    img = ask.iconPixmap().toImage()
    assert any(
        img.pixelColor(x, y).name() == QColor(theme.current().accent).name()
        for x in range(img.width())
        for y in range(img.height())
        if img.pixelColor(x, y).alpha() == 255
    )


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


def test_the_wheel_scrolls_settings_without_changing_them(qtbot):
    """QA B3: rolling the wheel down the page changed (and saved) ReplayGain on the way past."""
    from PySide6.QtWidgets import QScrollArea

    from companion.ui.settings_page import SettingsPage

    page = SettingsPage()
    qtbot.addWidget(page)
    page.resize(900, 300)
    page.show()
    qtbot.waitExposed(page)
    changed: list[tuple] = []
    page.changed.connect(lambda name, value: changed.append((name, value)))
    scroll = page.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    combo, slider = page.replaygain, page.exploration
    before = (combo.currentIndex(), slider.value())

    start = bar.value()
    wheel_down(combo)
    wheel_down(slider)
    assert (combo.currentIndex(), slider.value()) == before and changed == []
    assert bar.value() > start, "the page scrolled instead"
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2_000)
    wheel_down(combo)
    assert combo.currentIndex() != before[0], "a focused combo box still takes the wheel"


def test_erasing_history_says_what_went(qtbot, built):
    c = built.controller
    conn = c.backend.store.conn()
    item = conn.execute("SELECT id FROM items WHERE kind = 'music' LIMIT 1").fetchone()[0]
    c.backend.set_liked(int(item), 1)
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert events > 0
    c.erase_history()
    qtbot.waitUntil(lambda: "Erased" in built.window.settings.data_status.text(), timeout=15_000)
    text = built.window.settings.data_status.text()
    assert f"Erased {events:,} listening events and" in text and "likes and dislikes" in text
    assert conn.execute("SELECT COUNT(*) FROM ratings").fetchone()[0] == 0


def test_a_refreshed_folder_list_keeps_the_selected_folder(qtbot):
    """The list is filled again whenever a scan ends or the page is shown; Remove acts on the selection,
    so a refresh must not drop it (the removal test below raced against its own second refresh)."""
    from companion.ui.settings_page import SettingsPage

    page = SettingsPage()
    qtbot.addWidget(page)
    page.set_folders([(1, "/music", "ok"), (2, "/films", "ok")])
    page.folders.setCurrentRow(1)
    page.set_folders([(1, "/music", "ok"), (2, "/films", "missing"), (3, "/new", "ok")])
    assert page.folders.currentItem().data(Qt.ItemDataRole.UserRole) == 2
    page.set_folders([(1, "/music", "ok")])  # the selected folder is gone: nothing is selected
    assert page.folders.currentItem() is None


def test_removing_a_folder_asks_first_and_the_home_lets_its_items_go(qtbot, built):
    """QA session 2, B6: Remove did not ask, and the removed folder's tracks stayed in the home."""
    w, c = built.window, built.controller
    w.show_page("settings")
    c.load_settings_page()
    qtbot.waitUntil(lambda: w.settings.folders.count() > 0, timeout=10_000)
    w.settings.folders.setCurrentRow(0)
    removed: list[int] = []
    w.settings.removeFolder.connect(removed.append)
    _answer(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    w.settings._remove_folder()
    assert removed == []
    with qtbot.waitSignal(c.homeReady, timeout=60_000) as home:  # a rescan and a new home, on a busy machine
        _answer(lambda box: box.findChild(QPushButton, "confirmAction").click())
        w.settings._remove_folder()
    assert len(removed) == 1
    assert not any(r.items for r in home.args[0].rows), "nothing of the removed folder is picked"
    qtbot.waitUntil(lambda: w.settings.folders.count() == 0, timeout=10_000)
