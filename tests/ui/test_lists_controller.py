"""The window's lists (issue 7): import history and playlists from the window, Library › Playlists, the home
rows' menu, queue export, dragging a mix out as an .m3u8, and the library filter beside the queue (QA C6).

Real window, real SQLite, real files written here; only the platform's save-file dialog is answered by the
test (it cannot be clicked offscreen).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

WAIT = 30_000


def _music(conn, n: int = 6) -> list[dict]:
    return [
        dict(r)
        for r in conn.execute(
            "SELECT id, artist, title, album, path FROM items WHERE kind = 'music' AND artist IS NOT NULL"
            " ORDER BY id LIMIT ?",
            (n,),
        )
    ]


def _lastfm_csv(path: Path, items: list[dict], extra: str = "") -> Path:
    lines = ["uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid"]
    for k, it in enumerate(items):
        lines.append(f"{1_600_000_000 + k * 600},x,{it['artist']},,{it['album']},,{it['title']},")
    lines.append("1600090000,x,Nobody We Know,,Nowhere,,A Song Not Here,")
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def _spotify_json(path: Path, items: list[dict]) -> Path:
    rows = [
        {
            "endTime": f"2021-03-0{1 + k % 5} 08:{10 + k:02d}",
            "artistName": it["artist"],
            "trackName": it["title"],
            "msPlayed": 240_000,
        }
        for k, it in enumerate(items)
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def _run_dialog(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running() and bool(dialog.results), timeout=WAIT)


def _answer_save(monkeypatch, path: Path) -> None:
    """The platform's save dialog, answered: every ask_save_playlist in the window returns ``path``."""
    from companion.ui import lists_controller, mix_page, playlists_page

    for module in (lists_controller, mix_page, playlists_page):
        monkeypatch.setattr(module, "ask_save_playlist", lambda *_a, **_k: str(path))


def _entries(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]


# --- bringing history in ----------------------------------------------------------------------------------
def test_import_history_dialog_imports_lastfm_and_spotify_and_shows_the_summary(qtbot, built, tmp_path):
    w, c = built.window, built.controller
    conn = c.backend.store.conn()
    items = _music(conn)
    csv = _lastfm_csv(tmp_path / "scrobbles.csv", items[:4])
    spotify = _spotify_json(tmp_path / "StreamingHistory0.json", items[2:6])
    before = conn.execute("SELECT COUNT(*) FROM events WHERE source LIKE 'import:%'").fetchone()[0]
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.keyClick(w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = c.lists.dialog
    assert dialog is not None and dialog.isVisible() and dialog.kind.key == "history"
    dialog.add_files([str(csv), str(spotify)])
    homes: list[object] = []
    c.homeReady.connect(homes.append)
    _run_dialog(qtbot, dialog)
    by_name = {dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i) for i in range(2)}
    lastfm, spot = by_name["scrobbles.csv"], by_name["StreamingHistory0.json"]
    assert (lastfm.text(1), lastfm.text(2), lastfm.text(3), lastfm.text(4), lastfm.text(5)) == (
        "Last.fm",
        "5",
        "4",
        "1",
        "0",
    )
    assert (spot.text(1), spot.text(2), spot.text(3)) == ("Spotify", "4", "4")
    assert "2 files imported" in dialog.headline.text() and "8 matched" in dialog.headline.text()
    assert "8 of 9 plays matched a file; 1 play is by artists you don't have" in dialog.headline.text()
    assert "Nobody We Know" in dialog.footnote.text()  # what is not in the library yet, by name
    after = conn.execute("SELECT COUNT(*) FROM events WHERE source LIKE 'import:%'").fetchone()[0]
    assert after - before == 8
    qtbot.waitUntil(lambda: bool(homes), timeout=WAIT)  # new history is taste: the home was asked again
    # the same files again add nothing: everything is a duplicate
    dialog.restart()
    dialog.add_files([str(csv), str(spotify)])
    _run_dialog(qtbot, dialog)
    assert "0 matched" in dialog.headline.text() and "9 already known" in dialog.headline.text()
    dialog.close()


