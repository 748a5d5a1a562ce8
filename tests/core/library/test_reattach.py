"""QA session 2, A2: a file retagged and moved in one go (Picard, beets, or a rating written into it)
keeps its history: it is the vanished item with the same recording, found by its tags."""

from __future__ import annotations

import mutagen

from companion.core.db import scans as scan_db
from companion.core.events.record import record_event
from companion.core.library.columns import FINGERPRINT, SIZE, TAG_COLUMNS
from companion.core.library.queries import get_item_by_path
from companion.core.library.reattach import Reattach


def _tag(path, **tags) -> None:
    f = mutagen.File(path, easy=True)
    for k, v in tags.items():
        f[k] = v
    f.save()


def test_retagged_and_moved_keeps_its_history(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    song = make_audio(root / "Band" / "Album" / "01 Song.flac")
    other = make_audio(root / "Band" / "Album" / "02 Other.flac")
    _tag(song, artist="Band", title="Song", album="Album")
    _tag(other, artist="Band", title="Other", album="Album")
    scan_conn([root])
    old = get_item_by_path(db, str(song))
    record_event(db, old["id"], "completed")
    moved = root / "Band" / "Album (Remaster)" / "01 - Song.flac"
    moved.parent.mkdir()
    song.rename(moved)
    _tag(moved, genre="Rock", artist="BAND", title="Song ")  # Picard's tidy-up: new bytes, same recording
    s = scan_conn()
    assert (s.reattached, s.added, s.removed) == (1, 0, 0)
    now = get_item_by_path(db, str(moved))
    assert now["id"] == old["id"] and now["status"] == "ok" and now["artist"] == "BAND", (
        "the new tags are read"
    )
    assert db.execute("SELECT COUNT(*) FROM events WHERE item_id = ?", (old["id"],)).fetchone()[0] == 1


def test_an_item_missing_since_an_earlier_scan_comes_back_retagged(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    song = make_audio(root / "a.ogg")
    _tag(
        song,
        artist="Band",
        title="Song",
        album="Album",
        musicbrainz_trackid="1f0f0b4e-0000-4000-8000-000000000001",
    )
    scan_conn([root])
    item = get_item_by_path(db, str(song))["id"]
    song.rename(tmp_path / "away.ogg")
    assert scan_conn().removed == 1
    back = root / "renamed.ogg"
    (tmp_path / "away.ogg").rename(back)
    _tag(back, title="Song (2024 remaster)")  # the title changed, the MusicBrainz recording id did not
    s = scan_conn()
    assert s.reattached == 1 and get_item_by_path(db, str(back))["id"] == item


def test_two_candidates_and_no_guess(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    one = make_audio(root / "cd1" / "song.mp3")
    two = make_audio(root / "cd2" / "song.mp3")
    for f in (one, two):
        _tag(f, artist="Band", title="Song", album="Album")
    scan_conn([root])
    ids = {get_item_by_path(db, str(f))["id"] for f in (one, two)}
    one.unlink()
    new = root / "moved.mp3"
    two.rename(new)
    _tag(new, genre="Pop")
    s = scan_conn()
    assert s.reattached == 0 and s.added == 1, "two items could be it: a new item, not history on a guess"
    assert get_item_by_path(db, str(new))["id"] not in ids


def test_a_vanished_item_is_taken_by_its_fingerprint_once(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    song = make_audio(root / "Band" / "Album" / "01 Song.flac")
    _tag(song, artist="Band", title="Song", album="Album")
    scan_conn([root])
    item = get_item_by_path(db, str(song))
    values = [None] * len(TAG_COLUMNS)
    values[FINGERPRINT], values[SIZE] = item["fingerprint"], item["size"]
    known = scan_db.known_files(db)
    moved = Reattach(db, {k.id: k for k in known.values()})  # as if its file was not found by the walk
    assert moved.item_for(str(root / "elsewhere.flac"), tuple(values)) == item["id"]
    assert moved.item_for(str(root / "a copy.flac"), tuple(values)) is None, "an item is taken once"
    nothing = Reattach(db, {})  # nothing vanished, nothing missing: a new file is new
    assert nothing.item_for(str(root / "new.flac"), tuple(values)) is None
