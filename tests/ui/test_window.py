"""The main window: Ctrl+Q quits with a tray, arrow keys seek from any page; a whole session leaves only
private files."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from companion.core.media.synth import tone, write_audio, write_tags
from companion.core.settings import load_settings
from companion.ui.tasks import TaskRunner
from companion.ui.tray import Tray
from tests.ui.helpers import play_music


# --- B2: Ctrl+Q quits, even when closing the window would only hide it in the tray ---------------------
def test_ctrl_q_quits_even_with_a_tray(qtbot, built):
    w = built.window
    quits: list[int] = []
    w.quit_handler = lambda: quits.append(1)
    shortcut = next(s for s in w._shortcut_objects if s.key() == QKeySequence("Ctrl+Q"))
    shortcut.activated.emit()
    assert quits == [1], "Ctrl+Q asked the application to quit"


# --- B6: Left/Right seek what plays from any page; lists keep their arrows ---------------------------
def test_arrow_keys_seek_outside_the_video(qtbot, built):
    w, player = built.window, built.player
    play_music(qtbot, built)
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


# --- Keyboard focus: it starts on the page, not the sidebar, and a page change never leaves it nowhere.


def test_focus_starts_on_the_page_and_follows_a_clicked_page(qtbot, built):
    w = built.window
    w.restore_state()
    focused = w.focusWidget()
    assert focused is not None and focused not in w.nav_buttons.values()
    assert w.stack.currentWidget().isAncestorOf(focused)
    qtbot.mouseClick(w.nav_buttons["library"], Qt.MouseButton.LeftButton)
    assert w.current_page == "library"
    focused = w.focusWidget()
    assert focused not in w.nav_buttons.values(), "a click on the sidebar leaves no focus ring there"
    assert isinstance(focused, QAbstractScrollArea) and w.library.isAncestorOf(focused), type(focused)


def test_the_sidebar_is_still_reachable_with_tab(qtbot, built):
    b = built.window.nav_buttons["insights"]
    assert b.focusPolicy() == Qt.FocusPolicy.TabFocus
    b.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(b, Qt.Key.Key_Space)
    assert built.window.current_page == "insights"


def test_space_presses_a_focused_button_and_plays_or_pauses_elsewhere(qtbot, built):
    from PySide6.QtWidgets import QApplication

    w, player = built.window, built.player
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5_000)
    b = w.nav_buttons["insights"]
    b.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is b, timeout=5_000)
    qtbot.keyClick(b, Qt.Key.Key_Space)
    assert w.current_page == "insights", "Space pressed the focused sidebar button"
    assert player.state() != "playing", "and did not start playback"

    w.show_page("home")
    w.focus_page()
    qtbot.waitUntil(
        lambda: (
            QApplication.focusWidget() is not None and not isinstance(QApplication.focusWidget(), type(b))
        ),
        timeout=5_000,
    )
    item = next(i for r in built.controller.home_data.rows for i in r.items if i.kind == "music")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items([item.item_id])
    qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.state() == "paused", timeout=5_000)


def test_space_pauses_after_a_button_was_clicked_with_the_mouse(qtbot, built):
    """QA B1: a clicked button keeps focus, but Space must not press it again (it opened a dialog)."""
    from PySide6.QtWidgets import QApplication, QPushButton

    w, player = built.window, built.player
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5_000)
    pressed: list[int] = []
    button = QPushButton("Export…", w.home)
    button.clicked.connect(lambda: pressed.append(1))
    button.show()
    item = next(i for r in built.controller.home_data.rows for i in r.items if i.kind == "music")
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items([item.item_id])
    qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pressed == [1]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button, timeout=5_000)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.state() == "paused", timeout=5_000)
    assert pressed == [1], "Space paused instead of pressing the clicked button again"


def test_the_search_page_opens_in_its_field(qtbot, built):
    """QA C7: Ctrl+3 (and a click on Search) showed the page but typing went nowhere."""
    from PySide6.QtGui import QKeySequence

    w = built.window
    qtbot.mouseClick(w.nav_buttons["search"], Qt.MouseButton.LeftButton)
    assert w.focusWidget() is w.search.field
    w.show_page("home")
    w.focus_page()
    shortcut = next(s for s in w._shortcut_objects if s.key() == QKeySequence("Ctrl+3"))
    shortcut.activated.emit()
    assert w.current_page == "search" and w.focusWidget() is w.search.field


def test_play_with_nothing_queued_plays_something(qtbot, built):
    """QA session 2, B13: Play (button or Space) on a fresh start did nothing."""
    w, player = built.window, built.player
    player.clear_queue()
    assert len(player.queue) == 0
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        qtbot.mouseClick(w.now_playing.play, Qt.MouseButton.LeftButton)
    first = built.controller.home_data.rows[0]
    assert [e.item_id for e in player.queue.entries] == [i.item_id for i in first.items]


def test_disliking_the_playing_track_skips_it(qtbot, built):
    """QA session 2, B17: 'Dislike: never in mixes' kept playing the track."""
    w, player = built.window, built.player
    row = next(
        r for r in built.controller.home_data.rows if len([i for i in r.items if i.kind == "music"]) >= 2
    )
    items = [i.item_id for i in row.items if i.kind == "music"][:2]
    with qtbot.waitSignal(player.currentChanged, timeout=10_000):
        player.play_items(items)
    qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
    with qtbot.waitSignal(
        player.currentChanged,
        timeout=10_000,
        check_params_cb=lambda e: e is not None and e.item_id == items[1],
    ):
        qtbot.mouseClick(w.now_playing.dislike_button, Qt.MouseButton.LeftButton)


def test_volume_shuffle_and_repeat_are_remembered(qtbot, built, demo_library):
    """QA session 2, B18: every start was at 100 %, shuffle off, repeat off."""
    from companion.app import build

    w = built.window
    w.now_playing.volume.setValue(35)
    w.now_playing.shuffle.setChecked(True)
    w.now_playing.set_repeat_mode("one")
    w.save_state()
    built.close()
    again = build(demo_library, background=False)
    qtbot.addWidget(again.window)
    try:
        again.window.restore_state()
        bar = again.window.now_playing
        assert bar.volume.value() == 35 and abs(again.player.volume() - 0.35) < 0.01
        assert bar.shuffle.isChecked() and again.player.queue.shuffled
        assert bar.repeat.property("mode") == "one" and again.player.queue.repeat == "one"
    finally:
        again.close()
        again.window.close()


def test_the_playlist_export_folder_is_remembered_across_restarts(qtbot, built, demo_library, tmp_path):
    """Every start used to begin the save dialog in the home folder again."""
    from companion.app import build
    from companion.ui import save_dialog

    exports = tmp_path / "car stick"
    exports.mkdir()
    assert save_dialog.with_extension(str(exports / "Road trip"), "M3U playlist (*.m3u)").endswith(
        "Road trip.m3u"
    )
    built.window.save_state()
    built.close()
    save_dialog._last_folder.clear()  # a new process knows nothing ...
    again = build(demo_library, background=False)
    qtbot.addWidget(again.window)
    try:
        again.window.restore_state()  # ... until the window's state is read
        assert save_dialog.last_folder() == str(exports)
        exports.rmdir()  # a folder that is gone is not offered
        save_dialog._last_folder.clear()
        again.window.restore_state()
        assert save_dialog.last_folder() is None
    finally:
        save_dialog._last_folder.clear()
        again.close()
        again.window.close()


# --- QA C9: a private session is visible in the window, and one click ends it.


def test_private_session_shows_in_the_sidebar_and_a_click_ends_it(qtbot, built):
    w, c = built.window, built.controller
    assert not w.private_badge.isVisible()
    built.settings.set("private_session", True)
    qtbot.waitUntil(w.private_badge.isVisible, timeout=10_000)
    assert load_settings(c.backend.store.conn()).private_session is True
    qtbot.mouseClick(w.private_badge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.private_badge.isVisible(), timeout=10_000)
    assert load_settings(c.backend.store.conn()).private_session is False
    assert not w.settings.private.isChecked()


def test_the_tray_turning_it_on_shows_it_too(qtbot, built):
    w = built.window
    tray = Tray(
        QApplication.instance(),
        w,
        built.player,
        built.controller.backend,
        built.settings,
        rows_provider=lambda: [],
        runner=TaskRunner(inline=True),
    )
    try:
        tray.menu.rebuild()
        tray.menu.action("tray-private").trigger()
        qtbot.waitUntil(w.private_badge.isVisible, timeout=10_000)
        assert w.settings.private.isChecked()
    finally:
        tray.close()


# --- Private means private (issue 16, part 11): after a window session every folder of the profile is 0700
# and every file 0600, ``window.ini`` and ``instance/`` included, and the base folders made on the way too
def _modes(root):
    for p in [root, *root.rglob("*")]:
        if p.is_symlink():
            continue
        yield p, stat.S_IMODE(p.lstat().st_mode), p.is_dir()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_whole_session_leaves_only_private_files(qtbot, tmp_path):
    from companion.app import build
    from companion.core.paths import resolve_profile
    from companion.ui.single_instance import claim_or_forward

    music = tmp_path / "Music" / "Band" / "Album"
    for n in range(3):
        path = write_audio(music / f"0{n} Song.flac", tone(2.0, freq=300 + 40 * n))
        write_tags(path, {"title": f"Song {n}", "artist": "Band", "album": "Album"})
    before = os.umask(0o022)  # a usual desktop umask: Companion must not rely on the person's own
    try:
        profile = resolve_profile(tmp_path / "base" / "profile").ensure()  # "base" is made on the way
        instance = claim_or_forward(profile, [])
        parts = build(profile, background=False)
        qtbot.addWidget(parts.window)
        w, c, player = parts.window, parts.controller, parts.player
        try:
            w.show()
            with qtbot.waitSignal(c.scanFinished, timeout=60_000):
                c.scan([str(tmp_path / "Music")])
            qtbot.waitUntil(lambda: c.home_data is not None and bool(c.home_data.rows), timeout=30_000)
            song = int(c.backend.store.conn().execute("SELECT id FROM items LIMIT 1").fetchone()[0])
            with qtbot.waitSignal(player.eventRecorded, timeout=15_000):
                player.play_items([song])
            w.close()  # saves window.ini
        finally:
            parts.close()
            instance.release()
    finally:
        os.umask(before)
    assert (profile.data_dir / "window.ini").is_file() and (profile.data_dir / "instance").is_dir()
    assert any(profile.cache_dir.rglob("*")), "the session wrote its caches"
    loose = [
        f"{p} {oct(mode)}"
        for p, mode, is_dir in _modes(profile.data_dir)
        if mode != (0o700 if is_dir else 0o600)
    ]
    assert not loose, "not private: " + ", ".join(loose)
    assert stat.S_IMODE((tmp_path / "base").stat().st_mode) == 0o700
