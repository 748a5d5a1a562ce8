"""A flat button whose text is shortened with "…" when the layout gives it less room than the text needs.

A row's title ("Because you played Corner Shop Lights") must never make the home wider than the window:
a plain QPushButton asks for its whole text as its minimum width, so one long title gave the home a
sideways scroll bar at the smallest window size with the queue open.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

MIN_CHARS = 8  # the narrowest it gets: about this many characters and "…"


class ElidedButton(QPushButton):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._full = text
        # Preferred, not a button's Minimum (which makes the whole text the least it takes)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, self.sizePolicy().verticalPolicy())

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def _padding(self) -> int:
        """What the style adds around the text (the hint for the text shown, minus that text's width)."""
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(super().text())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + self._padding(), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().horizontalAdvance("M" * MIN_CHARS) + self._padding()
        return QSize(min(narrow, self.sizeHint().width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.width() - self._padding()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, room))
        QPushButton.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")
