"""QA session 2: Add to playlist… picks an existing playlist (B2), an open playlist can be edited (B2),
starting a card keeps what was queued by hand (B8), export dialogs start in the last folder (C15)."""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

SHOTS = "/tmp/qa2_playlists"


def _save(widget, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    widget.grab().save(f"{SHOTS}/{name}.png")


def _tracks(qtbot, w) -> list[int]:
    w.show_page("library")
    w.library.show_view("tracks")
    qtbot.waitUntil(
        lambda: w.library.model.rowCount() > 4 and "Artist" in w.library.model.columns(), timeout=10_000
    )
    return [w.library.model.item_id(r) for r in range(w.library.model.rowCount())]


def _playlists(backend, name: str) -> list:
    return [p for p in backend.playlists() if p.name == name]


def _entry_ids(backend, pid: int) -> list[int | None]:
    return [e.item_id for e in backend.playlist(pid)[1]]


# --- B2: Add to playlist… -----------------------------------------------------------------------------


def test_add_to_playlist_offers_the_saved_playlists_and_appends_to_the_chosen_one(qtbot, built):
    w, c = built.window, built.controller
    backend = c.backend
    ids = _tracks(qtbot, w)
    table = w.library.table
    # the library's row menu › Add to playlist…: nothing saved yet, so a new one named in the dialog
    picked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            action = next(a for a in menu.actions() if a.text() == "Add to playlist…")
            picked.append(action.text())
            menu.close()
            action.trigger()

    table.selectRow(0)
    QTimer.singleShot(100, pick)
    table.customContextMenuRequested.emit(table.visualRect(w.library.model.index(0, 0)).center())
    assert picked
    qtbot.waitUntil(
        lambda: getattr(c.lists, "last_picker", None) is not None and c.lists.last_picker.isVisible(),
        timeout=5000,
    )
    picker = c.lists.last_picker
    assert [picker.list.item(r).text() for r in range(picker.list.count())] == ["New playlist…"]
    assert picker.name.isVisible() and not picker.add_button.isEnabled()
    qtbot.keyClicks(picker.name, "Road trip")
    _save(picker, "b2_picker_new")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_playlists(backend, "Road trip")) == 1, timeout=5000)
    pid = _playlists(backend, "Road trip")[0].id
    assert _entry_ids(backend, pid) == [ids[0]]
    qtbot.waitUntil(lambda: "Added 1 item to “Road trip”" in w.status.text(), timeout=5000)
    # a second track: the saved playlist is offered (and chosen already); it grows, no second "Road trip"
    backend.save_items_as_playlist("Evening", [ids[3]])
    c.lists.add_to_playlist([ids[1], ids[2]])
    qtbot.waitUntil(
        lambda: c.lists.last_picker is not picker and c.lists.last_picker.isVisible(), timeout=5000
    )
    picker = c.lists.last_picker
    texts = [picker.list.item(r).text() for r in range(picker.list.count())]
    assert texts[0] == "New playlist…" and any(t.startswith("Road trip") for t in texts)
    assert any(t.startswith("Evening") for t in texts)
    picker.choose(pid)
    assert not picker.name.isVisible() and picker.add_button.isEnabled()
    _save(picker, "b2_picker_existing")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _entry_ids(backend, pid) == [ids[0], ids[1], ids[2]], timeout=5000)
    assert len(_playlists(backend, "Road trip")) == 1
    qtbot.waitUntil(lambda: "Added 2 items to “Road trip”" in w.status.text(), timeout=5000)
    info = _playlists(backend, "Road trip")[0]
    assert (info.entries, info.matched) == (3, 3)


# --- B2: an open playlist can be edited ---------------------------------------------------------------


