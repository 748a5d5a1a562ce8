"""The Settings page shows one setting at a time without sending it back as an edit, and never moves the
exploration slider under a person who is moving it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from companion.core.settings import Settings
from companion.ui.settings_page import SettingsPage


def test_showing_settings_sends_nothing_back(qtbot):
    page = SettingsPage()
    qtbot.addWidget(page)
    edits: list[tuple] = []
    page.changed.connect(lambda name, value: edits.append((name, value)))
    page.set_settings(Settings(exploration=0.8, theme="light", close_to_tray=True, notify_track_change=True))
    page.show_setting("private_session", True)
    qtbot.wait(400)  # longer than the slider's pause before it sends a value
    assert edits == []
    assert (page.exploration.value(), page.theme.currentText(), page.close_to_tray.currentData()) == (
        80,
        "light",
        True,
    )
    assert page.notify.isChecked() and page.private.isChecked()


def test_the_slider_keeps_the_value_being_chosen(qtbot):
    page = SettingsPage()
    qtbot.addWidget(page)
    page.set_settings(Settings())
    edits: list[tuple] = []
    page.changed.connect(lambda name, value: edits.append((name, value)))
    page.exploration.setValue(55)  # the person moves it: the value goes after a short pause
    page.show_setting("exploration", 0.3)  # the previous value, stored meanwhile, comes back
    assert page.exploration.value() == 55
    qtbot.waitUntil(lambda: edits == [("exploration", 0.55)], timeout=2_000)
    page.show_setting("exploration", 0.55)
    assert page.exploration.value() == 55


def test_crossfade_choice_shown_and_sent(qtbot):
    page = SettingsPage()
    qtbot.addWidget(page)
    page.set_settings(Settings(crossfade="6"))
    assert page.crossfade.currentText() == "6 s"
    page.show_setting("crossfade", "smart")
    assert page.crossfade.currentText() == "Smart"
    edits: list[tuple] = []
    page.changed.connect(lambda name, value: edits.append((name, value)))
    page.crossfade.setCurrentText("Off")
    assert edits == [("crossfade", "off")]


def test_a_reload_of_the_folders_keeps_the_one_selected(qtbot):
    page = SettingsPage()
    qtbot.addWidget(page)
    folders = [(1, "/music", "ok"), (2, "/videos", "ok")]
    page.set_folders(folders)
    page.folders.setCurrentRow(1)
    page.set_folders(folders)  # reloaded (a scan finished, the page was shown again)
    assert page.folders.currentItem().data(Qt.ItemDataRole.UserRole) == 2


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
