"""QA session 2, the library: genre columns and sorting (C4), readable stars (C11), Show in folder (B9),
the shows tree (C15)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QStyleOptionHeader,
    QStyleOptionViewItem,
)

from companion.ui import theme

SHOTS = "/tmp/qa2_library"


def _save(image_or_widget, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    image = image_or_widget if isinstance(image_or_widget, QImage) else image_or_widget.grab()
    image.save(f"{SHOTS}/{name}.png")


@pytest.fixture
def themed(qtbot):
    app = QApplication.instance()
    yield lambda name: theme.apply(app, name)
    theme.apply(app, "dark")


def _open_view(qtbot, w, view: str) -> None:
    w.show_page("library")
    w.library.show_view(view)
    qtbot.waitUntil(
        lambda: (
            w.library.model.rowCount() > 0
            and w.library.views.currentWidget() is w.library.table
            and w.library.model.columns()[0] != ""
            and _view_columns(w) == view
        ),
        timeout=10_000,
    )
    qtbot.wait(50)


def _view_columns(w) -> str:
    cols = w.library.model.columns()
    return {"Genre": "genres", "Title": "tracks" if "Artist" in cols else "movies"}.get(cols[0], "?")


def _col(w, name: str) -> int:
    return w.library.model.columns().index(name)


# --- C4 ---------------------------------------------------------------------------------------------


def test_genre_names_get_the_room_and_counts_sort_from_the_top_first(qtbot, built):
    w = built.window
    _open_view(qtbot, w, "genres")
    table, header = w.library.table, w.library.table.horizontalHeader()
    g = _col(w, "Genre")
    assert header.sectionResizeMode(g) == QHeaderView.ResizeMode.Stretch
    names = [str(w.library.model.row_values(r)[g + 1]) for r in range(w.library.model.rowCount())]
    widest = max(table.fontMetrics().horizontalAdvance(n) for n in names)
    assert header.sectionSize(g) > widest + 20, "no genre name is elided"
    _save(w, "c4_genres")
    # the first click on Plays: most played first, and the header says so
    plays = _col(w, "Plays")
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
    _save(
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
    _open_view(qtbot, w, "tracks")
    assert header.sectionResizeMode(_col(w, "Genre")) == QHeaderView.ResizeMode.Stretch
    for name in ("Rating", "Added"):
        c = _col(w, name)
        x = header.sectionViewportPosition(c) + header.sectionSize(c) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder, name
    _save(w, "c4_tracks")


# --- C11 --------------------------------------------------------------------------------------------


def _contrast(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("name", ["dark", "light"])
def test_empty_stars_read_on_plain_selected_and_hovered_rows(qtbot, built, themed, name):
    from companion.ui.library.delegate import STAR
    from companion.ui.library.model import StarsRole
    from companion.ui.stars import star_path

    themed(name)
    w = built.window
    _open_view(qtbot, w, "tracks")
    table, model = w.library.table, w.library.model
    rating = _col(w, "Rating")
    unrated = [r for r in range(model.rowCount()) if model.index(r, rating).data(StarsRole) is None]
    assert len(unrated) >= 2
    plain, chosen = unrated[0], unrated[1]
    table.selectRow(chosen)
    table.scrollTo(model.index(plain, rating))
    qtbot.wait(50)
    _save(w, f"c11_tracks_{name}")
    img = table.viewport().grab().toImage()
    dpr = img.devicePixelRatio()

    def star_and_ground(row: int, image: QImage = img) -> tuple[QColor, QColor]:
        cell = table.visualRect(model.index(row, rating))
        centre = star_path(
            QRect(cell.left() + 6, cell.center().y() - STAR // 2, STAR, STAR).toRectF()
        ).boundingRect()
        star = image.pixelColor(int(centre.center().x() * dpr), int(centre.center().y() * dpr))
        ground = image.pixelColor(int((cell.right() - 4) * dpr), int(cell.center().y() * dpr))
        return star, ground

    for row in (plain, chosen):
        star, ground = star_and_ground(row)
        assert _contrast(star, ground) >= 70, (name, row, star.name(), ground.name())
    # a hovered row, painted as the table paints it
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    cell = table.visualRect(model.index(plain, rating))
    option.rect = QRect(0, 0, cell.width(), cell.height())
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_MouseOver
    option.widget = table
    image = QImage(cell.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.current().surface))
    p = QPainter(image)
    w.library.stars.paint(p, option, model.index(plain, rating))
    p.end()
    _save(image.scaled(cell.width() * 4, cell.height() * 4), f"c11_hovered_cell_{name}")
    star = image.pixelColor(6 + STAR // 2, cell.height() // 2)
    ground = image.pixelColor(cell.width() - 4, cell.height() // 2)
    assert _contrast(star, ground) >= 70, (name, star.name(), ground.name())


# --- B9 ---------------------------------------------------------------------------------------------


def test_show_in_folder_without_a_file_manager_says_where_the_file_is(qtbot, built):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    w = built.window
    _open_view(qtbot, w, "tracks")
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
    _save(w, "b9_show_in_folder")


# --- C15 --------------------------------------------------------------------------------------------


def test_shows_put_the_episode_count_beside_the_name(qtbot, built):
    w = built.window
    w.show_page("library")
    w.library.show_view("episodes")
    tree = w.library.shows
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=10_000)
    show = tree.topLevelItem(0)
    assert show.text(0) == f"Star Harbor · {tree.episode_count()} episodes"
    assert "episode" not in show.text(1) and "episode" not in show.child(0).text(1)
    qtbot.wait(50)
    _save(w, "c15_shows")
