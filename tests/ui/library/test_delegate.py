"""The library's row painter: empty stars read on every row state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QStyle,
    QStyleOptionViewItem,
)

from companion.ui import theme
from tests.ui.helpers import save_shot
from tests.ui.library.helpers import column, open_view

# --- C11 --------------------------------------------------------------------------------------------


def _contrast(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


@pytest.mark.parametrize("name", ["dark", "light"])
def test_empty_stars_read_on_plain_selected_and_hovered_rows(qtbot, built, themed, name):
    from companion.ui.library.delegate import STAR, stars_left
    from companion.ui.library.model import StarsRole
    from companion.ui.stars import star_path

    themed(name)
    w = built.window
    open_view(qtbot, w, "tracks")
    table, model = w.library.table, w.library.model
    rating = column(w, "Rating")
    unrated = [r for r in range(model.rowCount()) if model.index(r, rating).data(StarsRole) is None]
    assert len(unrated) >= 2
    plain, chosen = unrated[0], unrated[1]
    table.selectRow(chosen)
    table.scrollTo(model.index(plain, rating))
    qtbot.wait(50)
    save_shot(w, f"c11_tracks_{name}")
    img = table.viewport().grab().toImage()
    dpr = img.devicePixelRatio()

    def star_and_ground(row: int, image: QImage = img) -> tuple[QColor, QColor]:
        cell = table.visualRect(model.index(row, rating))
        centre = star_path(
            QRect(cell.left() + stars_left(cell.width()), cell.center().y() - STAR // 2, STAR, STAR).toRectF()
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
    save_shot(image.scaled(cell.width() * 4, cell.height() * 4), f"c11_hovered_cell_{name}")
    star = image.pixelColor(stars_left(cell.width()) + STAR // 2, cell.height() // 2)
    ground = image.pixelColor(cell.width() - 4, cell.height() // 2)
    assert _contrast(star, ground) >= 70, (name, star.name(), ground.name())


def test_the_movies_stars_sit_under_the_rating_header_after_the_tracks_table(qtbot, built):
    """Issue 16 polish: the Movies table's Rating column took the stretch of the Tracks table's column at its
    place, and the stars were painted at its far left, under nothing."""
    from companion.ui.library.delegate import STARS_WIDTH, stars_left

    w = built.window
    open_view(qtbot, w, "tracks")
    open_view(qtbot, w, "movies")
    table, header = w.library.table, w.library.table.horizontalHeader()
    rating = column(w, "Rating")
    assert header.sectionSize(rating) <= 120, "the Rating column is as narrow as its stars"
    cell = table.visualRect(w.library.model.index(0, rating))
    stars_centre = cell.left() + stars_left(cell.width()) + STARS_WIDTH / 2
    header_centre = header.sectionViewportPosition(rating) + header.sectionSize(rating) / 2
    assert abs(stars_centre - header_centre) <= 4, (stars_centre, header_centre)
    save_shot(w, "movies_rating_column")
    img = table.viewport().grab().toImage()  # and something is painted there: a star
    y = cell.center().y()
    lit = [
        x
        for x in range(cell.left(), cell.right())
        if img.pixelColor(x, y) != img.pixelColor(cell.right() - 1, y)
    ]
    assert lit and abs((min(lit) + max(lit)) / 2 - header_centre) <= 6, (min(lit), max(lit), header_centre)
