"""QA behaviour findings B2, B3, B5, B6, B7, B8, B10, B11, B12, B14: each as the person meets it."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPlainTextEdit

from companion.ui.backend import HomeData


def _cards(data) -> list[tuple[str, list[int]]]:
    return [(r.id, [i.item_id for i in r.items]) for r in data.rows]


def _music_row(c):
    return next(r for r in c.home_data.rows if all(i.kind == "music" for i in r.items) and len(r.items) >= 3)


def _video_ids(c) -> list[int]:
    rows = c.backend.store.conn().execute("SELECT id FROM items WHERE kind = 'video' ORDER BY id").fetchall()
    return [int(r[0]) for r in rows]


def _play_music(qtbot, built):
    row = _music_row(built.controller)
    with qtbot.waitSignal(built.player.currentChanged, timeout=10_000):
        built.controller.play_row(row, 0, False)
    return row


# --- B2: Ctrl+Q quits, even when closing the window would only hide it in the tray ---------------------
def test_ctrl_q_quits_even_with_a_tray(qtbot, built):
    w = built.window
    quits: list[int] = []
    w.quit_handler = lambda: quits.append(1)
    shortcut = next(s for s in w._shortcut_objects if s.key() == QKeySequence("Ctrl+Q"))
    shortcut.activated.emit()
    assert quits == [1], "Ctrl+Q asked the application to quit"


# --- B3: an empty library's Home is the welcome, not "Building your home…" forever ---------------------
def test_home_on_an_empty_library_is_the_welcome(qtbot, profile):
    from companion.app import build

    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    w = parts.window
    try:
        w.show()
        assert w.current_page == "welcome"
        w.nav_buttons["settings"].click()
        assert w.stack.currentWidget() is w.settings
        w.nav_buttons["home"].click()
        assert w.stack.currentWidget() is w.welcome, "Home on an empty library offers a folder or the demo"
        assert w.nav_buttons["home"].isChecked()
        assert "Building" not in w.home.status.text() or w.stack.currentWidget() is not w.home
    finally:
        parts.close()
        w.close()


# --- B10: new picks never replace the cards the person is looking at ----------------------------------
def test_new_picks_wait_until_the_person_leaves_the_home(qtbot, built):
    w, c = built.window, built.controller
    assert w.current_page == "home"
    shown = c.home_data
    before = _cards(shown)
    row = _music_row(c)
    liked_id, disliked_id = row.items[0].item_id, row.items[1].item_id
    # the taste engine answers a like with other picks: a reversed row and a dropped row
    new_rows = [dataclasses.replace(r, items=tuple(reversed(r.items))) for r in shown.rows[1:]]
    liked = dict(shown.liked)
    liked[liked_id], liked[disliked_id] = 1, -1
    c._home_arrived(HomeData(new_rows, shown.played, liked))
    strip = w.home.strips[row.id]
    on_screen = [strip.model.item(k).item_id for k in range(strip.model.rowCount())]
    assert on_screen == [i.item_id for i in row.items if i.item_id != disliked_id], (
        "the cards stay where they were (only the disliked one leaves)"
    )
    assert [r.id for r in c.home_data.rows] == [r for r, _ids in before]
    from companion.ui.home.model import LikedRole

    assert strip.model.index(0).data(LikedRole) == 1, "the like shows at once"
    # leaving the home takes the new picks; coming back shows them
    w.show_page("library")
    w.show_page("home")
    assert _cards(c.home_data) == _cards(HomeData(new_rows, shown.played, liked))
    assert shown.rows[0].id not in w.home.strips, "the row the new picks dropped is gone now"


# --- B8: music pauses under the "continue from …?" question, and is not recorded as a skip --------------
def test_the_resume_question_pauses_the_music_and_records_no_skip(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    row = _play_music(qtbot, built)
    music_id = row.items[0].item_id
    qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
    video = next(i for r in c.home_data.rows for i in r.items if i.kind == "video")
    c.play_items([dataclasses.replace(video, resume_position=3.0)], 0, "continue")
    assert w.video.prompt.isVisible()
    qtbot.waitUntil(lambda: player.state() != "playing", timeout=5_000)
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        w.video.resume_button.click()
    assert player.queue.current.item_id == video.item_id
    player.flush()
    skips = (
        c.backend.store.conn()
        .execute("SELECT COUNT(*) FROM events WHERE item_id = ? AND type = 'skip'", (music_id,))
        .fetchone()[0]
    )
    assert skips == 0, "choosing a video is not a skip of the music"


# --- B11: the queue moving on to a video leaves the person where they are; its end is not a black page ---
def test_a_queued_video_does_not_pull_the_person_off_their_page(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    music = _music_row(c).items[0].item_id
    video = _video_ids(c)[0]
    w.show_page("insights")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items([music, video], start_reason="mix")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.next()  # the queue moves on to the video
    assert player.queue.current.item_id == video
    assert w.current_page == "insights"
    # a video the person picks is shown
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        c.open_files([c.backend.file_path(video)])
    assert w.current_page == "video"
    # the end of the queue on the video page offers the way back
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.next()
    assert player.at_end()
    assert w.video.prompt.isVisible() and w.video.resume_button.text() == "Back to home"
    w.video.resume_button.click()
    assert w.current_page == "home"


# --- B12: Settings has close-to-tray and notify-on-track-change --------------------------------------
def test_settings_offer_close_to_tray_and_notifications(qtbot, built):
    w, c = built.window, built.controller
    w.show_page("settings")
    page = w.settings
    qtbot.waitUntil(
        lambda: page.close_to_tray.currentData() is None and not page.notify.isChecked(), timeout=10_000
    )
    page.close_to_tray.setCurrentIndex(page.close_to_tray.findData(True))
    qtbot.waitUntil(lambda: c.backend.settings().close_to_tray is True, timeout=10_000)
    page.close_to_tray.setCurrentIndex(page.close_to_tray.findText("Quit Companion"))
    qtbot.waitUntil(lambda: c.backend.settings().close_to_tray is False, timeout=10_000)
    page.notify.setChecked(True)
    qtbot.waitUntil(lambda: c.backend.settings().notify_track_change, timeout=10_000)
    qtbot.waitUntil(
        lambda: built.settings.value().close_to_tray is False and built.settings.value().notify_track_change,
        timeout=10_000,
    )


# --- B6: Left/Right seek what plays from any page; lists keep their arrows ---------------------------
def test_arrow_keys_seek_outside_the_video(qtbot, built):
    w, player = built.window, built.player
    _play_music(qtbot, built)
    w.activateWindow()
    w.show_page("insights")
    w.nav_buttons["insights"].setFocus()
    with qtbot.waitSignal(player.seeked, timeout=2_000) as seeked:
        qtbot.keyClick(w.nav_buttons["insights"], Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert seeked.args[0] >= 9.0, "Shift+Right: ten seconds on"
    expected = max(0.0, player.position() - 5.0)
    with qtbot.waitSignal(player.seeked, timeout=2_000) as seeked:
        qtbot.keyClick(w.nav_buttons["insights"], Qt.Key.Key_Left)
    assert abs(seeked.args[0] - expected) < 1.0, "Left: five seconds back"
    # the home's cards move with the arrows instead
    w.show_page("home")
    strip = next(iter(w.home.strips.values()))
    strip.view.setFocus()
    with qtbot.assertNotEmitted(player.seeked, wait=100):
        qtbot.keyClick(strip.view, Qt.Key.Key_Right)


# --- B7: a click on the progress or volume bar jumps there -----------------------------------------
def test_clicking_the_seek_and_volume_bars_jumps_there(qtbot, built):
    w, player = built.window, built.player
    _play_music(qtbot, built)
    bar = w.now_playing
    bar._duration(100.0)
    seek = bar.seek
    y = seek.height() // 2
    with qtbot.waitSignal(player.seeked, timeout=2_000) as seeked:
        qtbot.mouseClick(seek, Qt.MouseButton.LeftButton, pos=QPoint(int(seek.width() * 0.9), y))
    assert 80.0 <= seeked.args[0] <= 100.0, seeked.args
    volume = bar.volume
    qtbot.mouseClick(
        volume, Qt.MouseButton.LeftButton, pos=QPoint(int(volume.width() * 0.2), volume.height() // 2)
    )
    assert 10 <= volume.value() <= 30
    assert abs(player.volume() - volume.value() / 100) < 0.01


# --- B14: --open says "no such file" / "not a media file" --------------------------------------------
def test_open_files_says_what_is_wrong_with_each_file(qtbot, built, tmp_path):
    c = built.controller
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with qtbot.waitSignal(c.message, timeout=10_000) as said:
        c.open_files([str(tmp_path / "nothing.mp3"), str(text)])
    line = said.args[0]
    assert f"{tmp_path / 'nothing.mp3'}: no such file" in line
    assert f"{text}: not a media file" in line
    assert "not in your library" not in line
    assert built.window.status.text() == line


# --- B5: files a scan could not read are shown, with their reasons ------------------------------------
def test_settings_show_the_files_that_could_not_be_read(qtbot, built):
    w, c = built.window, built.controller
    conn = c.backend.store.conn()
    conn.execute(
        "INSERT INTO scan_failures (path, error, first_seen, last_seen) VALUES (?, ?, 1, 1)",
        ("/music/broken.mp3", "not a valid MP3 file"),
    )
    conn.commit()
    w.show_page("settings")
    page = w.settings
    qtbot.waitUntil(lambda: page.failures_button.isVisible(), timeout=10_000)
    assert page.failures_label.text() == "1 file could not be read"
    dialog = page.show_failures()
    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert "/music/broken.mp3" in text and "not a valid MP3 file" in text
    dialog.close()


def test_open_plays_a_file_outside_the_library_and_remembers_its_plays(qtbot, built, tmp_path):
    from companion.core.media.synth import tone, write_audio

    outside = write_audio(tmp_path / "Downloads" / "voice memo.ogg", tone(1.5))
    c, player = built.controller, built.player
    with qtbot.waitSignal(
        player.currentChanged,
        timeout=15_000,
        check_params_cb=lambda e: e is not None and e.path == str(outside),
    ):
        c.open_files([str(outside)])
    item = c.backend.item(player.queue.current.item_id)
    assert item["path"] == str(outside) and item["title"] == "voice memo"
    with qtbot.waitSignal(
        player.eventRecorded, timeout=15_000, check_params_cb=lambda kind, item_id: item_id == item["id"]
    ):
        pass
