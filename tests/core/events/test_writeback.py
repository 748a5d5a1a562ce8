"""A rating written into a file reads back as the same stars through the library's own tag reader."""

import pytest

from companion.core.errors import MediaError
from companion.core.events import writeback
from companion.core.media.synth import tone, write_audio, write_tags


def _read_stars(path):
    from companion.core.library.reader import read_one

    st = path.stat()
    rec = read_one((str(path), "music", st.st_size, st.st_mtime_ns, None, str(path.parent)))
    assert rec["ok"], rec
    return rec["tag_rating"]


@pytest.mark.parametrize(
    ("suffix", "stars"), [(".mp3", 4.0), (".mp3", 1.0), (".flac", 3.5), (".ogg", 5.0), (".opus", 2.0)]
)
def test_written_rating_reads_back_as_the_same_stars(tmp_path, suffix, stars):
    path = write_audio(tmp_path / f"t{suffix}", tone(0.3))
    write_tags(path, {"title": "T", "artist": "A"})
    writeback.write_rating(path, stars)
    assert _read_stars(path) == pytest.approx(stars)
    writeback.write_rating(path, None)
    assert _read_stars(path) is None


def test_unsupported_or_broken_files_give_one_clear_error(tmp_path):
    path = write_audio(tmp_path / "t.m4a", tone(0.3))
    with pytest.raises(MediaError, match="cannot write a rating"):
        writeback.write_rating(path, 3)
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(b"\x00" * 50)
    with pytest.raises(MediaError):
        writeback.write_rating(bad, 3)
