"""A five-star rating control: click a star to rate, click the same star again to clear."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QWidget

from companion.ui import theme


def star_path(rect: QRectF) -> QPainterPath:

    path = QPainterPath()
    cx, cy = rect.center().x(), rect.center().y()
    outer, inner = rect.width() / 2, rect.width() / 2 * 0.45
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        a = -math.pi / 2 + k * math.pi / 5
        pt = QPointF(cx + r * math.cos(a), cy + r * math.sin(a))
        path.moveTo(pt) if k == 0 else path.lineTo(pt)
    path.closeSubpath()
    return path


def empty_star_color(background: str | None = None) -> QColor:
    """Unfilled stars: between the muted text and what they sit on, so they read on the dark and the light
    theme and on a hovered or selected row (where the border colour vanished into the highlight)."""
    c = theme.current()
    return QColor(theme.mix(c.muted, background or c.surface, 0.35))


def paint_stars(
    painter: QPainter, rect: QRectF, value: float | None, size: float, background: str | None = None
) -> None:
    """Five stars from ``rect``'s left; ``background`` is the colour under them (the empty ones contrast
    with it)."""
    empty = empty_star_color(background)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    for k in range(5):
        r = QRectF(rect.left() + k * (size + 2), rect.center().y() - size / 2, size, size)
        fill = 0.0 if value is None else max(0.0, min(1.0, value - k))
        painter.setBrush(empty)
        painter.drawPath(star_path(r))
        if fill > 0:
            painter.save()
            painter.setClipRect(QRectF(r.left(), r.top(), r.width() * fill, r.height()))
            painter.setBrush(QColor("#f5c451"))
            painter.drawPath(star_path(r))
            painter.restore()
    painter.restore()


class StarRating(QWidget):
    rated = Signal(object)  # float stars, or None to clear

    def __init__(self, size: int = 16, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: float | None = None
        self._size = size
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Rating")
        self._update_text()

    def sizeHint(self) -> QSize:
        return QSize(5 * (self._size + 2), self._size + 4)

    def value(self) -> float | None:
        return self._value

    def set_value(self, value: float | None) -> None:
        self._value = value
        self._update_text()
        self.update()

    def _update_text(self) -> None:
        text = "not rated" if self._value is None else f"{self._value:g} of 5 stars"
        self.setAccessibleDescription(text)
        self.setToolTip(f"Rating: {text}")

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        paint_stars(p, QRectF(self.rect()), self._value, self._size, theme.current().sidebar)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        stars = min(5, int(e.position().x() // (self._size + 2)) + 1)
        self._choose(float(stars))

    def keyPressEvent(self, e: QKeyEvent) -> None:
        v = self._value or 0.0
        if e.key() in (Qt.Key.Key_Right, Qt.Key.Key_Plus):
            self._choose(min(5.0, v + 1))
        elif e.key() in (Qt.Key.Key_Left, Qt.Key.Key_Minus):
            self._choose(max(0.0, v - 1) or None)
        elif Qt.Key.Key_0 <= e.key() <= Qt.Key.Key_5:
            self._choose(float(e.key() - Qt.Key.Key_0) or None)
        else:
            super().keyPressEvent(e)

    def _choose(self, stars: float | None) -> None:
        new = None if stars == self._value else stars
        self.set_value(new)
        self.rated.emit(new)