def test_a_malformed_history_file_shows_its_error_line_and_the_rest_imports(qtbot, built, tmp_path):
    c = built.controller
    items = _music(c.backend.store.conn(), 3)
    bad_line = _lastfm_csv(tmp_path / "scrobbles.csv", items, extra="notatime,x,Someone,,Album,,Track,\n")
    broken = tmp_path / "StreamingHistory1.json"
    broken.write_text('[{"endTime": "2021-03-01 08:00", "artistName": "A"', encoding="utf-8")
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00junk")
    dialog = c.lists.import_history([str(bad_line), str(broken), str(junk), str(tmp_path / "gone.csv")])
    _run_dialog(qtbot, dialog)
    details = dialog.details.toPlainText()
    assert dialog.details.isVisible()
    assert "scrobbles.csv: line 6: unreadable time" in details
    assert "StreamingHistory1.json: not valid JSON" in details and "line 1" in details
    assert "photo.csv: binary data" in details
    assert "gone.csv: not a file" in details
    assert "Traceback" not in details
    rows = {dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i) for i in range(4)}
    assert rows["scrobbles.csv"].text(3) == "3"  # the good lines of that file still imported
    assert rows["photo.csv"].text(1) == "not imported"
    assert "3 files could not be imported" in dialog.headline.text()
    dialog.close()


def test_dropping_files_on_the_dialog_adds_them(qtbot, built, tmp_path):
    dialog = built.controller.lists.import_history()
    csv = _lastfm_csv(tmp_path / "dropped.csv", [])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(csv))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(event)
    assert dialog.paths() == [str(csv)]
    assert dialog.import_button.isEnabled()
    dialog.close()


def test_stopping_a_long_import_keeps_what_was_imported(qtbot, built, tmp_path):
    c = built.controller
    conn = c.backend.store.conn()
    item = _music(conn, 1)[0]
    lines = ["uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid"]
    lines += [
        f"{1_500_000_000 + k * 300},x,{item['artist']},,{item['album']},,{item['title']},"
        for k in range(60_000)
    ]
    big = tmp_path / "scrobbles-big.csv"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = c.lists.import_history([str(big)])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.maximum() > 0 and dialog.progress.value() > 0, timeout=WAIT)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running(), timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.headline.text().startswith("Stopped"), timeout=WAIT)
    kept = conn.execute("SELECT COUNT(*) FROM events WHERE source = 'import:lastfm'").fetchone()[0]
    assert 0 < kept < 60_000
    row = dialog.tree.topLevelItem(0)  # the file it stopped in, with its counts so far
    assert row.text(0) == "scrobbles-big.csv" and "of 60,000" in row.text(1)
    assert "So far" in dialog.headline.text()
    dialog.close()


# --- playlists from the window ------------------------------------------------------------------------------
def test_importing_playlists_from_the_window_reports_what_did_not_match(qtbot, built, tmp_path):
    w, c = built.window, built.controller
    items = _music(c.backend.store.conn(), 3)
    m3u = tmp_path / "Road trip.m3u8"
    m3u.write_text(
        "#EXTM3U\n"
        + "".join(f"#EXTINF:15,{i['artist']} - {i['title']}\n{i['path']}\n" for i in items)
        + "/nowhere/gone.mp3\n",
        encoding="utf-8",
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("not a playlist", encoding="utf-8")
    w.show_page("library")
    w.library.show_view("playlists")
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = c.lists.dialog
    assert dialog.kind.key == "playlists"
    dialog.add_files([str(m3u), str(notes)])
    _run_dialog(qtbot, dialog)
    top = dialog.tree.topLevelItem(0)
    assert [top.text(k) for k in range(5)] == ["Road trip.m3u8", "Road trip", "4", "3", "1"]
    details = dialog.details.toPlainText()
    assert "Road trip.m3u8: line 8: not in your library: /nowhere/gone.mp3" in details
    assert "notes.txt: not a playlist file" in details
    qtbot.waitUntil(lambda: any(p.name == "Road trip" for p in w.library.playlists.infos), timeout=WAIT)
    dialog.close()


# --- Library › Playlists ------------------------------------------------------------------------------------
def test_the_playlists_view_lists_opens_plays_exports_renames_and_deletes(
    qtbot, built, tmp_path, monkeypatch
):
    w, c, player = built.window, built.controller, built.player
    conn = c.backend.store.conn()
    items = _music(conn, 5)
    pid = c.backend.save_items_as_playlist("Kitchen 日本", [i["id"] for i in items])
    events_before = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    items_before = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    w.show_page("library")
    qtbot.mouseClick(
        next(b for b in w.library.buttons.buttons() if b.property("view") == "playlists"),
        Qt.MouseButton.LeftButton,
    )
    pane = w.library.playlists
    qtbot.waitUntil(lambda: any(p.id == pid for p in pane.infos), timeout=WAIT)
    row = [p.id for p in pane.infos].index(pid)
    assert pane.list.item(row, 0).text() == "Kitchen 日本"
    assert (pane.list.item(row, 1).text(), pane.list.item(row, 2).text()) == ("5", "5")
    assert pane.list.item(row, 3).text() == "Made in Companion"
    assert w.library.count.text().endswith("playlist") or w.library.count.text().endswith("playlists")
    # open (Enter on the row)
    pane.list.setFocus()
    pane.list.selectRow(row)
    qtbot.keyClick(pane.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.current is not None and pane.current.id == pid, timeout=WAIT)
    assert pane.tracks.rowCount() == 5 and pane.tracks.item(0, 1).text() == items[0]["title"]
    # play and shuffle
    with qtbot.waitSignal(player.currentChanged, timeout=WAIT):
        qtbot.mouseClick(pane.play_button, Qt.MouseButton.LeftButton)
    assert [e.item_id for e in player.queue.entries] == [i["id"] for i in items]
    qtbot.mouseClick(pane.shuffle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            sorted(e.item_id for e in player.queue.entries) == sorted(i["id"] for i in items)
            and player.queue.index == 0
        ),
        timeout=WAIT,
    )
    # export (XSPF by extension) and read it back
    target = tmp_path / "out" / "kitchen.xspf"
    target.parent.mkdir()
    _answer_save(monkeypatch, target)
    qtbot.mouseClick(pane.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=WAIT)
    text = target.read_text(encoding="utf-8")
    assert text.count("<track>") == 5 and "<title>Kitchen 日本</title>" in text
    # rename
    dialog = pane.ask_rename(pid)
    dialog.setTextValue("Kitchen, Sunday")
    dialog.accept()
    qtbot.waitUntil(lambda: any(p.name == "Kitchen, Sunday" for p in pane.infos), timeout=WAIT)
    qtbot.waitUntil(lambda: pane.name.text() == "Kitchen, Sunday", timeout=WAIT)
    # delete asks first: Cancel keeps it, Delete removes it (never files or history)
    box = pane.ask_delete(pid)
    assert "files" in box.informativeText() and "history" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(200)
    assert any(p.id == pid for p in pane.infos)
    box = pane.ask_delete(pid)
    next(b for b in box.buttons() if b.text() == "Delete playlist").click()
    qtbot.waitUntil(lambda: all(p.id != pid for p in pane.infos), timeout=WAIT)
    assert pane.stack.currentIndex() == 0  # back on the list
    assert (
        conn.execute("SELECT COUNT(*) FROM playlist_entries WHERE playlist_id = ?", (pid,)).fetchone()[0] == 0
    )
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == items_before
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] >= events_before
    assert all(Path(i["path"]).exists() for i in items)


