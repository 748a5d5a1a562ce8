"""The playlists pane's tables on their own: keys say what the person wants; the table never edits itself."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.ui.playlist_tables import ROW_HEIGHT, EntriesTable, KeyTable, cell, make_table


def _filled(table: KeyTable, rows: int) -> KeyTable:
    table.setRowCount(rows)
    for r in range(rows):
        table.setItem(r, 0, cell(f"row {r}"))
        table.setItem(r, 1, cell(f"{r}", right=True, tip="a tip"))
    return table


def test_enter_opens_and_delete_asks_to_delete_the_current_row(qtbot):
    table = _filled(make_table(["Name", "Entries"], "Playlists"), 3)
    qtbot.addWidget(table)
    opened, deleted = [], []
    table.activatedKey.connect(opened.append)
    table.deleteKey.connect(deleted.append)
    table.setFocus()
    table.selectRow(2)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert (opened, deleted) == ([2], [2])
    assert table.accessibleName() == "Playlists" and table.verticalHeader().defaultSectionSize() == ROW_HEIGHT
    assert table.item(1, 1).toolTip() == "a tip"
    assert table.item(1, 1).textAlignment() & Qt.AlignmentFlag.AlignRight


def test_entries_move_with_alt_arrows_within_the_table_and_are_not_moved_by_it(qtbot):
    table = _filled(make_table(["#", "Title"], "Entries", EntriesTable), 3)
    qtbot.addWidget(table)
    assert isinstance(table, EntriesTable)
    moves, removed = [], []
    table.moveRow.connect(lambda a, b: moves.append((a, b)))
    table.removeRows.connect(removed.append)
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # already first: nothing
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert moves == [(0, 1)] and removed == [[0]]
    assert [table.item(r, 0).text() for r in range(3)] == ["row 0", "row 1", "row 2"]
