"""The generated messy library holds what it says it holds (read back with mutagen, as the scanner does)."""

from __future__ import annotations

import mutagen


def test_copies_oddities_and_damage(messy_library):
    lib = messy_library
    assert len(lib.recordings["Blue Hour Quartet - Night Shift"]) == 4  # FLAC, MP3, M4A and the compilation
    assert {p.suffix for p in lib.recordings["Blue Hour Quartet - Velvet Hours"]} == {".flac", ".mp3", ".m4a"}
    titles = {
        str(mutagen.File(p, easy=True)["title"][0]) for p in lib.recordings["Blue Hour Quartet - Café Noir"]
    }
    assert len(titles) == 3  # each program spelled it its own way
    assert all(p.exists() for paths in lib.recordings.values() for p in paths)
    assert mutagen.File(lib.bogus_length).info.length > 20 * 3600  # the header's claim
    assert lib.bogus_length.stat().st_size < 1_000_000
    damaged = mutagen.File(lib.damaged)
    assert damaged.info.length >= 20 and lib.damaged.stat().st_size * 8 / damaged.info.length < 50_000
    book = next(p for p in lib.spoken if p.suffix == ".m4b")
    assert [c.title for c in mutagen.File(book).chapters] == ["Chapter 1", "Chapter 2", "Chapter 3"]
    junk = {str(mutagen.File(p, easy=True)["genre"][0]) for p in lib.junk}
    assert {"genre1", "Genredata2", "mp3"} <= junk
