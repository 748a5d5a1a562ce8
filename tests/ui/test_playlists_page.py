"""An open playlist: entries removed and reordered."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMenu

from tests.ui.helpers import entry_ids, library_track_ids, playlists_named, save_shot

# --- B2: an open playlist can be edited ---------------------------------------------------------------


def test_an_open_playlist_removes_and_reorders_its_entries(qtbot, built):
    w, c = built.window, built.controller
    backend = c.backend
    ids = library_track_ids(qtbot, w)
    a, b, d, e = ids[:4]
    pid = backend.save_items_as_playlist("Road trip", [a, b, d, e])
    w.library.show_view("playlists")
    pane = w.library.playlists
    qtbot.waitUntil(lambda: any(p.id == pid for p in pane.infos), timeout=5000)
    pane.openPlaylist.emit(pid)
    qtbot.waitUntil(lambda: pane.current is not None and pane.current.id == pid, timeout=5000)
    tracks = pane.tracks
    assert tracks.rowCount() == 4

    def shown() -> list[str]:
        return [tracks.item(r, 1).text() for r in range(tracks.rowCount())]

    titles = {i: backend.item(i)["title"] for i in (a, b, d, e)}
    # Delete removes the selected entry; the next one is selected
    tracks.setFocus()
    tracks.selectRow(1)
    qtbot.keyClick(tracks, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: entry_ids(backend, pid) == [a, d, e], timeout=5000)
    qtbot.waitUntil(lambda: shown() == [titles[a], titles[d], titles[e]], timeout=5000)
    assert tracks.currentRow() == 1
    # Alt+Down moves the current entry one down
    tracks.selectRow(0)
    qtbot.keyClick(tracks, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: entry_ids(backend, pid) == [d, a, e], timeout=5000)
    qtbot.waitUntil(lambda: shown() == [titles[d], titles[a], titles[e]], timeout=5000)
    assert tracks.currentRow() == 1, "the moved entry stays selected"
    qtbot.keyClick(tracks, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: entry_ids(backend, pid) == [a, d, e], timeout=5000)
    # a drag: the last entry dropped on the top half of the first row goes first
    qtbot.waitUntil(lambda: shown() == [titles[a], titles[d], titles[e]], timeout=5000)
    tracks.selectRow(2)
    mime: QMimeData = tracks.model().mimeData(
        [tracks.model().index(2, c_) for c_ in range(tracks.columnCount())]
    )
    top = tracks.visualRect(tracks.model().index(0, 1))
    drop = QDropEvent(
        QPointF(top.center().x(), top.top() + 3),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tracks.dropEvent(
        drop
    )  # what the table gets when the row is let go there (QDrag.exec cannot run offscreen)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.IgnoreAction
    qtbot.waitUntil(lambda: entry_ids(backend, pid) == [e, a, d], timeout=5000)
    qtbot.waitUntil(lambda: shown() == [titles[e], titles[a], titles[d]], timeout=5000)
    assert tracks.rowCount() == 3, "the table never moved its own cells: it shows the stored order"
    # the entry menu: play from here, move, remove
    tracks.selectRow(1)
    menu = pane.entries_menu(1)
    texts = [x.text().split("\t")[0] for x in menu.actions() if not x.isSeparator()]
    assert texts == ["Play from here", "Move up", "Move down", "Remove from playlist"]
    next(x for x in menu.actions() if x.text().startswith("Remove")).trigger()
    qtbot.waitUntil(lambda: entry_ids(backend, pid) == [e, d], timeout=5000)
    qtbot.waitUntil(lambda: tracks.rowCount() == 2, timeout=5000)
    info = playlists_named(backend, "Road trip")[0]
    assert (info.entries, info.matched) == (2, 2)
    qtbot.wait(50)
    save_shot(w, "b2_open_playlist")
    # the right-click menu comes up over the table
    seen: list[list[str]] = []

    def close_menu() -> None:
        m = QApplication.activePopupWidget()
        if isinstance(m, QMenu):
            seen.append([x.text().split("\t")[0] for x in m.actions() if not x.isSeparator()])
            m.close()

    QTimer.singleShot(100, close_menu)
    tracks.customContextMenuRequested.emit(tracks.visualRect(tracks.model().index(0, 1)).center())
    assert seen and seen[0][-1] == "Remove from playlist"
