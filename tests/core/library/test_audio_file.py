"""One audio file as item columns: what untagged files get from their names, damaged files' reasons, and
music in Matroska and WebM (``.mka``, ``.weba``, audio-only ``.webm`` and ``.mkv``) read through PyAV."""

from __future__ import annotations

import pytest

from companion.core.errors import MediaError
from companion.core.jobs.scan import run_scan
from companion.core.library.audio_file import DAMAGED, clean_error, read_music
from companion.core.library.queries import list_items
from companion.core.media.synth import music_like, write_audio, write_video


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


TAGS = {"title": "Night Drive", "artist": "The Testers", "album": "Roads", "track": "3/9", "date": "2001"}


@pytest.mark.parametrize("name", ["a.mka", "b.weba", "c.webm", "d.mkv"])
def test_audio_only_matroska_and_webm_are_music_with_their_tags(db, profile, tmp_path, name):
    music = tmp_path / "music"
    write_audio(music / name, music_like(2.0), metadata=TAGS)
    summary = run_scan(db, profile, [str(music)])
    assert summary.failed == []
    (item,) = list_items(db)
    assert item["kind"] == "music"
    assert (item["title"], item["artist"], item["album"]) == ("Night Drive", "The Testers", "Roads")
    assert (item["track_no"], item["track_total"], item["year"]) == (3, 9, 2001)
    assert item["duration"] == pytest.approx(2.0, abs=0.1)
    codec, rate = db.execute("SELECT audio_codec, sample_rate FROM items").fetchone()
    assert codec in ("aac", "opus", "flac") and rate


def test_an_untagged_mka_is_named_after_its_file_and_folders(db, profile, tmp_path):
    music = tmp_path / "music"
    write_audio(music / "Artist" / "Album (1999)" / "04 - Song.mka", music_like(1.0))
    run_scan(db, profile, [str(music)])
    (item,) = list_items(db)
    assert (item["title"], item["artist"], item["album"], item["track_no"], item["year"]) == (
        "Song",
        "Artist",
        "Album",
        4,
        1999,
    )


def test_a_webm_with_a_picture_stays_a_video(db, profile, tmp_path):
    videos = tmp_path / "videos"
    write_video(videos / "Some Film (2004).webm", seconds=1.0, size=(64, 36))
    run_scan(db, profile, [str(videos)])
    (item,) = list_items(db)
    assert item["kind"] == "video"


def test_a_broken_mka_fails_with_a_plain_sentence(db, profile, tmp_path):
    music = tmp_path / "music"
    music.mkdir()
    (music / "broken.mka").write_bytes(b"\x1a\x45\xdf\xa3" + b"\x00" * 200)
    summary = run_scan(db, profile, [str(music)])
    (failure,) = summary.failed
    assert failure["error"] == "not a file Companion can open: it is damaged or not a media file"
