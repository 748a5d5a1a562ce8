"""Files of unknown names: media when their first bytes say so, otherwise ignored and counted."""

from __future__ import annotations

from companion.core.jobs.scan import run_scan
from companion.core.library.queries import list_items
from companion.core.library.sniff import media_kind, sniff
from companion.core.media.synth import tone, write_audio


def test_media_kind_knows_the_common_magic_bytes():
    assert media_kind(b"ID3\x04\x00") == media_kind(b"fLaC\x00") == media_kind(b"OggS\x00") == "music"
    assert media_kind(b"RIFF\x00\x00\x00\x00WAVEfmt ") == "music"
    assert media_kind(b"\xff\xfb\x90\x64") == "music"
    assert media_kind(b"\x00\x00\x00\x20ftypM4A ") == "video"  # the reader tells audio-only MP4 apart
    assert media_kind(b"\x1a\x45\xdf\xa3\x01") == "video"
    for other in (b"", b"MThd\x00\x00", b"import os\n", b"<?xml version", b"\xff\xfe<\x00", b"APETAGEX"):
        assert media_kind(other) is None


def test_sniff_of_a_missing_file_is_none(tmp_path):
    assert sniff(str(tmp_path / "nothing.dat")) is None


def test_a_music_folder_with_program_files_fails_nothing_and_counts_them(db, profile, tmp_path):
    music = tmp_path / "music"
    write_audio(music / "song.flac", tone(0.5))
    (music / "renamed.bin").write_bytes((music / "song.flac").read_bytes())  # FLAC under an odd name
    for name, data in {
        "__init__.py": b"import os\n",
        "widget.ui": b"<?xml version='1.0'?><ui/>",
        "album.toc": b"CD_DA\n",
        "data.dat": b"\x00\x01\x02",
        "res.qrc": b"<RCC/>",
        "README": b"hello",
        "cover.jpg": b"\xff\xd8\xff\xe0",
        "party.m3u": b"song.flac\n",
    }.items():
        (music / name).write_bytes(data)
    (music / "cut.bin").write_bytes(b"fLaC\x00\x00\x00\x22")  # looks like FLAC, is not one: a failure
    summary = run_scan(db, profile, [str(music)])
    assert {i["path"].rsplit("/", 1)[1] for i in list_items(db)} == {"song.flac", "renamed.bin"}
    assert [f["path"].rsplit("/", 1)[1] for f in summary.failed] == ["cut.bin"]
    assert summary.failed[0]["error"] == "its tags or audio header are damaged, so Companion cannot read it"
    assert summary.ignored == 8
    assert [p.rsplit("/", 1)[1] for p in summary.playlists] == ["party.m3u"]
