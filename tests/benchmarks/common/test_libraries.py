"""benchmarks/common/libraries.py: a small scan library of real, tagged files."""

import mutagen

from benchmarks.common import libraries


def test_scan_library_has_every_format_tags_covers_and_videos(tmp_path):
    libraries.make_scan_library(tmp_path, 25, 4)
    music = libraries.music_files(tmp_path)
    assert len(music) == 25 and len(libraries.video_files(tmp_path)) == 4
    assert {p.rsplit(".", 1)[1] for p in music} == {"mp3", "flac", "ogg"}  # 10 tracks an album
    first = mutagen.File(music[0], easy=True)
    assert first["title"] == ["Song 0"] and first["album"] == ["Album 00000"]
    assert list(tmp_path.rglob("cover.jpg"))  # the second album has its cover beside it


def test_flac_files(tmp_path):
    libraries.make_flac_files(tmp_path, 12)
    files = sorted(tmp_path.rglob("*.flac"))
    assert len(files) == 12 and mutagen.File(files[-1], easy=True)["title"] == ["Song 11"]
