"""One home row: its title (opens the whole mix), its reason, and a horizontal strip of cards."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from companion.core.taste.rows import Row, RowItem
from companion.ui.art import ArtCache
from companion.ui.elided_button import ElidedButton
from companion.ui.home.delegate import ACTION_LABELS, CardDelegate, art_size
from companion.ui.home.model import RowModel
from companion.ui.row_menu import RowMenuButton, row_menu

CARD_SPACING = 14


class StripView(QListView):
    """A horizontal list that leaves vertical wheel turns to the page around it."""

    activatedKey = Signal(QModelIndex)
    leaveRow = Signal(int)  # -1 up, +1 down: move the focus to the row above or below
    menuKey = Signal(QModelIndex)  # the menu key or Shift+F10 on a card: its menu

    def wheelEvent(self, e: QWheelEvent) -> None:
        d = e.angleDelta()
        if abs(d.y()) > abs(d.x()):
            e.ignore()
            return
        super().wheelEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedKey.emit(self.currentIndex())
            return
        if e.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not e.modifiers():
            self.leaveRow.emit(-1 if e.key() == Qt.Key.Key_Up else 1)
            return
        if e.key() == Qt.Key.Key_Menu or (
            e.key() == Qt.Key.Key_F10 and e.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            if self.currentIndex().isValid():
                self.menuKey.emit(self.currentIndex())
            return
        if e.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not e.modifiers():
            # the list would move the current card but leave the new one unselected in some styles:
            # move, select and keep it in view
            step = -1 if e.key() == Qt.Key.Key_Left else 1
            row = max(0, self.currentIndex().row())
            target = self.model().index(min(max(0, row + step), self.model().rowCount() - 1), 0)
            if target.isValid():
                self.setCurrentIndex(target)
                self.scrollTo(target)
            return
        super().keyPressEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        """The menu key (delivered as a context menu event by the platform) opens the current card's menu."""
        if e.reason() == QContextMenuEvent.Reason.Keyboard and self.currentIndex().isValid():
            self.menuKey.emit(self.currentIndex())
            return
        super().contextMenuEvent(e)

    def focusOutEvent(self, e) -> None:
        """A row the focus left (Up/Down, Tab) drops its ring; its current card is kept for coming back."""
        super().focusOutEvent(e)
        if e.reason() != Qt.FocusReason.PopupFocusReason:
            self.selectionModel().clearSelection()

    def focusInEvent(self, e) -> None:
        """Coming back (from a dialog, another window, or Tab): the current card gets its ring again."""
        super().focusInEvent(e)
        current = self.currentIndex()
        if current.isValid() and not self.selectionModel().isSelected(current):
            self.selectionModel().select(current, self.selectionModel().SelectionFlag.ClearAndSelect)


