"""A short message over the bottom of the page ("Exported the queue", "Not played: …"), gone after a while.

It floats above the page in its bottom-right corner, just over the now-playing bar, in the theme's raised
colour with a close button; where that would cover the title of a card on screen (the page says where they
are: ``card_text_rects``), it moves to the bottom-left, then up in small steps, to the first place that covers
none. The time it stays grows with the length of the message (a problem is longer to read).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from companion.ui.icons import icon

MIN_MS, PER_CHAR_MS, MAX_MS = 4000, 60, 15000
MARGIN = 20
WIDTH = 420  # narrow enough to sit in a corner; longer messages wrap
STEP = 8  # px: how far up it moves at a time to find a spot that covers no card text


def shown_for_ms(text: str) -> int:
    """How long ``text`` stays: a few seconds, more for a longer message."""
    return min(MAX_MS, MIN_MS + PER_CHAR_MS * len(text))


class Toast(QFrame):
    def __init__(self, area: QWidget) -> None:
        """Float over ``area`` (the page stack); the toast is a child of ``area``'s window."""
        super().__init__(area.window())
        self.area = area
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 8, 10)
        row.setSpacing(10)
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        self.action_button = QPushButton()  # "Import" and the like: shown when a message offers one
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self._action: Callable[[], None] | None = None
        row.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("close"))
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss the message")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        area.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, action: tuple[str, Callable[[], None]] | None = None) -> None:
        """Show ``text``; ``action`` (label, what it does) adds a button that does it and closes the toast."""
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.place()
        self.show()
        self.raise_()
        self.timer.start(shown_for_ms(text))

    def _act(self) -> None:
        act, self._action = self._action, None
        self.hide()
        if act is not None:
            act()

    def place(self) -> None:
        width = min(WIDTH, max(200, self.area.width() - 2 * MARGIN))
        self.setFixedWidth(width)
        self.adjustSize()
        origin = self.area.mapTo(self.parentWidget(), QPoint(0, 0))
        right = origin.x() + self.area.width() - width - MARGIN
        left = origin.x() + MARGIN
        bottom = origin.y() + self.area.height() - self.height() - MARGIN
        self.move(self._free_spot([right, left], bottom, origin.y() + self.area.height() // 2))

    def _free_spot(self, xs: list[int], bottom: int, highest: int) -> QPoint:
        """The lowest spot (right before left) where the toast covers no card text; bottom-right if none."""
        rects = (
            getattr(self.area.currentWidget(), "card_text_rects", None)
            if hasattr(self.area, "currentWidget")
            else None
        )
        avoid = rects() if callable(rects) else []
        parent = self.parentWidget()
        for y in range(bottom, highest - 1, -STEP):
            for x in xs:
                spot = QRect(parent.mapToGlobal(QPoint(x, y)), self.size())
                if not any(spot.intersects(r) for r in avoid):
                    return QPoint(x, y)
        return QPoint(xs[0], bottom)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.area and event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self.place()
        return False