def test_exporting_to_a_folder_that_cannot_be_written_says_so(qtbot, built, tmp_path, monkeypatch):
    w, c = built.window, built.controller
    row = c.home_data.rows[0]
    c.lists.export_row(row, str(tmp_path / "no such folder" / "mix.m3u8"))
    qtbot.waitUntil(lambda: c.lists.last_box is not None and c.lists.last_box.isVisible(), timeout=WAIT)
    assert "does not exist" in c.lists.last_box.informativeText()
    assert "does not exist" in w.status.text()
    c.lists.last_box.close()
    c.lists.export_row(row, str(tmp_path / "mix.txt"))
    qtbot.waitUntil(
        lambda: (
            c.lists.last_box.isVisible() and "unknown playlist type" in c.lists.last_box.informativeText()
        ),
        timeout=WAIT,
    )
    c.lists.last_box.close()
    monkeypatch.setattr(
        "companion.ui.mix_page.ask_save_playlist", lambda *_a: str(tmp_path / "gone" / "m.xspf")
    )
    w.mix.set_row(row)
    qtbot.mouseClick(w.mix.export_button, Qt.MouseButton.LeftButton)  # the mix page's Export… says the same
    qtbot.waitUntil(
        lambda: c.lists.last_box.isVisible() and "does not exist" in c.lists.last_box.informativeText(),
        timeout=WAIT,
    )
    c.lists.last_box.close()
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        c.lists.export_row(row, str(locked / "mix.m3u8"))
        qtbot.waitUntil(
            lambda: c.lists.last_box.isVisible() and "cannot write" in c.lists.last_box.informativeText(),
            timeout=WAIT,
        )
        c.lists.last_box.close()


# --- the home's row menu, the queue, dragging out -----------------------------------------------------------
def _first_strip(w):
    return next(iter(w.home.strips.values()))


