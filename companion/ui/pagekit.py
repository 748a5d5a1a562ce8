"""Shared page scaffolding: a scrolling page body with its big title."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QScrollBar,
    QVBoxLayout,
    QWidget,
)

VALUE_CONTROLS = (QComboBox, QAbstractSlider, QAbstractSpinBox)


def scrolling_body(page: QWidget, title: str | None, spacing: int = 10) -> tuple[QScrollArea, QVBoxLayout]:
    """Fill ``page`` with a frameless scroll area; return it and the layout of its content."""
    page.setObjectName("page")
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    body.setObjectName("page")
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(32, 28, 32, 24)
    layout.setSpacing(spacing)
    if title:
        label = QLabel(title)
        label.setObjectName("pageTitle")
        layout.addWidget(label)
    return scroll, layout


class _WheelGuard(QObject):
    """The wheel scrolls the page over a combo box or slider the person has not clicked or tabbed into,
    instead of silently changing (and saving) its value on the way past."""

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self.scroll = scroll

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            QCoreApplication.sendEvent(self.scroll.viewport(), event)
            return True
        return False


def guard_wheel(scroll: QScrollArea) -> None:
    """Apply :class:`_WheelGuard` to every value control now in ``scroll``'s page (call after building it)."""
    guard = _WheelGuard(scroll)
    for control in scroll.widget().findChildren(QWidget):
        if isinstance(control, VALUE_CONTROLS) and not isinstance(control, QScrollBar):
            control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            control.installEventFilter(guard)
