"""Add to playlist: the saved playlists offered, the chosen one appended to."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from companion.ui.playlist_picker import PlaylistPicker
from tests.ui.helpers import entry_ids, library_track_ids, playlists_named, save_shot

# --- B2: Add to playlist… -----------------------------------------------------------------------------


def test_add_to_playlist_offers_the_saved_playlists_and_appends_to_the_chosen_one(qtbot, built):
    w, c = built.window, built.controller
    backend = c.backend
    ids = library_track_ids(qtbot, w)
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
    save_shot(picker, "b2_picker_new")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(playlists_named(backend, "Road trip")) == 1, timeout=5000)
    pid = playlists_named(backend, "Road trip")[0].id
    assert entry_ids(backend, pid) == [ids[0]]
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
    save_shot(picker, "b2_picker_existing")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: entry_ids(backend, pid) == [ids[0], ids[1], ids[2]], timeout=5000)
    assert len(playlists_named(backend, "Road trip")) == 1
    qtbot.waitUntil(lambda: "Added 2 items to “Road trip”" in w.status.text(), timeout=5000)
    info = playlists_named(backend, "Road trip")[0]
    assert (info.entries, info.matched) == (3, 3)


# --- the dialog on its own (no window): the newest changed first, a new one needs a name


def test_the_picker_offers_the_newest_first_and_a_new_one_needs_a_name(qtbot):
    saved = [
        SimpleNamespace(id=1, name="Old", entries=1, updated_at=10.0, format="m3u", source_path="/p/old.m3u"),
        SimpleNamespace(id=2, name="Road", entries=12, updated_at=20.0, format="companion", source_path=None),
    ]
    picker = PlaylistPicker(None, saved, 3)
    qtbot.addWidget(picker)
    rows = [picker.list.item(r).text() for r in range(picker.list.count())]
    assert rows == ["New playlist…", "Road  ·  12 entries", "Old  ·  1 entry"]
    assert picker.list.currentRow() == 1 and picker.add_button.isEnabled(), "the one changed last"
    assert [picker.list.item(r).toolTip() for r in (1, 2)] == ["Made in Companion", "M3U: old.m3u"]
    with qtbot.waitSignal(picker.chosen) as got:
        picker.accept()
    assert got.args == [2, "Road"]
    fresh = PlaylistPicker(None, [], 1)
    qtbot.addWidget(fresh)
    assert fresh.list.currentRow() == 0 and not fresh.add_button.isEnabled(), "a new one: no name yet"
    fresh.name.setText("  Late   night ")
    assert fresh.add_button.isEnabled()
    with qtbot.waitSignal(fresh.chosen) as got:
        fresh.accept()
    assert got.args == [None, "Late night"]
    picker.choose(None)
    assert picker.list.currentRow() == 0 and not picker.add_button.isEnabled()