def test_the_row_menu_exports_a_playable_m3u8(qtbot, built, tmp_path, monkeypatch):
    w, c = built.window, built.controller
    strip = _first_strip(w)
    assert strip.menu_button.accessibleName().startswith("Menu of the mix")
    menu = strip.row_menu()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:6] == ["Play", "Shuffle", "Play as a flow", "Open as list", "Save as playlist…", "Export…"]
    target = tmp_path / "Morning, exported.m3u8"
    _answer_save(monkeypatch, target)
    next(a for a in menu.actions() if a.text() == "Export…").trigger()
    qtbot.waitUntil(target.exists, timeout=WAIT)
    whole = c.backend.row(strip.row.id)
    paths = _entries(target)
    assert target.read_text(encoding="utf-8").startswith("#EXTM3U")
    assert paths == [i.path for i in whole.items] and all(Path(p).is_file() for p in paths)
    mpv = shutil.which("mpv")
    if mpv:  # it plays: mpv opens every entry
        mark = "OPENED<"
        result = subprocess.run(
            [
                mpv,
                "--no-config",
                "--no-video",
                "--ao=null",
                "--end=0.05",
                "--term-status-msg=",
                f"--term-playing-msg={mark}${{path}}>",
                f"--playlist={target}",
            ],
            capture_output=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        opened = [p.split(b">")[0] for p in result.stdout.split(mark.encode())[1:]]
        assert opened == [os.fsencode(p) for p in paths]


def test_the_row_menu_plays_opens_and_saves(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    strip = _first_strip(w)
    with qtbot.waitSignal(player.currentChanged, timeout=WAIT):
        strip.rowAction.emit("play", strip.row.id)
    assert player.queue.current.item_id == strip.row.items[0].item_id
    strip.rowAction.emit("open", strip.row.id)
    qtbot.waitUntil(lambda: w.current_page == "mix" and w.mix.row.id == strip.row.id, timeout=WAIT)
    w.show_page("home")
    dialog = c.lists.ask_save_row(strip.row)
    dialog.setTextValue("Kept from the home")
    with qtbot.waitSignal(c.message, timeout=WAIT):
        dialog.accept()
    names = [p.name for p in c.backend.playlists()]
    assert "Kept from the home" in names


def test_right_click_on_a_rows_header_opens_its_menu(qtbot, built):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMenu

    strip = _first_strip(built.window)
    seen: list[list[str]] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.append([a.text() for a in menu.actions() if a.text()])
            menu.close()

    QTimer.singleShot(300, close_menu)
    strip.contextMenuEvent(_context_event(strip.reason))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0][0] == "Play" and "Export…" in seen[0]


def _context_event(widget):
    from PySide6.QtGui import QContextMenuEvent

    centre = widget.rect().center()
    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, widget.mapToGlobal(centre))


def test_the_queue_exports_to_a_playlist_file(qtbot, built, tmp_path, monkeypatch):
    w, c, player = built.window, built.controller, built.player
    w.queue.show()
    qtbot.mouseClick(w.queue.export_button, Qt.MouseButton.LeftButton)  # an empty queue: said plainly
    qtbot.waitUntil(lambda: c.lists.last_box is not None and c.lists.last_box.isVisible(), timeout=WAIT)
    assert "empty" in c.lists.last_box.informativeText()
    c.lists.last_box.close()
    items = _music(c.backend.store.conn(), 4)
    with qtbot.waitSignal(player.currentChanged, timeout=WAIT):
        player.play_items([i["id"] for i in items], start_reason="user")
    target = tmp_path / "queue.pls"
    _answer_save(monkeypatch, target)
    qtbot.mouseClick(w.queue.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=WAIT)
    text = target.read_text(encoding="utf-8")
    assert "NumberOfEntries=4" in text and all(f"={i['path']}" in text for i in items)
    # and from the keyboard
    target2 = tmp_path / "queue-keys.m3u8"
    _answer_save(monkeypatch, target2)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    qtbot.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(target2.exists, timeout=WAIT)
    assert _entries(target2) == [i["path"] for i in items]


def test_dragging_a_mix_out_carries_an_m3u8_file_url(qtbot, built, demo_library):
    from companion.core.playlists.export import file_name_for

    w, c = built.window, built.controller
    row = c.home_data.rows[0]
    w.mix.set_row(row)
    mime = w.mix.drag_handle.mime()
    assert mime is not None and mime.hasUrls()
    url = mime.urls()[0]
    assert url.isLocalFile()
    path = Path(url.toLocalFile())
    assert path.is_file() and path.name == file_name_for(row.title) and path.suffix == ".m3u8"
    assert demo_library.cache_dir in path.parents
    assert _entries(path) == [i.path for i in row.items]
    # the row menu's handle does the same
    strip = _first_strip(w)
    menu = strip.row_menu()
    handle = menu.actions()[-1].defaultWidget()
    mime2 = handle.mime()
    assert Path(mime2.urls()[0].toLocalFile()).is_file()


