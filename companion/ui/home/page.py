"""The home page: a greeting, **Play something**, and the taste engine's rows, updated in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.core.taste.rows import Row
from companion.ui.art import ArtCache
from companion.ui.home.strip import RowStrip
from companion.ui.icons import icon
from companion.ui.suggestion_card import SuggestionCard

FIRST_SCREEN_ROWS = 2  # rows made at once: the top of the first screen
ROWS_PER_TURN = 1  # then one per event-loop turn


def greeting(now: datetime | None = None) -> str:
    hour = (now or datetime.now()).hour
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    return "Good evening"


class HomePage(QWidget):
    action = Signal(str, object, str, int)  # name, RowItem, row id, index
    openRow = Signal(str)
    playSomething = Signal()
    openFlow = Signal()  # the Flow dialog (a mix from one feel to another)
    complete = Signal()  # every row of the last set_rows is on the page
    rowAction = Signal(str, str)  # play | shuffle | open | save | export, row id (the row menu)
    dragFailed = Signal(str)

    def __init__(
        self,
        art: ArtCache,
        parent: QWidget | None = None,
        *,
        drag_file: Callable[[Row], str] | None = None,
    ) -> None:
        """``drag_file``: Row -> path of an .m3u8 to drag a row out as a file (its strips are given it). One
        piece on purpose: it makes and lays out the widgets in the order they appear on screen."""
        super().__init__(parent)
        self.setObjectName("page")
        self.art = art
        self.drag_file = drag_file
        self.strips: dict[str, RowStrip] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.verticalScrollBar().setSingleStep(24)
        outer.addWidget(self.scroll)
        content = QWidget()
        content.setObjectName("page")
        self.scroll.setWidget(content)
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(32, 28, 16, 24)
        self.body.setSpacing(26)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(4)
        self.hello = QLabel(greeting())
        self.hello.setObjectName("pageTitle")
        self.status = QLabel("Building your home…")
        self.status.setObjectName("muted")
        self.status.setWordWrap(
            True
        )  # beside an open queue panel it wraps rather than push "Play something" out
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hello.setWordWrap(True)  # "Good / evening" beside a narrow page, never cut
        self.hello.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        titles.addWidget(self.hello)
        titles.addWidget(self.status)
        head.addLayout(titles, 1)
        titles.addStretch(1)
        self.play_button = QPushButton(icon("sparkle", "#ffffff"), "  Play something")
        self.play_button.setObjectName("primary")
        self.play_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.play_button.setAccessibleName("Play something: start the best mix for now")
        self.play_button.setToolTip("Start the best mix for right now")
        self.play_button.clicked.connect(self.playSomething)
        head.addWidget(self.play_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.flow_button = QPushButton("Flow…")
        self.flow_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.flow_button.setAccessibleName("Flow: a mix that moves from one feel to another")
        self.flow_button.setToolTip("A mix that moves from one feel to another, e.g. from calm to energetic")
        self.flow_button.clicked.connect(self.openFlow)
        head.addSpacing(8)
        head.addWidget(self.flow_button, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addSpacing(16)
        self.body.addLayout(head)
        self.suggestion_card = SuggestionCard()  # when listening looks functional: keep it out? (hidden)
        self.body.addWidget(self.suggestion_card)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(22)
        self.body.addLayout(self.rows_box)
        self.body.addStretch(1)
        self.rows: list[Row] = []
        self._todo: list[tuple[int, Row]] = []
        self._badges: tuple[frozenset[int], dict[int, int]] = (frozenset(), {})
        self._more = QTimer(self, singleShot=True, interval=0)
        self._more.timeout.connect(lambda: self._place(ROWS_PER_TURN))

    def set_rows(self, rows: list[Row], played: frozenset[int], liked: dict[int, int]) -> None:
        """Bring the page to ``rows``: known rows update in place, new ones are inserted, gone ones removed.

        New strips are made a few at a time (the first screenful at once) so that building a
        20-row home never holds the UI thread for long.
        """
        self.rows = list(rows)
        self._badges = (played, liked)
        wanted = [r.id for r in rows]
        for row_id in list(self.strips):
            if row_id not in wanted:
                strip = self.strips.pop(row_id)
                self.rows_box.removeWidget(strip)
                strip.deleteLater()
        self._todo = list(enumerate(rows))
        self._place(FIRST_SCREEN_ROWS)
        self.hello.setText(greeting())
        self.play_button.setEnabled(bool(rows))
        if rows:
            self.status.setText("Picked for you from your own library. Hover a card and ask “Why this?”.")
        else:
            self.status.setText("Nothing here yet: add a folder in Settings, or run companion --demo.")

    def _place(self, budget: int) -> None:
        """Update or create strips in order; new ones cost budget, the rest continue on the next turn."""
        played, liked = self._badges
        while self._todo:
            pos, row = self._todo[0]
            strip = self.strips.get(row.id)
            if strip is None:
                if budget <= 0:
                    self._more.start()
                    return
                budget -= 1
                strip = RowStrip(row, self.art, played, liked, drag_file=self.drag_file)
                strip.action.connect(self.action)
                strip.titleClicked.connect(self.openRow)
                strip.leaveRow.connect(self._move_focus)
                strip.rowAction.connect(self.rowAction)
                strip.dragFailed.connect(self.dragFailed)
                self.strips[row.id] = strip
                self.rows_box.insertWidget(pos, strip)
            else:
                strip.update_row(row, played, liked)
                if self.rows_box.indexOf(strip) != pos:
                    self.rows_box.removeWidget(strip)
                    self.rows_box.insertWidget(pos, strip)
            self._todo.pop(0)
        focus = QApplication.focusWidget() or self.window().focusWidget()
        if self.isVisible() and (focus is None or focus is self.scroll or focus is self):
            self.focus_first()  # the rows came after the page got focus: the first card takes it
        self.complete.emit()

    def _move_focus(self, row_id: str, step: int) -> None:
        """Up and Down move between rows, keeping about the same column, and scroll the row into view."""
        order = [r.id for r in self.rows if r.id in self.strips]
        if row_id not in order:
            return
        k = order.index(row_id) + step
        if not 0 <= k < len(order):
            return
        column = max(0, self.strips[row_id].view.currentIndex().row())
        target = self.strips[order[k]]
        target.take_focus(column)
        self.scroll.ensureWidgetVisible(target, 0, 40)

    def focus_first(self) -> None:
        """Keyboard focus on the first card of the first row (with its ring); while there is none, on the
        page's scroll area, where the first card takes it when the rows come (``set_rows``). Said here, not
        found by the window's walk through its focus chain (0.015 s of the start, for the same widget)."""
        for row in self.rows:
            strip = self.strips.get(row.id)
            if strip is not None and strip.model.rowCount():
                strip.take_focus(0)
                self.scroll.ensureWidgetVisible(strip, 0, 40)
                return
        self.scroll.setFocus(Qt.FocusReason.OtherFocusReason)

    def card_text_rects(self) -> list[QRect]:
        """Where the titles and subtitles of the cards on screen are, in global coordinates (a toast is
        placed where it covers none of them)."""
        out: list[QRect] = []
        port = self.scroll.viewport()
        shown = QRect(port.mapToGlobal(QPoint(0, 0)), port.size())
        for strip in self.strips.values():
            view = strip.view
            if not strip.isVisible():
                continue
            for r in range(strip.model.rowCount()):
                card = view.visualRect(strip.model.index(r, 0))
                if not card.isValid() or not view.viewport().rect().intersects(card):
                    continue
                text = strip.delegate.tooltip_zones(card)[-1]  # the text under the art
                rect = QRect(view.viewport().mapToGlobal(text.topLeft()), text.size()).intersected(shown)
                if not rect.isEmpty():
                    out.append(rect)
        return out

    def is_complete(self) -> bool:
        return not self._todo
