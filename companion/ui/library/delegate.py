"""Stars painted in the table's Rating column, editable in place with a click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from companion.ui import theme
from companion.ui.library.model import IdRole, StarsRole
from companion.ui.stars import paint_stars

STAR = 13
STARS_WIDTH = 5 * (STAR + 2)


def stars_left(cell_width: int) -> int:
    """Where the stars start in their cell: centred, under the centred "Rating" header (at least 6 px in)."""
    return max(6, (cell_width - STARS_WIDTH) // 2)


class StarDelegate(QStyledItemDelegate):
    rated = Signal(int, object)  # item id, stars or None

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        # the row's own background (selected, hovered, alternate) as in every other cell of the row
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        c = theme.current()
        lit = option.state & (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver)
        r = QRectF(option.rect).adjusted(stars_left(option.rect.width()), 0, 0, 0)
        paint_stars(painter, r, index.data(StarsRole), STAR, c.raised if lit else c.surface)

    def editorEvent(
        self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            x = event.position().x() - option.rect.left() - stars_left(option.rect.width())
            if 0 <= x <= STARS_WIDTH:
                stars = float(min(5, int(x // (STAR + 2)) + 1))
                current = index.data(StarsRole)
                self.rated.emit(int(index.data(IdRole)), None if current == stars else stars)
                return True
        return super().editorEvent(event, model, option, index)

    def createEditor(self, parent, option, index):
        return None
