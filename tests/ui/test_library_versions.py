"""The Library lists each recording once ("3 files") and plays the version the person chooses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu


@pytest.fixture
def messy_window(qtbot, messy_db, profile):
    from companion.app import build

    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    parts.window.resize(1280, 820)
    parts.window.show()
    yield parts
    parts.close()
    parts.window.close()


def test_tracks_show_each_recording_once_and_play_a_chosen_version(
    qtbot, messy_window, messy_library, monkeypatch
):
    w = messy_window.window
    w.show_page("library")
    w.library.show_view("tracks")
    model = w.library.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and "Files" in model.columns(), timeout=10_000)
    spoken = {r for r, paths in messy_library.recordings.items() if set(paths) & set(messy_library.spoken)}
    assert spoken, "the messy library has an audiobook and a podcast"
    # every recording once; spoken word has its own table (Audiobooks & podcasts), not Tracks (issue 16)
    assert model.rowCount() == len(messy_library.recordings) - len(spoken)
    files = model.columns().index("Files")
    title = model.columns().index("Title")
    row = next(r for r in range(model.rowCount()) if model.row_values(r)[title + 1] == "Slow Rain")
    assert model.data(model.index(row, files)) == "3 files"
    played: list[list[int]] = []
    w.library.play.connect(lambda ids, start: played.append(ids))
    labels: list[str] = []

    def pick() -> None:  # the context menu is open: choose the MP3 in "Play a version"
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            sub = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith("Play a version"))
            labels.extend(a.text() for a in sub.actions())
            mp3 = next(a for a in sub.actions() if a.text().startswith("MP3"))
            menu.close()
            mp3.trigger()

    QTimer.singleShot(100, pick)
    table = w.library.table
    table.customContextMenuRequested.emit(table.visualRect(model.index(row, 0)).center())
    assert labels[0].startswith("FLAC") and "(the one mixes play)" in labels[0] and len(labels) == 3
    chosen = messy_window.controller.backend.file_path(played[-1][0])
    assert chosen.endswith(".mp3") and "Slow Rain" in chosen
