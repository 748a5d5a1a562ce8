"""A whole mix as a list: play, shuffle, save as a playlist, or export to a file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.core.taste.rows import Row
from companion.ui.home.model import format_duration
from companion.ui.icons import icon
from companion.ui.library.page import ROW_HEIGHT  # a comfortable row, as in the library tables
from companion.ui.row_menu import DragHandle
from companion.ui.save_dialog import ask_save_playlist


class RoomyRows(QStyledItemDelegate):
    """Rows with room to breathe: a fixed comfortable height and some padding left and right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 12, max(ROW_HEIGHT, hint.height()))


class MixPage(QWidget):
    play = Signal(object, int, bool)  # row, start, shuffle
    save = Signal(object, str)  # row, playlist name
    export = Signal(object, str)  # the Export… button: row, file path
    back = Signal()
    dragFailed = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, drag_file: Callable[[Row], str] | None = None
    ) -> None:
        """``drag_file``: Row -> path of an .m3u8, written when the mix is dragged out of the window. One
        piece on purpose: it makes and lays out the widgets in the order they appear on screen."""
        super().__init__(parent)
        self.setObjectName("page")
        self.row: Row | None = None
        self.drag_file = drag_file
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 24, 16)
        layout.setSpacing(10)
        back = QPushButton("‹ Home")
        back.setFlat(True)
        back.setAccessibleName("Back to the home")
        back.clicked.connect(self.back)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self.title = QLabel("")
        self.title.setObjectName("pageTitle")
        self.reason = QLabel("")
        self.reason.setObjectName("muted")
        for label in (self.title, self.reason):
            label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        self.play_button = QPushButton(icon("play", "#ffffff"), " Play")
        self.play_button.setObjectName("primary")
        self.shuffle_button = QPushButton(icon("shuffle"), " Shuffle")
        self.save_button = QPushButton(icon("save"), " Save as playlist")
        self.export_button = QPushButton(icon("export"), " Export…")
        self.play_button.setAccessibleName("Play this mix")
        self.shuffle_button.setAccessibleName("Shuffle this mix")
        self.save_button.setAccessibleName("Save this mix as a playlist")
        self.export_button.setAccessibleName("Export this mix to a playlist file")
        for b in (self.play_button, self.shuffle_button, self.save_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.drag_handle = DragHandle(lambda: self.drag_file(self.row) if self.drag_file and self.row else "")
        self.drag_handle.failed.connect(self.dragFailed)
        buttons.addWidget(self.drag_handle)
        layout.addLayout(buttons)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        self.list = QTreeWidget()
        self.list.setObjectName("list")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(["#", "Title", "Artist", "Why", "Time"])
        self.list.setAccessibleName("Items in this mix")
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        self.list.setItemDelegate(RoomyRows(self.list))
        self.list.setStyleSheet("QTreeView::item { padding: 0px 8px; }")
        self.list.itemDoubleClicked.connect(
            lambda it, _c: self.row and self.play.emit(self.row, self.list.indexOfTopLevelItem(it), False)
        )
        layout.addWidget(self.list, 1)
        self.play_button.clicked.connect(lambda: self.row and self.play.emit(self.row, 0, False))
        self.shuffle_button.clicked.connect(lambda: self.row and self.play.emit(self.row, 0, True))
        self.save_button.clicked.connect(self._save)
        self.export_button.clicked.connect(self._export)

    def set_row(self, row: Row) -> None:
        self.row = row
        self.title.setText(row.title)
        self.reason.setText(row.reason)
        self.status.setText(f"{len(row.items)} items")
        self.list.clear()
        for k, item in enumerate(row.items, 1):
            w = QTreeWidgetItem(
                [
                    str(k),
                    item.title or "Untitled",
                    item.artist or "",
                    item.reason,
                    format_duration(item.duration),
                ]
            )
            w.setToolTip(3, "\n".join(item.reasons or (item.reason,)))
            self.list.addTopLevelItem(w)
        for col, width in ((0, 52), (1, 260), (2, 190), (3, 380)):
            self.list.setColumnWidth(col, width)

    def _save(self) -> None:
        if self.row is None:
            return
        name, ok = QInputDialog.getText(self, "Save as playlist", "Playlist name:", text=self.row.title)
        if ok and name.strip():
            self.save.emit(self.row, name.strip())

    def _export(self) -> None:
        if self.row is None:
            return
        path = ask_save_playlist(self, "Export the mix", self.row.title)
        if path:
            self.export.emit(self.row, path)
