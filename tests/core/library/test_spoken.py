"""Spoken word as its own kind: .m4b, long .m4a with chapters, spoken-word genres, and the analysis."""

from __future__ import annotations

import json
import time

from companion.core.library.queries import get_item_by_path
from companion.core.library.spoken import CHAPTERS_MIN_S, from_analysis, has_chapters, judge, spoken_genre


def test_rules():
    assert judge("/b/book.m4b", None, 10.0) == "an audiobook file (.m4b)"
    assert judge("/p/ep.mp3", json.dumps(["Podcast"]), 60.0) == "tagged Podcast"
    assert judge("/p/ep.mp3", json.dumps(["Rock/Audiobook"]), 60.0) == "tagged Audiobook"
    assert judge("/m/song.mp3", json.dumps(["Rock"]), 6000.0) is None  # long is not enough
    assert spoken_genre(json.dumps(["Spoken Word"])) == "Spoken Word" and spoken_genre(None) is None


def test_chapters_are_read_from_a_real_file(messy_library, tmp_path):
    from companion.core.media.synth import music_like, write_audio

    book = next(p for p in messy_library.spoken if p.suffix == ".m4b")
    assert has_chapters(str(book))
    plain = write_audio(tmp_path / "song.m4a", music_like(1.0))
    assert not has_chapters(str(plain))
    as_m4a = tmp_path / "book.m4a"
    as_m4a.write_bytes(book.read_bytes())
    assert judge(str(as_m4a), None, CHAPTERS_MIN_S + 1) == "a long file with chapters"
    assert judge(str(as_m4a), None, 120.0) is None  # a short .m4a with a chapter list is a song


def test_scan_marks_the_audiobook_and_the_podcast(messy_db, messy_library):
    for path in messy_library.spoken:
        assert get_item_by_path(messy_db, str(path))["spoken"]
    song = messy_library.recordings["Neon Ferns - Canopy"][0]
    assert get_item_by_path(messy_db, str(song))["spoken"] is None


def test_long_files_that_sound_like_speech_become_spoken_word(db):
    now = time.time()
    with db:
        for i, (dur, speech) in enumerate(((3600.0, 0.9), (3600.0, 0.1), (200.0, 0.95)), 1):
            db.execute(
                "INSERT INTO items(id, path, kind, duration, added_at, updated_at) VALUES (?, ?, 'music', ?, ?, ?)",
                (i, f"/m/{i}.mp3", dur, now, now),
            )
            db.execute(
                "INSERT INTO audio_features(item_id, version, analysed_at, speech) VALUES (?, 1, ?, ?)",
                (i, now, speech),
            )
    assert from_analysis(db) == 1
    spoken = [r[0] for r in db.execute("SELECT id FROM items WHERE spoken IS NOT NULL")]
    assert spoken == [1]  # a long talk; not a long song, not a short spoken intro
    assert from_analysis(db) == 0
