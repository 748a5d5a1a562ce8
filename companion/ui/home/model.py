"""One home row as a list model: the row's items, with roles the card delegate reads."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from companion.core.taste.rows import RowItem

ItemRole = Qt.ItemDataRole.UserRole + 1  # the RowItem
PlayedRole = Qt.ItemDataRole.UserRole + 2  # bool: played before
LikedRole = Qt.ItemDataRole.UserRole + 3  # 1, -1 or 0

_Index = QModelIndex | QPersistentModelIndex


def format_duration(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


class RowModel(QAbstractListModel):
    def __init__(
        self,
        items: tuple[RowItem, ...] = (),
        played: frozenset[int] = frozenset(),
        liked: dict[int, int] | None = None,
    ) -> None:
        super().__init__()
        self._items = list(items)
        self._played = played
        self._liked = liked or {}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title or "Untitled"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.title or 'Untitled'} by {item.artist or 'unknown'}: {item.reason}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.title or 'Untitled'}\n{item.artist or ''}\n{item.reason}"
        if role == ItemRole:
            return item
        if role == PlayedRole:
            return item.item_id in self._played
        if role == LikedRole:
            return self._liked.get(item.item_id, 0)
        return None

    def items(self) -> list[RowItem]:
        return list(self._items)

    def item(self, row: int) -> RowItem:
        return self._items[row]

    def set_items(self, items: tuple[RowItem, ...], played: frozenset[int], liked: dict[int, int]) -> None:
        """Update in place: same items in the same order only repaint; otherwise the list is replaced."""
        same = [i.item_id for i in items] == [i.item_id for i in self._items]
        self._played, self._liked = played, liked
        if same:
            self._items = list(items)
            if self._items:
                self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
            return
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()
