"""The Settings page shows one setting at a time without sending it back as an edit, and never moves the
exploration slider under a person who is moving it."""

from __future__ import annotations

from PySide6.QtCore import Qt

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


def test_a_reload_of_the_folders_keeps_the_one_selected(qtbot):
    page = SettingsPage()
    qtbot.addWidget(page)
    folders = [(1, "/music", "ok"), (2, "/videos", "ok")]
    page.set_folders(folders)
    page.folders.setCurrentRow(1)
    page.set_folders(folders)  # reloaded (a scan finished, the page was shown again)
    assert page.folders.currentItem().data(Qt.ItemDataRole.UserRole) == 2
