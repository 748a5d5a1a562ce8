"""Run something once a widget has been painted: after what a person sees, not merely after it was made.

Qt lays a widget out and paints it in later turns of the event loop than the one that made it; a zero
timer started there runs before them. The start's tray and media keys (0.25 s) ran that way ahead of the
first home's paint and held it back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # once this paint is done
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """``then()`` once, in the event loop's turn after ``widget`` is next painted."""
    widget.installEventFilter(_FirstPaint(widget, then))
