"""The window makes the home at start and every other page on first use, connected as if made at start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.core.logfile import log_path
from companion.ui.window_pages import PAGE_NAMES


def test_only_the_home_is_made_at_start_and_a_page_works_when_first_shown(qtbot, built):
    w = built.window
    assert set(w.pages) == {"home"}  # the first screen: nothing else was built before it was painted
    made: list[str] = []
    w.pageMade.connect(lambda name, _page: made.append(name))
    qtbot.mouseClick(w.nav_buttons["library"], Qt.MouseButton.LeftButton)
    assert made == ["library"] and w.current_page == "library"
    # connected when made: the page asked for its table and the controller filled it in
    qtbot.waitUntil(lambda: w.library.model.rowCount() > 0, timeout=20_000)
    assert w.made_page("insights") is None  # asking whether a page is made does not make it
    w.focus_search()  # Ctrl+F: the search page is made, and its queries reach the taste engine
    qtbot.keyClicks(w.search.field, "night bus")
    qtbot.waitUntil(lambda: w.search.last_text == "night bus", timeout=20_000)
    assert w.search.model.rowCount() > 0


def test_the_remaining_pages_are_made_after_the_first_paint_and_connected(qtbot, built):
    w = built.window
    finished: list[bool] = []
    w.make_remaining_pages(lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    assert set(w.pages) == {"home", *PAGE_NAMES}
    assert all(w.stack.indexOf(page) >= 0 for page in w.pages.values())
    # the settings page made late is connected to the controller like the others
    assert not log_path(built.controller.backend.profile).exists()
    w.settings.openLog.emit()
    assert w.settings.data_status.text() == "Nothing has been logged yet"
    # and it follows the settings: one changed elsewhere (the tray) shows on the page
    built.settings.set("notify_track_change", not built.settings.value().notify_track_change)
    qtbot.waitUntil(lambda: w.settings.notify.isChecked() == built.settings.value().notify_track_change)
