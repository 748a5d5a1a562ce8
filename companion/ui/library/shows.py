"""Shows as a tree: show -> season -> episodes, with plays and time; double-click plays from there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from companion.ui.home.model import format_duration
from companion.ui.library_views import Table

IdRole = Qt.ItemDataRole.UserRole + 20
ROW_HEIGHT = 30  # the library tables' row height
SHOW_ROW_HEIGHT = 38  # a show's own row stands out a little


def _with_count(name: str, n: int) -> str:
    """``Star Harbor · 2 episodes``: the count goes with the name, the Time column keeps times."""
    return f"{name} · {n} episode{'s' if n != 1 else ''}"


def _total_time(episodes: list[tuple]) -> str:
    """The episodes' running time together (blank when none is known)."""
    known = [r[5] for r in episodes if r[5]]
    return format_duration(sum(known)) if known else ""


class _RoomyRows(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), SHOW_ROW_HEIGHT if not index.parent().isValid() else ROW_HEIGHT)


class ShowsTree(QTreeWidget):
    play = Signal(list, int)  # the show's episode ids in order, the one to start from

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("list")
        self.setAccessibleName("Shows, seasons and episodes")
        self.setHeaderLabels(["Show / episode", "Time", "Plays"])
        self.setAlternatingRowColors(True)
        self.setItemDelegate(_RoomyRows(self))
        self.setIndentation(22)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, 120)
        self.itemDoubleClicked.connect(self._activated)
        self._episodes: dict[str, list[int]] = {}

    def set_table(self, table: Table) -> None:
        """Rows of the ``episodes`` view: id, Show, Season, Episode, Title, Time, Rating, Plays."""
        self.clear()
        self._episodes = {}
        shows: dict[str, dict[Any, list[tuple]]] = {}
        for row in table.rows:
            shows.setdefault(row[1] or "Unknown show", {}).setdefault(row[2], []).append(row)
        for show, seasons in sorted(shows.items(), key=lambda kv: kv[0].casefold()):
            episodes = [
                r
                for s in sorted(seasons, key=lambda v: (v is None, v or 0))
                for r in sorted(seasons[s], key=lambda r: (r[3] is None, r[3] or 0))
            ]
            self._episodes[show] = [int(r[0]) for r in episodes]
            top = QTreeWidgetItem(
                [
                    _with_count(show, len(episodes)),
                    _total_time(episodes),
                    str(sum(r[7] or 0 for r in episodes)),
                ]
            )
            f = top.font(0)
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() + 1)
            top.setFont(0, f)
            self.addTopLevelItem(top)
            for season in sorted(seasons, key=lambda v: (v is None, v or 0)):
                label = f"Season {season}" if season is not None else "Episodes"
                node = QTreeWidgetItem(
                    [_with_count(label, len(seasons[season])), _total_time(seasons[season]), ""]
                )
                top.addChild(node)
                for r in sorted(seasons[season], key=lambda r: (r[3] is None, r[3] or 0)):
                    name = f"{r[3]}. {r[4]}" if r[3] is not None else str(r[4])
                    leaf = QTreeWidgetItem([name, format_duration(r[5]), str(r[7] or 0)])
                    leaf.setData(0, IdRole, int(r[0]))
                    leaf.setData(0, Qt.ItemDataRole.UserRole, show)
                    node.addChild(leaf)
            top.setExpanded(True)
            for k in range(top.childCount()):
                top.child(k).setExpanded(True)

    def episode_count(self) -> int:
        return sum(len(v) for v in self._episodes.values())

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        item_id = item.data(0, IdRole)
        if item_id is None:
            return
        ids = self._episodes.get(item.data(0, Qt.ItemDataRole.UserRole), [int(item_id)])
        self.play.emit(ids, ids.index(int(item_id)) if int(item_id) in ids else 0)