# --- QA C6 and roomy rows -----------------------------------------------------------------------------------
def test_the_library_filter_stays_visible_beside_the_open_queue(qtbot, built):
    w = built.window
    w.resize(1000, 700)
    w.queue.show()
    w.show_page("library")
    qtbot.waitUntil(lambda: w.library.model.rowCount() > 0, timeout=WAIT)
    qtbot.wait(100)
    f = w.library.filter
    right = f.mapTo(w, f.rect().topRight()).x()
    assert f.isVisible() and f.width() >= 100
    assert right < w.queue.mapTo(w, w.queue.rect().topLeft()).x()
    imp = w.library.import_button
    assert imp.mapTo(w, imp.rect().topRight()).x() < w.queue.mapTo(w, w.queue.rect().topLeft()).x()
    qtbot.keyClicks(f, "Glass")
    qtbot.waitUntil(lambda: 0 < w.library.model.rowCount() < 48, timeout=WAIT)


def test_mix_rows_are_as_roomy_as_the_librarys(qtbot, built):
    from companion.ui.library.page import ROW_HEIGHT

    w, c = built.window, built.controller
    w.mix.set_row(c.home_data.rows[0])
    w.show_page("mix")
    qtbot.wait(100)
    first = w.mix.list.topLevelItem(0)
    assert w.mix.list.visualItemRect(first).height() >= ROW_HEIGHT


@pytest.mark.parametrize("name", ["dialog", "pane"])
def test_new_controls_have_accessible_names(qtbot, built, name):
    w, c = built.window, built.controller
    if name == "dialog":
        dialog = c.lists.import_playlists()
        controls = [dialog.import_button, dialog.choose_button, dialog.files, dialog.close_button]
    else:
        pane = w.library.playlists
        controls = [
            pane.open_button,
            pane.play_button,
            pane.export_button,
            pane.rename_button,
            pane.delete_button,
            pane.list,
            pane.tracks,
            w.library.import_button,
            w.queue.export_button,
            w.mix.drag_handle,
        ]
    assert all(ctrl.accessibleName() for ctrl in controls)
    if name == "dialog":
        dialog.close()


def _popup_texts(qtbot, seen: list) -> None:
    """Close the next popup menu, keeping its action texts."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMenu

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.append([a.text() for a in menu.actions() if a.text()])
            menu.close()
        elif not seen:
            QTimer.singleShot(100, close_menu)

    QTimer.singleShot(200, close_menu)


def test_keyboard_reaches_the_row_menu_the_import_menu_and_delete(qtbot, built):
    w, c = built.window, built.controller
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    strip = _first_strip(w)
    strip.menu_button.setFocus()
    seen: list[list[str]] = []
    _popup_texts(qtbot, seen)
    qtbot.keyClick(strip.menu_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0][:6] == [
        "Play",
        "Shuffle",
        "Play as a flow",
        "Open as list",
        "Save as playlist…",
        "Export…",
    ]
    w.show_page("library")
    button = w.library.import_button
    button.setFocus(Qt.FocusReason.TabFocusReason)  # reached with Tab, as a keyboard user does
    seen.clear()
    _popup_texts(qtbot, seen)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert [t.split("\t")[0] for t in seen[0]] == ["Listening history…", "Playlists…"]
    pid = c.backend.save_items_as_playlist("Delete me", [i["id"] for i in _music(c.backend.store.conn(), 2)])
    w.library.show_view("playlists")
    pane = w.library.playlists
    qtbot.waitUntil(lambda: any(p.id == pid for p in pane.infos), timeout=WAIT)
    pane.list.setFocus()
    pane.list.selectRow([p.id for p in pane.infos].index(pid))
    qtbot.keyClick(pane.list, Qt.Key.Key_Delete)
    box = pane.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible() and "Delete me" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # Enter never deletes
    box.button(QMessageBox.StandardButton.Cancel).click()


def test_a_page_change_to_the_library_focuses_its_table_not_the_tab_strip(qtbot, built):
    w = built.window
    w.activateWindow()
    qtbot.mouseClick(w.nav_buttons["library"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    assert QApplication.focusWidget() is w.library.table


def test_an_empty_export_is_not_called_a_failure(qtbot, built, tmp_path):
    c = built.controller
    empty = tmp_path / "StreamingHistory7.json"
    empty.write_text("[]", encoding="utf-8")
    c.lists.import_history()
    dialog = c.lists.dialog
    dialog.add_files([str(empty)])
    _run_dialog(qtbot, dialog)
    assert "could not be imported" not in dialog.headline.text(), dialog.headline.text()
    dialog.close()
