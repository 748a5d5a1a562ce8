"""The playlists pane's tables: Enter opens and Delete asks to delete a row; an open playlist's entries
are removed with Delete and moved with Alt+Up/Down or a drag (the table only says where; the playlist is
shown again from the database)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

ROW_HEIGHT = 30  # as in the library's tables


class KeyTable(QTableWidget):
    """A table where Enter activates the current row and Delete asks to delete it."""

    activatedKey = Signal(int)
    deleteKey = Signal(int)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        row = self.currentRow()
        if row >= 0 and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activatedKey.emit(row)
            return
        if row >= 0 and e.key() == Qt.Key.Key_Delete:
            self.deleteKey.emit(row)
            return
        super().keyPressEvent(e)


class EntriesTable(KeyTable):
    """An open playlist's entries: Delete removes the selected ones, Alt+Up/Down and a drag move one."""

    removeRows = Signal(list)  # positions
    moveRow = Signal(int, int)  # from, to

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectedIndexes()}) or (
            [self.currentRow()] if self.currentRow() >= 0 else []
        )

    def keyPressEvent(self, e: QKeyEvent) -> None:
        row = self.currentRow()
        if row >= 0 and e.key() == Qt.Key.Key_Delete:
            self.removeRows.emit(self.selected_rows())
            return
        if (
            row >= 0
            and e.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and e.modifiers() == Qt.KeyboardModifier.AltModifier
        ):
            dest = row + (-1 if e.key() == Qt.Key.Key_Up else 1)
            if 0 <= dest < self.rowCount():
                self.moveRow.emit(row, dest)
            return
        super().keyPressEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        """A row dropped inside the table: say where it goes; the playlist is then shown again from the
        database (the table never moves its own cells)."""
        source = self.currentRow()
        if source < 0 or not e.mimeData().hasFormat("application/x-qabstractitemmodeldatalist"):
            e.ignore()
            return
        pos = e.position().toPoint()
        index = self.indexAt(pos)
        if index.isValid():
            rect = self.visualRect(index)
            dest = index.row() + (1 if pos.y() > rect.center().y() else 0)
        else:
            dest = self.rowCount()
        if dest > source:
            dest -= 1
        e.setDropAction(Qt.DropAction.IgnoreAction)  # nothing is removed by the drag itself
        e.accept()
        if dest != source and 0 <= dest < self.rowCount():
            self.moveRow.emit(source, dest)


def make_table(columns: list[str], name: str, cls: type[KeyTable] = KeyTable) -> KeyTable:
    t = cls(0, len(columns))
    t.setHorizontalHeaderLabels(columns)
    t.setAccessibleName(name)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.setWordWrap(False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    t.horizontalHeader().setHighlightSections(False)
    t.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    t.setStyleSheet("QTableView::item { padding: 0px 10px; }")
    return t


def cell(text: str, right: bool = False, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item
