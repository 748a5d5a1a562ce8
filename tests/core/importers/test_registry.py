"""The registry of importers: the four services are found by their modules, and an importer registered here
(tests/core/importers/diary.py) is recognised, read from ZIP exports, imported and listed by the command,
with no other file knowing of it."""

from __future__ import annotations

import zipfile

import pytest

from companion.core.importers import registry
from companion.core.importers.detect import parse_history
from companion.core.importers.model import HistoryEntry
from companion.core.importers.run import import_history
from companion.core.importers.source import open_source
from tests.core.importers import diary
from tests.core.importers.library import add_item

DIARY = diary.TEXT


@pytest.fixture
def with_diary():
    with diary.registered() as importer:
        yield importer


def test_every_service_is_found_by_its_module():
    found = {i.service: i for i in registry.importers()}
    assert set(found) == {"lastfm", "listenbrainz", "netflix", "spotify"}
    assert [found[s].name for s in sorted(found)] == ["Last.fm", "ListenBrainz", "Netflix", "Spotify"]
    assert all(i.members for i in found.values()), "each says what its history is called inside a ZIP export"
    assert registry.importers()[-1].service == "lastfm", "the loose header-less CSV detector is asked last"
    assert registry.display_name("spotify") == "Spotify" and registry.display_name("elsewhere") == "elsewhere"


def test_a_service_has_one_importer(with_diary):
    with pytest.raises(ValueError, match="'diary' is registered already"):
        registry.register(diary.IMPORTER)


def test_a_registered_importer_is_recognised_and_imported(db, tmp_path, with_diary):
    add_item(db, "/m/late.mp3", artist="Night Bus", title="Late Lights")
    f = tmp_path / "january.txt"
    f.write_text(DIARY, encoding="utf-8")
    importer, parsed = parse_history(open_source(f))
    assert importer is diary.IMPORTER
    assert [e.title for e in parsed if isinstance(e, HistoryEntry)] == ["Late Lights", "Unknown Song"]
    summary = import_history(db, [f])
    assert (summary.read, summary.matched, summary.unmatched, summary.errors) == (2, 1, 1, [])
    assert db.execute("SELECT source FROM events").fetchall()[0][0] == "import:diary"


def test_its_history_is_read_from_a_zip_export_and_named_when_missing(db, tmp_path, with_diary):
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as zf:
        zf.writestr("account.json", "{}")  # account data: never read
        zf.writestr("Diaries/my-diary-2024.txt", DIARY)
    assert import_history(db, [export]).unmatched == 2
    empty = tmp_path / "nothing.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("notes.md", "hello")
    [error] = import_history(db, [empty]).errors
    assert "*diary*.txt" in error and "*scrobbles*.csv" in error


def test_the_command_lists_it_and_imports_it(run_cli, capsys, tmp_path, with_diary):
    f = tmp_path / "january.txt"
    f.write_text(DIARY, encoding="utf-8")
    code, out, err = run_cli("import-history", str(f))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{f} (diary): read 2, matched 0, unmatched 2, duplicates 0"
    with pytest.raises(SystemExit):
        run_cli("import-history", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Listening Diary (diary .txt)" in help_text and "Last.fm (scrobbles CSV)" in help_text


def test_without_it_its_files_are_not_known(db, tmp_path):
    f = tmp_path / "january.txt"
    f.write_text(DIARY, encoding="utf-8")
    [error] = import_history(db, [f]).errors
    assert "not a known history format" in error and "Listening Diary" not in error
