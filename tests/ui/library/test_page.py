"""The library page: column room and sorting, Show in folder, tabs, counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QMenu,
    QStyleOptionHeader,
)

from companion.ui import theme
from tests.ui.helpers import centre_colour, colour_close, save_shot
from tests.ui.library.helpers import column, open_view

# --- C4 ---------------------------------------------------------------------------------------------


def test_genre_names_get_the_room_and_counts_sort_from_the_top_first(qtbot, built):
    w = built.window
    open_view(qtbot, w, "genres")
    table, header = w.library.table, w.library.table.horizontalHeader()
    g = column(w, "Genre")
    assert header.sectionResizeMode(g) == QHeaderView.ResizeMode.Stretch
    names = [str(w.library.model.row_values(r)[g + 1]) for r in range(w.library.model.rowCount())]
    widest = max(table.fontMetrics().horizontalAdvance(n) for n in names)
    assert header.sectionSize(g) > widest + 20, "no genre name is elided"
    save_shot(w, "c4_genres")
    # the first click on Plays: most played first, and the header says so
    plays = column(w, "Plays")
    x = header.sectionViewportPosition(plays) + header.sectionSize(plays) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert header.sortIndicatorSection() == plays
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    counts = [w.library.model.row_values(r)[plays + 1] or 0 for r in range(w.library.model.rowCount())]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    # and the arrow points down for "most first" (Qt's own is the other way round)
    option = QStyleOptionHeader()
    header.initStyleOptionForIndex(option, plays)
    assert option.sortIndicator == QStyleOptionHeader.SortIndicator.SortDown
    qtbot.wait(50)
    save_shot(
        header.grab()
        .toImage()
        .copy(header.sectionViewportPosition(plays) - 40, 0, header.sectionSize(plays) + 40, header.height())
        .scaled(400, 120),
        "c4_arrow",
    )
    # a name column still starts A to Z
    x = header.sectionViewportPosition(g) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    open_view(qtbot, w, "tracks")
    assert header.sectionResizeMode(column(w, "Genre")) == QHeaderView.ResizeMode.Stretch
    for name in ("Rating", "Added"):
        c = column(w, name)
        x = header.sectionViewportPosition(c) + header.sectionSize(c) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder, name
    save_shot(w, "c4_tracks")


# --- B9 ---------------------------------------------------------------------------------------------


def test_show_in_folder_without_a_file_manager_says_where_the_file_is(qtbot, built):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    w = built.window
    open_view(qtbot, w, "tracks")
    table, model = w.library.table, w.library.model
    folder = str(Path(built.controller.backend.file_path(model.item_id(0))).parent)
    assert not QDesktopServices.openUrl(QUrl.fromLocalFile(folder)), (
        "this test needs a desktop without a launcher"
    )
    chosen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            action = next(a for a in menu.actions() if a.text() == "Show in folder")
            chosen.append(action.text())
            menu.close()
            action.trigger()

    QTimer.singleShot(100, pick)
    table.customContextMenuRequested.emit(table.visualRect(model.index(0, 0)).center())
    assert chosen
    qtbot.waitUntil(lambda: folder in w.status.text(), timeout=3000)
    assert "file manager" in w.status.text()
    assert QApplication.clipboard().text() == folder
    qtbot.wait(50)
    save_shot(w, "b9_show_in_folder")


def test_library_tabs_show_the_current_view_without_focus(qtbot, themed):
    from PySide6.QtCore import Qt

    from companion.ui.library.page import LibraryPage

    themed("dark")
    page = LibraryPage()
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    tabs = {b.property("view"): b for b in page.buttons.buttons()}
    page.show_view("albums")
    page.filter.setFocus(Qt.FocusReason.OtherFocusReason)  # the tab has no focus now
    qtbot.waitUntil(page.filter.hasFocus)
    accent = QColor(theme.current().accent)
    assert colour_close(centre_colour(tabs["albums"]), accent, 30), (
        "the current view's tab is filled with the accent"
    )
    assert not colour_close(centre_colour(tabs["tracks"]), accent, 30)
    tabs["movies"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tabs["movies"].hasFocus)
    assert not colour_close(centre_colour(tabs["movies"]), accent, 30), (
        "focus is a ring, not the current-view fill"
    )
    assert colour_close(centre_colour(tabs["albums"]), accent, 30)


# --- D1: plurals --------------------------------------------------------------------------------------


def test_counts_use_the_singular_for_one():
    from companion.ui.library.page import count
    from companion.ui.search_page import _count

    assert count(1, "track") == "1 track" and count(2400, "track") == "2,400 tracks"
    assert _count(1, "mix", "mixes") == "1 mix" and _count(24, "item", "items") == "24 items"
