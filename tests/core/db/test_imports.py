"""Imported history's bookkeeping (db/imports.py): files known by content, keys that keep an entry to one event,
entries kept unmatched and the names they wait for."""

from __future__ import annotations

from companion.core.db import imports
from companion.core.db.imports import FileCounts, Unmatched
from companion.core.events.record import record_event
from tests.core.importers.library import add_item


def entry(key: str, ts: float, **cols) -> Unmatched:
    base = dict.fromkeys(Unmatched._fields[:-1])
    base.update(
        {"key": key, "service": "lastfm", "ts": ts, "kind": "music", "type": "play", "added_at": 1.0} | cols
    )
    return Unmatched(**base)


def test_a_file_is_known_by_its_content_and_keeps_its_counts(db):
    first, seen = imports.file_row(db, "/a/scrobbles.csv", "abc", "lastfm", 10.0)
    assert not seen
    imports.finish_file(db, first, FileCounts(read=5, matched=3, unmatched=2, duplicates=0, errors=0))
    again, seen = imports.file_row(db, "/b/renamed.csv", "abc", "lastfm", 20.0)
    assert (again, seen) == (first, True)
    imports.finish_file(db, again, FileCounts(read=5, matched=1, unmatched=1, duplicates=3, errors=0))
    row = db.execute(
        "SELECT path, first_at, last_at, read, matched, unmatched, duplicates FROM import_files"
    ).fetchall()
    assert [tuple(r) for r in row] == [("/b/renamed.csv", 10.0, 20.0, 5, 4, 1, 3)]  # matched adds up


def test_a_key_is_known_once_an_event_or_an_unmatched_entry_holds_it(db):
    item = add_item(db, "/m/a.mp3", title="A")
    event = record_event(db, item, "play", ts=100.0)
    assert not imports.is_known(db, "k1")
    imports.add_key(db, "k1", event)
    imports.keep_unmatched(db, entry("k2", 50.0, artist="Nobody", title="Song"))
    imports.keep_unmatched(db, entry("k2", 60.0, artist="Changed"))  # kept already: stays as it was
    assert imports.is_known(db, "k1") and imports.is_known(db, "k2") and not imports.is_known(db, "k3")
    (kept,) = imports.unmatched(db)
    assert (kept.key, kept.ts, kept.artist, kept.title) == ("k2", 50.0, "Nobody", "Song") and kept.id
    assert imports.has_unmatched(db)
    imports.drop_unmatched(db, kept.id)
    assert not imports.has_unmatched(db) and not imports.is_known(db, "k2")


def test_the_names_most_waited_for_come_first(db):
    for n, who in enumerate(["Band", "band", "Band", "Solo"]):
        imports.keep_unmatched(db, entry(f"m{n}", float(n), artist=who))
    imports.keep_unmatched(db, entry("v1", 9.0, kind="video", show="The Show", title="Pilot"))
    imports.keep_unmatched(db, entry("x", 10.0))  # no name at all: nothing to add
    top = imports.top_unmatched(db, 10)
    assert [(t.kind, t.name.lower(), t.entries) for t in top] == [
        ("music", "band", 3),
        ("music", "solo", 1),
        ("video", "the show", 1),
    ]
    assert len(imports.top_unmatched(db, 1)) == 1
