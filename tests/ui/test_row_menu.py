"""The row menu: its actions, its drag handle and its button (ui/row_menu.py); and in the window, "Play as a
flow": the whole mix, reordered to flow, starts playing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from companion.core.taste.flow_mixes import flow_row
from companion.ui.row_menu import DRAG_HINT, ROW_ACTIONS, DragHandle, RowMenuButton, row_menu

WAIT = 30_000


def test_play_as_a_flow_plays_the_mix_in_flow_order(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    strip = next(iter(w.home.strips.values()))
    labels = [a.text() for a in strip.row_menu().actions() if a.text()]
    assert "Play as a flow" in labels
    whole = c.backend.row(strip.row.id)
    expected, _items = flow_row(c.backend.store.conn(), whole)
    with qtbot.waitSignal(player.currentChanged, timeout=WAIT):
        strip.rowAction.emit("flow", strip.row.id)
    queued = [e.item_id for e in player.queue.entries]
    assert (
        queued[: len(expected.items)] == [i for item in expected.items for i in item.plays()][: len(queued)]
    )
    assert player.queue.current.item_id == expected.items[0].item_id


# --- the menu, its drag handle and its button on their own (no window)


def test_each_action_names_itself_and_the_handle_carries_the_file(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[str] = []
    playlist = tmp_path / "mix.m3u8"

    def make_file() -> str:
        playlist.write_text("#EXTM3U\n", encoding="utf-8")
        return str(playlist)

    menu = row_menu(parent, chosen.append, make_file)
    labelled = [a for a in menu.actions() if a.text()]
    assert [a.text() for a in labelled] == [label for _, label in ROW_ACTIONS]
    for action in labelled:
        action.trigger()
    assert chosen == [name for name, _ in ROW_ACTIONS]
    handle = menu.actions()[-1].defaultWidget()
    assert isinstance(handle, DragHandle) and handle.toolTip() == DRAG_HINT
    mime = handle.mime()
    assert [u.toLocalFile() for u in mime.urls()] == [str(playlist)] and playlist.is_file()
    assert len(row_menu(parent, chosen.append).actions()) == len(ROW_ACTIONS), (
        "no handle without a file to make"
    )


def test_a_handle_that_cannot_write_says_why(qtbot):
    def broken() -> str:
        raise OSError("disk full")

    handle = DragHandle(broken)
    qtbot.addWidget(handle)
    with qtbot.waitSignal(handle.failed) as got:
        assert handle.mime() is None
    assert got.args == ["Could not make the playlist file to drag: disk full"]
    assert DragHandle(None).mime() is None


def test_the_button_opens_on_enter(qtbot):
    button = RowMenuButton("Daily Mix 1")
    qtbot.addWidget(button)
    assert button.accessibleName() == "Menu of the mix Daily Mix 1"
    with qtbot.waitSignal(button.clicked, timeout=1_000):
        QTest.keyClick(button, Qt.Key.Key_Return)
