"""Exports as the services hand them out: ZIP archives read member by member, never extracted."""

from __future__ import annotations

import json
import zipfile

from companion.core.importers import source
from companion.core.importers.run import import_history, iter_import_history
from tests.core.importers.library import add_item, events


def test_spotify_zip_reads_only_the_history(db, tmp_path):
    add_item(db, "/m/a.mp3", artist="Band", title="Song", duration=200.0)
    z = tmp_path / "my_spotify_data.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Spotify Account Data/Userdata.json", json.dumps({"username": "me"}))
        zf.writestr("Spotify Account Data/Playlist1.json", json.dumps({"playlists": []}))
        zf.writestr(
            "Spotify Account Data/StreamingHistory_music_0.json",
            json.dumps(
                [
                    {
                        "endTime": "2023-01-01 10:00",
                        "artistName": "Band",
                        "trackName": "Song",
                        "msPlayed": 200000,
                    }
                ]
            ),
        )
        zf.writestr(
            "Spotify Account Data/StreamingHistory_podcast_0.json",
            json.dumps(
                [{"endTime": "2023-01-01 11:00", "podcastName": "P", "episodeName": "E", "msPlayed": 900000}]
            ),
        )
        zf.writestr("../../evil/StreamingHistory_music_1.json", "not json at all")
    steps = [s for s in iter_import_history(db, [z]) if s.finished]
    names = [s.path for s in steps]
    assert names == [
        f"{z}:../../evil/StreamingHistory_music_1.json",
        f"{z}:Spotify Account Data/StreamingHistory_music_0.json",
        f"{z}:Spotify Account Data/StreamingHistory_podcast_0.json",
    ]
    assert steps[0].summary.errors[0].startswith(f"{z}:../../evil/StreamingHistory_music_1.json: not a known")
    assert (steps[1].summary.matched, steps[2].summary.ignored) == (1, 1)
    assert [e["type"] for e in events(db)] == ["completed"]
    assert not (tmp_path.parent / "evil").exists()
    again = import_history(db, [z])
    assert (again.matched, again.duplicates) == (0, 1)


def test_listenbrainz_zip_and_bad_archives(db, tmp_path, monkeypatch):
    z = tmp_path / "listenbrainz_me.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("user.json", "{}")
        zf.writestr(
            "listens/2023/1.jsonl",
            json.dumps({"listened_at": 1672570000, "track_metadata": {"artist_name": "X", "track_name": "Y"}})
            + "\n",
        )
    assert import_history(db, [z]).unmatched == 1
    empty = tmp_path / "other.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("notes.txt", "hello")
    assert import_history(db, [empty]).errors == [
        f"{empty}: no listening history inside (looked for *scrobbles*.csv, listens/*.jsonl, listens/*.json,"
        " ViewingActivity.csv, StreamingHistory*.json, Streaming_History_Audio_*.json, endsong*.json)"
    ]
    broken = tmp_path / "broken.zip"
    broken.write_bytes(z.read_bytes()[:-30])
    s = import_history(db, [broken])
    assert len(s.errors) == 1 and s.errors[0].startswith(f"{broken}")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("endsong_0.json", b"[" + b" " * 5000 + b"]")
    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    assert "too large" in import_history(db, [bomb]).errors[0]


def test_members_are_read_one_by_one_and_a_bad_one_does_not_stop_the_rest(tmp_path, monkeypatch):
    from companion.core.importers.archive import iter_sources

    loose = tmp_path / "endsong_0.json"
    loose.write_text("[]", encoding="utf-8")
    assert [s.text for s in iter_sources(loose)] == ["[]"]  # a file that is no archive is itself
    z = tmp_path / "my_spotify_data.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("MyData/Userdata.json", "{}")  # account data: never read
        zf.writestr("MyData/endsong_1.json", b"[" + b" " * 2000 + b"]")
        zf.writestr("MyData/StreamingHistory0.json", '[{"trackName": "Aurora"}]')
    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    found = list(iter_sources(z))
    assert [f.label if not isinstance(f, tuple) else f[0] for f in found] == [
        f"{z}:MyData/StreamingHistory0.json",
        f"{z}:MyData/endsong_1.json",
    ]
    assert found[0].text == '[{"trackName": "Aurora"}]' and len(found[0].sha256) == 64
    assert "too large" in str(found[1][1])
