"""Search: one field, results as you type (items as cards, mixes and intents as rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from companion.core.taste.rows import Row, RowItem
from companion.ui.art import ArtCache
from companion.ui.home.delegate import CardDelegate
from companion.ui.home.model import RowModel
from companion.ui.home.strip import RowStrip

DEBOUNCE_MS = 180


def split_results(results: Any) -> tuple[list[Row], list[RowItem], str]:
    """The taste search's answer as: mixes (intents like "chill vibes"), items, and a line of names."""
    if results is None:
        return [], [], ""
    rows = [results.mix] if getattr(results, "mix", None) is not None else []
    items = list(getattr(results, "items", ()))
    names = []
    if getattr(results, "artists", ()):
        names.append("Artists: " + ", ".join(results.artists[:6]))
    if getattr(results, "albums", ()):
        names.append("Albums: " + ", ".join(a for a, _ in results.albums[:6]))
    if getattr(results, "shows", ()):
        names.append("Shows: " + ", ".join(results.shows[:6]))
    return rows, items, "   ·   ".join(names)


class SearchPage(QWidget):
    query = Signal(str)                          # ask the window to search (in the background)
    action = Signal(str, object, str, int)

    def __init__(self, art: ArtCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.art = art
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 16)
        layout.setSpacing(14)
        title = QLabel("Search")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Songs, artists, albums, shows… or a feeling: “chill vibes”, “movies about space”")
        self.field.setAccessibleName("Search")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumHeight(38)
        layout.addWidget(self.field)
        self.summary = QLabel("Results appear as you type.")
        self.summary.setObjectName("muted")
        layout.addWidget(self.summary)
        self.names = QLabel("")
        self.names.setWordWrap(True)
        self.names.hide()
        layout.addWidget(self.names)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        self.model = RowModel()
        self.grid = QListView()
        self.grid.setObjectName("strip")
        self.grid.setAccessibleName("Search results")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setSpacing(8)
        self.grid.setFrameShape(QFrame.Shape.NoFrame)
        self.grid.setMouseTracking(True)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.delegate = CardDelegate(art, "music", self.grid)
        self.grid.setItemDelegate(self.delegate)
        self.grid.setModel(self.model)
        self.delegate.actionTriggered.connect(self._item_action)
        art.ready.connect(lambda _k: self.grid.viewport().update())
        layout.addWidget(self.grid, 1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.query.emit(self.field.text().strip()))
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self._strips: list[RowStrip] = []
        self.last_text = ""

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def show_results(self, text: str, results: Any, played: frozenset[int], liked: dict[int, int]) -> None:
        if text != self.field.text().strip():
            return  # an older answer arriving late
        self.last_text = text
        rows, items, names = split_results(results)
        self.names.setText(names)
        self.names.setVisible(bool(names))
        for s in self._strips:
            self.rows_box.removeWidget(s)
            s.deleteLater()
        self._strips = []
        for row in rows[:3]:
            strip = RowStrip(row, self.art, played, liked)
            strip.action.connect(self.action)
            self.rows_box.addWidget(strip)
            self._strips.append(strip)
        self.model.set_items(tuple(items), played, liked)
        if not text:
            self.summary.setText("Results appear as you type.")
        elif not rows and not items:
            self.summary.setText(f"Nothing matches “{text}”.")
        else:
            found = _count(len(items), "item", "items") + (f", {_count(len(rows), 'mix', 'mixes')}" if rows else "")
            self.summary.setText(f"{found} for “{text}”")

    def _item_action(self, name: str, index: QModelIndex) -> None:
        self.action.emit(name, self.model.item(index.row()), "search", index.row())


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"
