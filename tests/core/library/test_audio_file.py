"""One audio file as item columns: what untagged files get from their names, and damaged files' reasons."""

from __future__ import annotations

import pytest

from companion.core.errors import MediaError
from companion.core.library.audio_file import DAMAGED, clean_error, read_music


def test_an_untagged_file_takes_title_track_album_artist_and_year_from_its_names(tmp_path, make_audio):
    path = make_audio(tmp_path / "Nina Simone" / "Pastel Blues (1965)" / "03 - Be My Husband.mp3")
    with open(path, "rb") as f:
        rec = read_music(str(path), str(tmp_path), f, None)
    assert (rec["title"], rec["track_no"], rec["album"], rec["artist"], rec["year"]) == (
        "Be My Husband",
        3,
        "Pastel Blues",
        "Nina Simone",
        1965,
    )
    assert rec["duration"] and rec["duration"] > 0.3


def test_a_file_directly_in_the_root_gets_only_a_title(tmp_path, make_audio):
    path = make_audio(tmp_path / "Loose track.flac")
    with open(path, "rb") as f:
        rec = read_music(str(path), str(tmp_path), f, None)
    assert rec["title"] == "Loose track" and not rec.get("album") and not rec.get("artist")


def test_noise_with_an_audio_name_is_refused_in_a_sentence(tmp_path):
    path = tmp_path / "noise.ogg"
    path.write_bytes(b"\x00not audio at all" * 200)
    with open(path, "rb") as f, pytest.raises(MediaError) as e:
        read_music(str(path), str(tmp_path), f, None)
    assert "Companion" in str(e.value) or str(e.value) == DAMAGED


def test_a_librarys_error_loses_the_path_and_its_extra_spaces():
    error = OSError("cannot open '/home/me/Music/a.mp3'  because\n  it broke")
    assert clean_error(error) == "cannot open because it broke"
    assert clean_error(ValueError()) == "ValueError"