def test_an_open_playlist_removes_and_reorders_its_entries(qtbot, built):
    w, c = built.window, built.controller
    backend = c.backend
    ids = _tracks(qtbot, w)
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
    qtbot.waitUntil(lambda: _entry_ids(backend, pid) == [a, d, e], timeout=5000)
    qtbot.waitUntil(lambda: shown() == [titles[a], titles[d], titles[e]], timeout=5000)
    assert tracks.currentRow() == 1
    # Alt+Down moves the current entry one down
    tracks.selectRow(0)
    qtbot.keyClick(tracks, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _entry_ids(backend, pid) == [d, a, e], timeout=5000)
    qtbot.waitUntil(lambda: shown() == [titles[d], titles[a], titles[e]], timeout=5000)
    assert tracks.currentRow() == 1, "the moved entry stays selected"
    qtbot.keyClick(tracks, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _entry_ids(backend, pid) == [a, d, e], timeout=5000)
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
    qtbot.waitUntil(lambda: _entry_ids(backend, pid) == [e, a, d], timeout=5000)
    qtbot.waitUntil(lambda: shown() == [titles[e], titles[a], titles[d]], timeout=5000)
    assert tracks.rowCount() == 3, "the table never moved its own cells: it shows the stored order"
    # the entry menu: play from here, move, remove
    tracks.selectRow(1)
    menu = pane.entries_menu(1)
    texts = [x.text().split("\t")[0] for x in menu.actions() if not x.isSeparator()]
    assert texts == ["Play from here", "Move up", "Move down", "Remove from playlist"]
    next(x for x in menu.actions() if x.text().startswith("Remove")).trigger()
    qtbot.waitUntil(lambda: _entry_ids(backend, pid) == [e, d], timeout=5000)
    qtbot.waitUntil(lambda: tracks.rowCount() == 2, timeout=5000)
    info = _playlists(backend, "Road trip")[0]
    assert (info.entries, info.matched) == (2, 2)
    qtbot.wait(50)
    _save(w, "b2_open_playlist")
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


# --- B8: a card started from the home keeps what was queued by hand -------------------------------------


def test_starting_a_card_keeps_what_was_queued_by_hand(qtbot, built):
    w, player = built.window, built.player
    home = w.home
    qtbot.waitUntil(lambda: home.is_complete(), timeout=10_000)
    strips = [home.strips[r.id] for r in home.rows if r.id in home.strips]
    music = [s for s in strips if all(i.kind == "music" for i in s.items()) and len(s.items()) > 3]
    first, other = music[0], music[1]
    queued = other.model.item(2)
    other.action.emit("queue", queued, other.row.id, 2)
    qtbot.waitUntil(lambda: any(e.item_id == queued.item_id for e in player.queue.entries), timeout=5000)
    started = first.model.item(0)
    first.action.emit("play", started, first.row.id, 0)
    qtbot.waitUntil(
        lambda: player.current() is not None and player.current().item_id == started.item_id, timeout=5000
    )
    entries = player.queue.entries
    assert entries[player.queue.index + 1].item_id == queued.item_id, [e.title for e in entries]
    w.queue.show()
    qtbot.wait(100)
    from companion.ui.queue_panel import QUEUED_BY_HAND, SubtitleRole

    row = player.queue.index + 1
    assert str(w.queue.list.item(row).data(SubtitleRole)).startswith(QUEUED_BY_HAND)
    assert not str(w.queue.list.item(row + 1).data(SubtitleRole)).startswith(QUEUED_BY_HAND)
    _save(w.queue, "b8_queue_kept")
    player.stop()


# --- C15: export dialogs start where the last export went ------------------------------------------------


def test_export_dialogs_start_in_the_last_folder_used(qtbot, built, tmp_path):
    w, c = built.window, built.controller
    target = tmp_path / "exports"
    target.mkdir()
    items = [i for r in w.home.rows for i in r.items if i.kind == "music"][:3]
    c.play_items(items, 0, "test")
    qtbot.waitUntil(lambda: len(built.player.queue.entries) >= 3, timeout=5000)
    seen: list[str] = []

    def answer(path: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, lambda: answer(path))
            return
        seen.append(dialog.directory().absolutePath())
        if path:
            dialog.selectFile(path)
            dialog.accept()
        else:
            dialog.reject()

    QTimer.singleShot(100, lambda: answer(str(target / "Queue.m3u8")))
    c.lists.ask_export_queue()
    qtbot.waitUntil(lambda: (target / "Queue.m3u8").exists(), timeout=5000)
    # the row menu's Export…, the mix page's and a saved playlist's all open there next
    row = w.home.rows[0]
    QTimer.singleShot(100, lambda: answer(None))
    c.lists.row_action("export", row.id)
    QTimer.singleShot(100, lambda: answer(None))
    w.library.playlists.ask_export(backend_pid := c.backend.save_items_as_playlist("X", [items[0].item_id]))
    assert backend_pid
    assert seen[1:] == [str(target), str(target)], seen
