"""Library › Playlists: saved and imported playlists, and one playlist's entries.

The list shows each playlist's name, entries, how many matched the library and where it came
from. Opening one (double-click, Enter or **Open**) lists its entries, the unmatched ones muted
with the reason; from there it can be played, shuffled, exported, renamed or deleted (delete asks
first and never touches files or listening history), and its entries removed (Delete, or the menu) or
reordered (drag, Alt+Up/Down).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.ui import theme
from companion.ui.home.model import format_duration
from companion.ui.icons import icon
from companion.ui.playlist_tables import EntriesTable, cell, make_table
from companion.ui.save_dialog import ask_save_playlist

SOURCES = {
    "companion": "Made in Companion",
    "m3u": "M3U",
    "m3u8": "M3U8",
    "pls": "PLS",
    "xspf": "XSPF",
    "wpl": "Windows Media Player",
}


def source_text(fmt: str, source_path: str | None) -> str:
    """Where a playlist came from: ``Made in Companion`` or ``XSPF: Road trip.xspf``."""
    kind = SOURCES.get(fmt, fmt.upper())
    return f"{kind}: {Path(source_path).name}" if source_path else kind


class PlaylistsPane(QWidget):
    openPlaylist = Signal(int)
    play = Signal(int, bool, int)  # playlist id, shuffle, start (index among its library items)
    export = Signal(int, str)  # playlist id, file path
    rename = Signal(int, str)
    delete = Signal(int)
    importPlaylists = Signal()
    reload = Signal()
    removeEntries = Signal(int, list)  # playlist id, positions
    moveEntry = Signal(int, int, int)  # playlist id, from, to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.infos: list[Any] = []
        self.current: Any = None  # the open playlist's PlaylistInfo
        self.entries: list[Any] = []
        self.last_dialog: QWidget | None = None
        self._select_after: tuple[int, int] | None = None  # (playlist id, row) to select when it shows again
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.stack.addWidget(self._list_page())
        self.stack.addWidget(self._detail_page())

    # --- the list of playlists ---------------------------------------------------------------------------
    def _list_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(10)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the selected playlist")
        self.play_list_button = QPushButton(icon("play"), " Play")
        self.play_list_button.setAccessibleName("Play the selected playlist")
        self.export_list_button = QPushButton(icon("export"), " Export…")
        self.export_list_button.setAccessibleName("Export the selected playlist to a file")
        self.import_button = QPushButton("Import playlists…")
        self.import_button.setAccessibleName("Import playlists from other players")
        self.open_button.clicked.connect(lambda: self._with_selected(self.openPlaylist.emit))
        self.play_list_button.clicked.connect(
            lambda: self._with_selected(lambda pid: self.play.emit(pid, False, 0))
        )
        self.export_list_button.clicked.connect(lambda: self._with_selected(self.ask_export))
        self.import_button.clicked.connect(self.importPlaylists)
        for b in (self.open_button, self.play_list_button, self.export_list_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        v.addLayout(bar)
        self.empty = QLabel(
            "No playlists yet. Import playlists from other players (Import playlists…, "
            "Ctrl+Shift+P), or save a mix from the home as a playlist."
        )
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        v.addWidget(self.empty)
        self.list = make_table(["Name", "Entries", "Matched", "Source"], "Playlists")
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 96), (2, 96)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.cellDoubleClicked.connect(lambda row, _c: self._open_row(row))
        self.list.activatedKey.connect(self._open_row)
        self.list.deleteKey.connect(lambda row: self.ask_delete(self.infos[row].id))
        self.list.customContextMenuRequested.connect(self._list_menu)
        self.list.itemSelectionChanged.connect(self._update_list_buttons)
        v.addWidget(self.list, 1)
        self._update_list_buttons()
        return page

    def set_playlists(self, infos: list[Any]) -> None:
        keep = self.selected_id()
        self.infos = list(infos)
        self.list.setRowCount(len(self.infos))
        for row, p in enumerate(self.infos):
            name = cell(p.name)
            name.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.setItem(row, 0, name)
            self.list.setItem(row, 1, cell(f"{p.entries:,}", right=True))
            self.list.setItem(
                row,
                2,
                cell(f"{p.matched:,}", right=True, tip=f"{p.entries - p.matched:,} not in your library"),
            )
            self.list.setItem(row, 3, cell(source_text(p.format, p.source_path), tip=p.source_path))
        ids = [p.id for p in self.infos]
        if keep in ids:
            self.list.selectRow(ids.index(keep))
        elif self.infos:
            self.list.selectRow(0)
        self.empty.setVisible(not self.infos)
        self.list.setVisible(bool(self.infos))
        if self.current is not None and self.current.id not in ids:
            self.show_list()  # the open playlist was deleted
        self._update_list_buttons()

    def set_filter(self, text: str) -> None:
        """Show only playlists whose name or source holds every word typed."""
        words = text.casefold().split()
        for row, p in enumerate(self.infos):
            hay = f"{p.name} {source_text(p.format, p.source_path)}".casefold()
            self.list.setRowHidden(row, not all(w in hay for w in words))

    def selected_id(self) -> int | None:
        row = self.list.currentRow()
        return self.infos[row].id if 0 <= row < len(self.infos) and self.list.selectedItems() else None

    def _with_selected(self, fn) -> None:
        pid = self.selected_id()
        if pid is not None:
            fn(pid)

    def _update_list_buttons(self) -> None:
        has = self.selected_id() is not None
        for b in (self.open_button, self.play_list_button, self.export_list_button):
            b.setEnabled(has)

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.infos):
            self.openPlaylist.emit(self.infos[row].id)

    def _list_menu(self, pos: QPoint) -> None:
        row = self.list.indexAt(pos).row()
        if row < 0:
            row = self.list.currentRow()  # the menu key: the current row
        if not 0 <= row < len(self.infos):
            return
        self.list.selectRow(row)
        self._menu_for(self.infos[row]).exec(self.list.viewport().mapToGlobal(pos))

    def _menu_for(self, info: Any) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.openPlaylist.emit(info.id))
        menu.addAction("Play", lambda: self.play.emit(info.id, False, 0))
        menu.addAction("Shuffle", lambda: self.play.emit(info.id, True, 0))
        menu.addAction("Export…", lambda: self.ask_export(info.id))
        menu.addSeparator()
        menu.addAction("Rename…", lambda: self.ask_rename(info.id))
        menu.addAction("Delete…", lambda: self.ask_delete(info.id))
        return menu

    # --- one playlist -----------------------------------------------------------------------------------
    def _detail_page(self) -> QWidget:
        """The open playlist's page: its title, buttons and entries. One piece on purpose: it makes and lays
        out the widgets in the order they appear on screen."""
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(8)
        back = QPushButton("‹ All playlists")
        back.setFlat(True)
        back.setAccessibleName("Back to all playlists")
        back.clicked.connect(self.show_list)
        self.back_button = back
        v.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self.name = QLabel("")
        self.name.setStyleSheet("font-size: 16pt; font-weight: 700;")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel("")
        self.facts.setObjectName("muted")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        v.addWidget(self.name)
        v.addWidget(self.facts)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.play_button = QPushButton(icon("play", "#ffffff"), " Play")
        self.play_button.setObjectName("primary")
        self.play_button.setAccessibleName("Play this playlist")
        self.shuffle_button = QPushButton(icon("shuffle"), " Shuffle")
        self.shuffle_button.setAccessibleName("Shuffle this playlist")
        self.export_button = QPushButton(icon("export"), " Export…")
        self.export_button.setAccessibleName("Export this playlist to a file")
        self.rename_button = QPushButton("Rename…")
        self.rename_button.setAccessibleName("Rename this playlist")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setAccessibleName("Delete this playlist (files and history stay)")
        self.play_button.clicked.connect(lambda: self.current and self.play.emit(self.current.id, False, 0))
        self.shuffle_button.clicked.connect(lambda: self.current and self.play.emit(self.current.id, True, 0))
        self.export_button.clicked.connect(lambda: self.current and self.ask_export(self.current.id))
        self.rename_button.clicked.connect(lambda: self.current and self.ask_rename(self.current.id))
        self.delete_button.clicked.connect(lambda: self.current and self.ask_delete(self.current.id))
        for b in (
            self.play_button,
            self.shuffle_button,
            self.export_button,
            self.rename_button,
            self.delete_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        v.addLayout(bar)
        self.tracks = cast(
            EntriesTable,
            make_table(
                ["#", "Title", "Artist", "Album / why not here", "Time"],
                "Entries of this playlist",
                EntriesTable,
            ),
        )
        self.tracks.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tracks.setToolTip("Delete removes the selected entries; drag or Alt+Up/Down moves one")
        header = self.tracks.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 52)
        for col in (1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 170)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(4, 72)
        self.tracks.cellDoubleClicked.connect(lambda row, _c: self._play_from(row))
        self.tracks.activatedKey.connect(self._play_from)
        self.tracks.removeRows.connect(self.remove_rows)
        self.tracks.moveRow.connect(self.move_row)
        self.tracks.customContextMenuRequested.connect(self._entries_menu)
        v.addWidget(self.tracks, 1)
        return page

    def show_playlist(self, info: Any, entries: list[Any]) -> None:
        if info is None:
            self.show_list()
            return
        self.current, self.entries = info, list(entries)
        self.name.setText(info.name)
        matched = sum(1 for e in entries if e.item_id is not None)
        facts = [f"{len(entries):,} entries", f"{matched:,} in your library"]
        if len(entries) > matched:
            facts.append(f"{len(entries) - matched:,} not (muted below)")
        facts.append(source_text(info.format, info.source_path))
        self.facts.setText("  ·  ".join(facts))
        muted = QColor(theme.current().muted)
        self.tracks.setRowCount(len(entries))
        for row, e in enumerate(entries):
            title = e.title or Path(e.location.replace("\\", "/")).name or e.location
            album = e.album or "" if e.item_id is not None else (e.problem or "not in your library")
            cells = [
                cell(str(row + 1), right=True),
                cell(title),
                cell(e.artist or ""),
                cell(album),
                cell(format_duration(e.duration) if e.duration else "", right=True),
            ]
            tip = e.location if e.item_id is not None else f"Not in your library: {e.problem or e.location}"
            for col, shown in enumerate(cells):
                shown.setToolTip(tip)
                if e.item_id is None:
                    shown.setForeground(muted)
                self.tracks.setItem(row, col, shown)
        for b in (self.play_button, self.shuffle_button, self.export_button):
            b.setEnabled(matched > 0)
        self.stack.setCurrentIndex(1)
        want = self._select_after[1] if self._select_after and self._select_after[0] == info.id else 0
        self._select_after = None
        if self.tracks.rowCount():
            self.tracks.selectRow(min(want, self.tracks.rowCount() - 1))

    def show_list(self) -> None:
        self.current, self.entries = None, []
        self.stack.setCurrentIndex(0)
        self.list.setFocus()

    def _play_from(self, row: int) -> None:
        if self.current is None or not 0 <= row < len(self.entries) or self.entries[row].item_id is None:
            return
        start = sum(1 for e in self.entries[:row] if e.item_id is not None)
        self.play.emit(self.current.id, False, start)

    def remove_rows(self, rows: list[int]) -> None:
        """Take these entries out of the open playlist (files, ratings and history stay)."""
        rows = [r for r in rows if 0 <= r < len(self.entries)]
        if self.current is None or not rows:
            return
        self._select_after = (self.current.id, min(rows))
        self.removeEntries.emit(self.current.id, rows)

    def move_row(self, source: int, dest: int) -> None:
        if self.current is None or not (0 <= source < len(self.entries) and 0 <= dest < len(self.entries)):
            return
        self._select_after = (self.current.id, dest)
        self.moveEntry.emit(self.current.id, source, dest)

    def _entries_menu(self, pos: QPoint) -> None:
        row = self.tracks.indexAt(pos).row()
        if row < 0:
            row = self.tracks.currentRow()  # the menu key: the current row
        if not 0 <= row < len(self.entries):
            return
        if row not in self.tracks.selected_rows():
            self.tracks.selectRow(row)
        self.last_menu = self.entries_menu(row)
        self.last_menu.exec(self.tracks.viewport().mapToGlobal(pos))

    def entries_menu(self, row: int) -> QMenu:
        """Play from here, move up/down, remove: for the entry at ``row`` (and the other selected ones)."""
        menu = QMenu(self)
        play = menu.addAction("Play from here", lambda: self._play_from(row))
        play.setEnabled(self.entries[row].item_id is not None)
        up = menu.addAction("Move up\tAlt+Up", lambda: self.move_row(row, row - 1))
        up.setEnabled(row > 0)
        down = menu.addAction("Move down\tAlt+Down", lambda: self.move_row(row, row + 1))
        down.setEnabled(row < len(self.entries) - 1)
        menu.addSeparator()
        rows = self.tracks.selected_rows()
        n = len(rows)
        menu.addAction(
            "Remove from playlist\tDelete" if n <= 1 else f"Remove {n} entries from playlist\tDelete",
            lambda: self.remove_rows(rows),
        )
        return menu

    # --- asking -----------------------------------------------------------------------------------------
    def _info(self, pid: int) -> Any:
        return next(
            (p for p in self.infos if p.id == pid),
            self.current if self.current and self.current.id == pid else None,
        )

    def ask_export(self, pid: int) -> None:
        info = self._info(pid)
        path = ask_save_playlist(self, "Export the playlist", info.name if info else "Playlist")
        if path:
            self.export.emit(pid, path)

    def ask_rename(self, pid: int) -> QInputDialog:
        info = self._info(pid)
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Rename the playlist")
        dialog.setLabelText("New name:")
        dialog.setTextValue(info.name if info else "")
        dialog.setAccessibleName("Rename the playlist")
        dialog.setOkButtonText("Rename")
        dialog.setStyleSheet("QLineEdit { min-width: 320px; }")
        dialog.textValueSelected.connect(lambda name: name.strip() and self.rename.emit(pid, name.strip()))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def ask_delete(self, pid: int) -> QMessageBox:
        info = self._info(pid)
        name = info.name if info else "this playlist"
        # loaded on first use, not at the window's start
        from companion.ui.dialogs import themed_box

        box = themed_box(
            self,
            "warning",
            "Delete the playlist",
            f"Delete the playlist “{name}”?",
            "Only the list goes: your files, ratings and listening history stay as they are.",
        )
        delete = box.addButton("Delete playlist", QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmAction")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(lambda b: b is delete and self.delete.emit(pid))
        self.last_dialog = box
        box.open()
        return box
