"""The "Add to playlist…" question: one of the saved playlists (newest changed first), or a new one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.ui import theme
from companion.ui.icons import icon
from companion.ui.playlists_page import source_text


class PlaylistPicker(QDialog):
    """ "Add to playlist…": one of the saved playlists (the latest changed first), or a new one named here."""

    chosen = Signal(object, str)  # playlist id (None: a new playlist), its name

    def __init__(self, parent: QWidget | None, playlists: list[Any], count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add to playlist")
        self.setAccessibleName("Add to a playlist")
        self.setMinimumWidth(420)
        v = QVBoxLayout(self)
        v.setSpacing(10)
        what = f"{count:,} item{'s' if count != 1 else ''}"
        label = QLabel(f"Add {what} to:")
        v.addWidget(label)
        self.list = QListWidget()
        self.list.setObjectName("list")
        self.list.setAccessibleName("Playlists")
        c = theme.current()  # the chosen playlist stands out, as the queue's selection does
        self.list.setStyleSheet(
            "QListWidget::item { padding: 6px 6px; border-radius: 6px; }"
            f"QListWidget::item:selected {{ background: {theme.mix(c.surface, c.accent, 0.28)};"
            f" color: {c.text}; }}"
        )
        new = QListWidgetItem(icon("add-queue"), "New playlist…")
        new.setData(Qt.ItemDataRole.UserRole, None)
        self.list.addItem(new)
        self.playlists = sorted(playlists, key=lambda p: -float(p.updated_at or 0))
        for p in self.playlists:
            item = QListWidgetItem(f"{p.name}  ·  {p.entries:,} entr{'y' if p.entries == 1 else 'ies'}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, p.name)
            item.setToolTip(source_text(p.format, p.source_path))
            self.list.addItem(item)
        v.addWidget(self.list, 1)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name of the new playlist")
        self.name.setAccessibleName("Name of the new playlist")
        v.addWidget(self.name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self.name.textChanged.connect(lambda _t: self._update())
        self.list.itemDoubleClicked.connect(lambda _i: self.add_button.isEnabled() and self.accept())
        self.list.setCurrentRow(1 if self.playlists else 0)  # the playlist changed last, else a new one
        self._update()
        self.resize(440, min(520, 200 + 30 * (len(self.playlists) + 1)))

    def choose(self, playlist_id: int | None) -> None:
        """Select a playlist by id (None: "New playlist…")."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == playlist_id:
                self.list.setCurrentRow(row)
                return

    def _selected(self) -> tuple[int | None, str]:
        item = self.list.currentItem()
        pid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if pid is None:
            return None, " ".join(self.name.text().split())
        return int(pid), str(item.data(Qt.ItemDataRole.UserRole + 1))

    def _update(self) -> None:
        pid, name = self._selected()
        self.name.setVisible(pid is None)
        if pid is None:
            self.name.setFocus()
        self.add_button.setEnabled(bool(name))

    def accept(self) -> None:
        pid, name = self._selected()
        if not name:
            return
        super().accept()
        self.chosen.emit(pid, name)
