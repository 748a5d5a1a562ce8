"""ListenBrainz listens (JSON and JSON lines), written small by the test, imported into a library of
inserted items; and what the module reads from one listen."""

from __future__ import annotations

import json

from companion.core.importers.model import HistoryEntry, RecordError
from companion.core.importers.run import import_history
from companion.core.importers.services import listenbrainz
from tests.core.importers.library import MBID, events, ts


def test_listenbrainz_json_and_json_lines(db, lib, tmp_path):
    listens = [
        {
            "listened_at": 1650000000,
            "track_metadata": {
                "artist_name": "Beyonce",
                "track_name": "Halo",
                "release_name": "I Am... Sasha Fierce",
            },
        },
        {
            "listened_at": 1650000500,
            "track_metadata": {
                "artist_name": "?",
                "track_name": "?",
                "additional_info": {"recording_mbid": MBID},
            },
        },
        {
            "listened_at": 1650000900,
            "track_metadata": {
                "artist_name": "x",
                "track_name": "y",
                "mbid_mapping": {"recording_mbid": "bad"},
            },
        },
    ]
    whole = tmp_path / "listens.json"
    whole.write_text(json.dumps(listens), encoding="utf-8")
    s = import_history(db, [whole])
    assert (s.read, s.matched, s.unmatched) == (3, 2, 1)
    lines = tmp_path / "listens.jsonl"
    lines.write_text("\n".join(json.dumps(x) for x in listens) + "\n{broken\n", encoding="utf-8")
    s = import_history(db, [lines])
    assert (s.read, s.matched, s.unmatched, s.duplicates) == (3, 0, 0, 3)
    assert s.errors == [
        f"{lines}: line 4: not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    ]
    assert {e["source"] for e in events(db)} == {"import:listenbrainz"}


def test_one_listen_read_with_its_ids_and_player():
    rec = {
        "listened_at": "2022-04-15T05:20:00Z",
        "track_metadata": {
            "artist_name": " Beyoncé ",
            "track_name": "Halo",
            "additional_info": {"release_mbid": "r1", "media_player": "Companion"},
            "mbid_mapping": {"recording_mbid": MBID},
        },
    }
    assert listenbrainz.looks_like(rec) and not listenbrainz.looks_like({"listened_at": 1})
    (entry,) = listenbrainz.parse([("record 1", rec)])
    assert isinstance(entry, HistoryEntry)
    assert (entry.service, entry.artist, entry.title, entry.mb_track_id) == (
        "listenbrainz",
        "Beyoncé",
        "Halo",
        MBID,
    )
    assert entry.ts == ts("2022-04-15T05:20:00")  # an older dump's ISO time
    assert entry.data == {"release_mbid": "r1", "player": "Companion"}


def test_a_listen_without_a_time_or_a_name_is_an_error_of_its_own():
    got = list(
        listenbrainz.parse(
            [
                ("record 1", {"track_metadata": {"artist_name": "a", "track_name": "b"}}),
                ("record 2", {"listened_at": True, "track_metadata": {}}),
                ("record 3", {"listened_at": 1650000000, "track_metadata": {"artist_name": "a"}}),
                ("record 4", ["not", "a", "listen"]),
                ("record 5", ValueError("not valid JSON")),
            ]
        )
    )
    assert got == [
        RecordError("record 1", "no listened_at time"),
        RecordError("record 2", "no listened_at time"),
        RecordError("record 3", "no artist or track name"),
        RecordError("record 4", "not a listen (no track_metadata)"),
        RecordError("record 5", "not valid JSON"),
    ]
