"""The taste engine on recordings: one entry per recording (its best file), every file's events its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.core.events.record import record_event
from companion.core.library.queries import get_item_by_path
from companion.core.taste import recordings
from companion.core.taste.eventlog import load_events
from companion.core.taste.home import build_home, get_row
from companion.core.taste.library import load_library
from tests.core.importers.library import add_item

T = datetime(2026, 3, 16, 9, tzinfo=UTC)


def item_id(db, path) -> int:
    return int(get_item_by_path(db, str(path))["id"])


def test_one_entry_per_recording_represented_by_its_best_file(messy_db, messy_library):
    lib = load_library(messy_db)
    assert len(lib) == len(messy_library.recordings)  # every file is one of its recordings
    paths = set(lib.path)
    for name, files in messy_library.recordings.items():
        kept = [p for p in files if str(p) in paths]
        assert len(kept) == 1, name
    slow_rain = messy_library.recordings["Blue Hour Quartet - Slow Rain"]
    best = next(p for p in slow_rain if str(p) in paths)
    assert best.suffix == ".flac"  # lossless before the MP3 and M4A copies and the compilation's MP3
    i = int(lib.index_of([item_id(messy_db, best)])[0])
    assert lib.files[i] == len(slow_rain)
    for copy in slow_rain:  # any file of it finds the recording
        assert int(lib.index_of([item_id(messy_db, copy)])[0]) == i


def test_spoken_and_suspect_files_are_marked(messy_db, messy_library):
    lib = load_library(messy_db)

    def at(path):
        return int(lib.index_of([item_id(messy_db, path)])[0])

    assert all(lib.spoken[at(p)] for p in messy_library.spoken)
    assert lib.suspect[at(messy_library.bogus_length)] and lib.suspect[at(messy_library.damaged)]
    ordinary = messy_library.recordings["Neon Ferns - Canopy"][0]
    assert not lib.spoken[at(ordinary)] and not lib.suspect[at(ordinary)]


def test_plays_of_any_file_count_for_the_recording(messy_db, messy_library):
    files = [item_id(messy_db, p) for p in messy_library.recordings["Mira Solène - Lantern"]]
    for k, f in enumerate(files * 2):
        record_event(
            messy_db, f, "completed", ts=(T - timedelta(hours=k + 1)).timestamp(), position=200, duration=200
        )
    lib = load_library(messy_db)
    log = load_events(messy_db, lib)
    assert len(set(log.item.tolist())) == 1 and len(log) == 2 * len(files)


def test_mixes_hold_each_recording_once_and_nothing_that_does_not_belong(messy_db, messy_library, profile):
    from companion.core.demo.messy_week import listen_to_messy

    end = datetime(2026, 3, 16, tzinfo=UTC)
    listen_to_messy(messy_db, messy_library, end)
    bad = {
        item_id(messy_db, p)
        for p in [*messy_library.spoken, messy_library.bogus_length, messy_library.damaged]
    }
    for hours in (8.5, 14.5, 19.5):
        at = end + timedelta(hours=hours)
        for row in build_home(messy_db, profile, at=at):
            whole = get_row(messy_db, profile, row.id, at=at) or row
            recordings = [i.recording_id for i in whole.items]
            assert len(recordings) == len(set(recordings)), row.id
            assert not {i.item_id for i in whole.items} & bad, row.id
            assert all(isinstance(i.to_json()["recording_id"], int) for i in row.items)


def test_a_suspect_file_enters_mixes_once_played_through(messy_db, messy_library, profile):
    from companion.core.taste import home

    wav = item_id(messy_db, messy_library.bogus_length)
    v, _ = home._view(messy_db, profile, T)
    i = int(v.lib.index_of([wav])[0])
    assert v.playable[i] and not v.usable[i]
    record_event(
        messy_db, wav, "completed", ts=(T - timedelta(hours=1)).timestamp(), position=5.0, duration=5.0
    )
    v, _ = home._view(messy_db, profile, T)
    assert v.usable[i]


def test_files_of_one_recording_fold_into_the_best_and_the_marks_are_set(db):
    """one_entry_per_recording on its own: the pass after a scan has grouped three files as one recording,
    marked an audiobook and an implausible length; the loaded library folds and marks them."""
    mp3 = add_item(db, "/m/a.mp3", title="A", bitrate=320_000)
    flac = add_item(db, "/m/a.flac", title="A", bitrate=900_000)
    m4a = add_item(db, "/m/a.m4a", title="A", bitrate=256_000, has_cover=1)
    odd = add_item(db, "/m/b.mp3", title="B")
    book = add_item(db, "/m/book.mp3", title="Book")
    files = load_library(db)  # before the pass: every file a recording of its own
    assert len(files) == 5
    with db:
        db.executemany("UPDATE items SET recording_id = ? WHERE id = ?", [(mp3, i) for i in (mp3, flac, m4a)])
        db.execute("UPDATE items SET implausible = 'too long for its size' WHERE id = ?", (odd,))
        db.execute("UPDATE items SET spoken = 'audiobook' WHERE id = ?", (book,))
    lib = recordings.one_entry_per_recording(db, files)
    assert sorted(lib.path) == ["/m/a.flac", "/m/b.mp3", "/m/book.mp3"], (
        "lossless first, art does not outweigh it"
    )
    at = int(lib.index_of([m4a])[0])
    assert lib.path[at] == "/m/a.flac" and lib.files[at] == 3
    assert {int(lib.index_of([i])[0]) for i in (mp3, flac, m4a)} == {at}
    marks = {p: (bool(s), bool(x)) for p, s, x in zip(lib.path, lib.spoken, lib.suspect, strict=True)}
    assert marks == {"/m/a.flac": (False, False), "/m/b.mp3": (False, True), "/m/book.mp3": (True, False)}
