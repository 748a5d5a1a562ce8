import os

import pytest

from companion.core.library.pathcodec import MARK, display, from_db, to_db


@pytest.mark.parametrize(
    "path",
    [
        "/music/plain.mp3",
        "/music/Björk/Jóga.flac",
        "/m/日本語.ogg",
        "/m/caf\udce9.mp3",
        "/m/\udcff\udcfe.wav",
        MARK + "/starts/with/the/mark",
        "~bytes~",
        "",
        "/m/100% sure.mp3",
    ],
)
def test_every_path_round_trips(path):
    text = to_db(path)
    text.encode("utf-8")  # always storable as SQLite TEXT
    assert from_db(text) == path


def test_valid_paths_are_stored_unchanged_and_odd_ones_marked():
    assert to_db("/music/Björk.flac") == "/music/Björk.flac"
    assert to_db("/m/caf\udce9.mp3").startswith(MARK)


def test_non_utf8_path_survives_the_database(db, tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.mp3"
    path = os.fsdecode(raw)
    db.execute("INSERT INTO folders(path, added_at) VALUES (?, 0)", (to_db(path),))
    (stored,) = db.execute("SELECT path FROM folders").fetchone()
    assert os.fsencode(from_db(stored)) == raw
    assert "\ufffd" in display(path)
