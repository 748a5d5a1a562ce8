"""The play queue in a side panel: drag to reorder, double-click to jump, Delete to remove."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from companion.ui.home.model import format_duration


class QueueList(QListWidget):
    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Delete and self.currentRow() >= 0:
            self.parent().player.remove(self.currentRow())  # type: ignore[attr-defined]
            return
        super().keyPressEvent(e)


class QueuePanel(QWidget):
    def __init__(self, player, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.player = player
        self.setObjectName("page")
        self.setMinimumWidth(260)
        self.setMaximumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 12)
        title = QLabel("Queue")
        title.setStyleSheet("font-size: 14pt; font-weight: 650;")
        layout.addWidget(title)
        hint = QLabel("Drag to reorder · Delete removes")
        hint.setObjectName("muted")
        layout.addWidget(hint)
        self.list = QueueList(self)
        self.list.setObjectName("list")
        self.list.setAccessibleName("Play queue")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.model().rowsMoved.connect(self._moved)
        self.list.itemDoubleClicked.connect(lambda it: self.player.jump(self.list.row(it)))
        layout.addWidget(self.list, 1)
        # Deferred: the queue may change inside a drop handled by this very list.
        player.queueChanged.connect(lambda: QTimer.singleShot(0, self.refresh))
        player.currentChanged.connect(lambda _e: QTimer.singleShot(0, self.refresh))
        self._syncing = False
        self.refresh()

    def refresh(self) -> None:
        self._syncing = True
        self.list.clear()
        queue = self.player.queue
        for pos, entry in enumerate(queue.entries):
            text = f"{entry.title or 'Untitled'}\n{entry.artist or ''}  ·  {format_duration(entry.duration)}"
            item = QListWidgetItem(("▶  " if pos == queue.index else "") + text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title} by {entry.artist}")
            self.list.addItem(item)
        self._syncing = False

    def _moved(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        if self._syncing:
            return
        dest = row - 1 if row > start else row
        self.player.move(start, dest)