class RowStrip(QWidget):
    action = Signal(str, object, str, int)  # action name, RowItem, row id, index in row
    titleClicked = Signal(str)
    leaveRow = Signal(str, int)  # row id, -1 up / +1 down
    rowAction = Signal(str, str)  # play | shuffle | open | save | export, row id
    dragFailed = Signal(str)

    def __init__(
        self,
        row: Row,
        art: ArtCache,
        played: frozenset[int],
        liked: dict[int, int],
        parent: QWidget | None = None,
        *,
        drag_file: Callable[[Row], str] | None = None,
    ) -> None:
        """``drag_file`` writes the mix as an .m3u8 and returns its path, for dragging it out (None: no
        handle in the row's menu). One piece on purpose: it makes and lays out the widgets in the order they
        appear on screen."""
        super().__init__(parent)
        self.row = row
        self.drag_file = drag_file
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = ElidedButton(_plain(row.title))  # a long title is shortened, never widens the home
        self.title.setObjectName("rowTitle")
        self.title.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title.setFlat(True)
        self.title.setAccessibleName(f"Open the mix {row.title}")
        self.title.clicked.connect(lambda: self.titleClicked.emit(self.row.id))
        self.reason = QLabel(row.reason)
        self.reason.setObjectName("rowReason")
        self.reason.setTextFormat(Qt.TextFormat.PlainText)  # names from tags are never markup
        self.reason.setWordWrap(True)  # a long reason wraps: the home never gets wider than the window
        self.reason.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.menu_button = RowMenuButton(row.title)
        self.menu_button.clicked.connect(
            lambda: self.show_menu(self.menu_button.mapToGlobal(self.menu_button.rect().bottomLeft()))
        )
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(6)
        head.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(self.reason)
        layout.addSpacing(6)
        self.model = RowModel(row.items, played, liked)
        self.view = StripView()
        self.view.setObjectName("strip")
        self.view.setAccessibleName(f"{row.title}: {len(row.items)} items")
        self.delegate = CardDelegate(art, _row_kind(row), self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.view.setFlow(QListView.Flow.LeftToRight)
        self.view.setWrapping(False)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(CARD_SPACING // 2)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.horizontalScrollBar().setSingleStep(40)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMouseTracking(True)
        self.view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.activatedKey.connect(lambda i: self._emit("play", i))
        self.view.menuKey.connect(self._key_menu)
        self.view.leaveRow.connect(lambda step: self.leaveRow.emit(self.row.id, step))
        self.delegate.actionTriggered.connect(self._emit)
        a = art_size(_row_kind(row))
        self.view.setFixedHeight(a.height() + 50 + CARD_SPACING + 12)
        layout.addWidget(self.view)
        art.ready.connect(self._art_ready)

    def update_row(self, row: Row, played: frozenset[int], liked: dict[int, int]) -> None:
        """Refresh in place, keeping the strip where the person scrolled it."""
        bar = self.view.horizontalScrollBar()
        keep = bar.value()
        self.row = row
        self.title.setText(_plain(row.title))
        self.title.setAccessibleName(f"Open the mix {row.title}")
        self.menu_button.setAccessibleName(f"Menu of the mix {row.title}")
        self.reason.setText(row.reason)
        self.model.set_items(row.items, played, liked)
        bar.setValue(keep)

    def _emit(self, name: str, index: QModelIndex) -> None:
        if index.isValid():
            self.action.emit(name, self.model.item(index.row()), self.row.id, index.row())

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.card_menu(index).exec(self.view.viewport().mapToGlobal(pos))

    def _key_menu(self, index: QModelIndex) -> None:
        rect = self.view.visualRect(index)
        self.card_menu(index).exec(self.view.viewport().mapToGlobal(rect.center()))

    def card_menu(self, index: QModelIndex) -> QMenu:
        """The card's menu: the same as its quick actions."""
        menu = QMenu(self)
        for name in ("play", "play_next", "queue", "like", "dislike", "why"):
            menu.addAction(ACTION_LABELS[name], lambda n=name: self._emit(n, index))
        self.last_card_menu = menu
        return menu

    def row_menu(self):
        """The mix menu of this row (play, shuffle, open as list, save, export, drag out)."""
        provider = self.drag_file
        make = (lambda: provider(self.row)) if provider is not None else None
        return row_menu(self, lambda name: self.rowAction.emit(name, self.row.id), make, self.dragFailed.emit)

    def show_menu(self, at: QPoint) -> None:
        self.last_menu = self.row_menu()
        self.last_menu.exec(at)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        """Right-click (or the menu key) on the row's header: the mix menu."""
        self.show_menu(e.globalPos())

    def _art_ready(self, _key: str) -> None:
        if self.isVisible():
            self.view.viewport().update()

    def take_focus(self, column: int) -> None:
        """Focus the card at ``column`` (or the last one), scrolled into view."""
        if not self.model.rowCount():
            return
        index = self.model.index(min(column, self.model.rowCount() - 1))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def items(self) -> list[RowItem]:
        return self.model.items()


def _plain(text: str) -> str:
    """Button text shows "&" as itself, not as a keyboard mnemonic."""
    return text.replace("&", "&&")


def _row_kind(row: Row) -> str:
    if row.kind == "video" or (row.items and all(i.kind == "video" for i in row.items)):
        return "video"
    return "music"
