"""The history dialog's words come from the registry of importers: a service registered in a test
(tests/core/importers/diary.py) is named in the dialog's intro, its files pass the file filter, and its
results row carries its name, with no file of the window knowing of it. The headline says what an import
read, and what of it counts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from companion.core.importers.model import ImportSummary
from companion.core.importers.run import iter_import_history
from companion.core.store import Store
from companion.ui.backend import Backend
from companion.ui.import_dialog import HISTORY, ImportDialog
from companion.ui.import_summary import headline, history_filter, service_name
from companion.ui.tasks import TaskRunner
from tests.core.importers import diary


@pytest.fixture
def with_diary():
    with diary.registered() as importer:
        yield importer


def test_the_services_names_are_the_registrys():
    assert [service_name(s) for s in ("lastfm", "listenbrainz", "netflix", "spotify", "unknown")] == [
        "Last.fm",
        "ListenBrainz",
        "Netflix",
        "Spotify",
        "—",
    ]
    assert history_filter() == "History exports (*.csv *.json *.jsonl *.zip);;All files (*)"


def test_a_registered_importer_is_named_in_the_history_dialog(qtbot, profile, tmp_path, with_diary):
    store = Store(profile.ensure())
    backend = Backend(store)

    def import_here(paths, netflix_profile=None):
        """The import in this process: the window's runs in a job process, which finds the importers of
        companion's services package, not one a test registers."""
        yield from iter_import_history(store.conn(), paths, netflix_profile)

    dialog = ImportDialog(HISTORY, TaskRunner(), import_here, backend.top_unmatched)
    qtbot.addWidget(dialog)
    try:
        intro = next(
            label.text() for label in dialog.findChildren(QLabel) if "Bring the taste" in label.text()
        )
        assert "Listening Diary (diary .txt)" in intro and "Spotify (" in intro
        assert "*.txt" in dialog.kind.file_filter().split(";;")[0]
        f = tmp_path / "january.txt"
        f.write_text(diary.TEXT, encoding="utf-8")
        dialog.add_files([str(f)])
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.running() and bool(dialog.results), timeout=15_000)
        row = dialog.tree.topLevelItem(0)
        assert (row.text(0), row.text(1), row.text(2), row.text(4)) == (
            "january.txt",
            "Listening Diary",
            "2",
            "2",
        )
    finally:
        dialog.close()
        store.close_all()


def _step(service, **counts):
    return SimpleNamespace(service=service, summary=ImportSummary(**counts), path="f", finished=True)


def test_headline_says_what_counted_not_that_the_home_knows_it():
    s = _step(
        "lastfm",
        read=11622,
        matched=1,
        unmatched=11621,
        plays_counted=9845,
        learned={str(n) for n in range(212)},
    )
    text = headline(True, [s], stopped=False)
    assert text.startswith("1 file imported: 11,622 read, 1 matched, 11,621 unmatched, 0 already known.")
    assert (
        "1 of 11,622 plays matched a file; 9,845 plays by 212 artists in your library now shape your home;"
        " 1,776 plays are by artists you don't have." in text
    )
    assert "knows this history" not in text


def test_viewing_history_has_no_artist_sentence():
    text = headline(True, [_step("netflix", read=3, matched=3)], stopped=False)
    assert "plays" not in text and text.endswith("0 already known")
