"""Files opened from outside the library folders become items of no folder, read like scanned ones."""

from __future__ import annotations

import mutagen
import pytest

from companion.core.db import open_profile_db
from companion.core.errors import MediaError
from companion.core.library.adopt import adopt_file
from companion.core.media.synth import tone, write_audio


@pytest.fixture
def conn(profile):
    c = open_profile_db(profile)
    yield c
    c.close()


def test_a_file_outside_the_library_is_read_with_its_tags(conn, profile, tmp_path):
    path = write_audio(tmp_path / "Downloads" / "Ünïcode song.mp3", tone(1.0))
    tags = mutagen.File(path, easy=True)
    tags["title"], tags["artist"] = "Opened Song", "Someone"
    tags.save()
    item_id = adopt_file(conn, str(profile.covers_dir), str(path))
    row = conn.execute(
        "SELECT title, artist, folder_id, kind, status, duration FROM items WHERE id = ?", (item_id,)
    ).fetchone()
    assert tuple(row[:5]) == ("Opened Song", "Someone", None, "music", "ok")
    assert row[5] == pytest.approx(1.0, abs=0.1)
    assert adopt_file(conn, str(profile.covers_dir), str(path)) == item_id, "opening it again reuses the item"
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1


def test_a_relative_path_is_the_same_file(conn, profile, tmp_path, monkeypatch):
    write_audio(tmp_path / "a.ogg", tone(0.5))
    monkeypatch.chdir(tmp_path)
    first = adopt_file(conn, str(profile.covers_dir), "a.ogg")
    assert adopt_file(conn, str(profile.covers_dir), str(tmp_path / "a.ogg")) == first


def test_files_that_cannot_be_played_say_why_and_add_nothing(conn, profile, tmp_path):
    junk = tmp_path / "broken.mp3"
    junk.write_bytes(b"\x00not really an mp3" * 50)
    empty = tmp_path / "empty.flac"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    reasons = []
    for p in (junk, empty, text, tmp_path / "gone.mp3"):
        with pytest.raises(MediaError) as e:
            adopt_file(conn, str(profile.covers_dir), str(p))
        reasons.append(str(e.value))
    assert "empty" in reasons[1] and "not a media file" in reasons[2]
    assert all(reasons), reasons
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
