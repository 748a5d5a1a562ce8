"""The keep-out suggestion: a short list looped at night, a lullaby cluster nothing else resembles; the
rule it names; dismissed once, never again; nothing for ordinary listening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.core.db import events as event_db
from companion.core.db import keepout as keepout_db
from companion.core.db import playlists as playlist_db
from companion.core.db.events import NewEvent
from companion.core.taste import keepout
from companion.core.taste import state as shared
from companion.core.taste.keepout_suggest import suggest

from .conftest import add_items

NOW = datetime(2026, 11, 15, 12, tzinfo=UTC)


def _suggest(db):
    shared.forget()
    view = shared.loaded(db)
    return suggest(db, view.lib, view.log, NOW.timestamp())


def _add(db, rows):
    with db:
        event_db.insert_many(db, rows)


def _evenings(lib):
    return [
        NewEvent(
            lib["jazz"][(d * 7 + k) % 60],
            "completed",
            (NOW - timedelta(days=d, hours=-7 + k / 6)).timestamp(),
            0,
            200.0,
            200.0,
        )
        for d in range(1, 25)
        for k in range(6)
    ]


def test_a_playlist_looped_at_night_is_suggested_then_dismissed(db):
    lib = add_items(db)
    _add(db, _evenings(lib))
    assert _suggest(db) is None  # ordinary listening: nothing to say
    loop = lib["ambient"][:6]
    pid = playlist_db.save(
        db,
        "Sleep",
        "m3u",
        None,
        [playlist_db.EntryRow(i, f"/s/{i}", None, None, None, None, "path", None) for i in loop],
        NOW.timestamp(),
    )
    nights = [
        NewEvent(
            loop[k],
            "completed",
            (NOW - timedelta(days=d, hours=-11 + k * 0.1)).timestamp(),
            0,
            200.0,
            200.0,
            "user",
            None,
            f"playlist:{pid}",
        )
        for d in range(1, 13)
        for k in range(6)
    ]
    _add(db, nights)
    got = _suggest(db)
    assert got is not None and (got.kind, got.value) == ("playlist", str(pid))
    assert "6 tracks" in got.text and "Sleep" in got.text
    keepout.add_rule(db, got.kind, got.value)
    assert _suggest(db) is None  # kept out now: nothing left to suggest
    keepout.remove_rule(db, keepout_db.rules(db)[0].id)
    keepout_db.dismiss(db, got.key, NOW.timestamp())
    assert _suggest(db) is None


def test_a_lullaby_cluster_nothing_else_resembles(db):
    lib = add_items(db)
    kids = add_items(db, genres=("lullaby",), artists_per_genre=1, albums_per_artist=1, folder="kids")[
        "lullaby"
    ]
    _add(db, _evenings(lib))
    _add(
        db,
        [
            NewEvent(
                kids[k % 5], "completed", (NOW - timedelta(days=k, hours=-6)).timestamp(), 0, 200.0, 200.0
            )
            for k in range(12)
        ],
    )
    got = _suggest(db)
    assert got is not None and got.kind == "album" and got.value == "lullaby album 0-0"
    assert got.to_json()["artist"] == "Lullaby Artist 0"
