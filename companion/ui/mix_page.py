"""A whole mix as a list: play, shuffle, save as a playlist, or export to a file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.core.taste.rows import Row
from companion.ui.home.model import format_duration
from companion.ui.icons import icon


class MixPage(QWidget):
    play = Signal(object, int, bool)    # row, start, shuffle
    save = Signal(object, str)          # row, playlist name
    export = Signal(object, str)        # row, file path
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.row: Row | None = None
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
        for b in (self.play_button, self.shuffle_button, self.save_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
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
        self.list.itemDoubleClicked.connect(lambda it, _c: self.row and self.play.emit(
            self.row, self.list.indexOfTopLevelItem(it), False))
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
            w = QTreeWidgetItem([str(k), item.title or "Untitled", item.artist or "", item.reason,
                                 format_duration(item.duration)])
            w.setToolTip(3, "\n".join(item.reasons or (item.reason,)))
            self.list.addTopLevelItem(w)
        for col, width in ((0, 40), (1, 260), (2, 180), (3, 360)):
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
        path, _ = QFileDialog.getSaveFileName(self, "Export the mix", f"{self.row.title}.m3u8",
                                              "Playlists (*.m3u8 *.m3u *.xspf *.pls)")
        if path:
            self.export.emit(self.row, path)
