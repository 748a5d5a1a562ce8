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


def test_a_cue_track_keeps_its_rating_in_the_database_and_its_album_file_is_untouched(db, profile, tmp_path):
    from companion.core.events.ratings import rating_state, set_stars
    from companion.core.jobs.scan import run_scan
    from companion.core.media.synth import music_like
    from tests.core.library.test_cue_items import album

    template = write_audio(tmp_path / "album.flac", music_like(9.0))
    folder = album(tmp_path / "music", template)
    run_scan(db, profile, [str(folder)])
    (track, *_) = [
        r[0] for r in db.execute("SELECT id FROM items WHERE cue_path IS NOT NULL ORDER BY cue_start")
    ]
    before = (folder / "album.flac").read_bytes()
    set_stars(db, track, 4.0)
    assert writeback.write_item_rating(db, track, 4.0) == writeback.CUE_TRACK_NOTE
    assert "kept in Companion only" in writeback.CUE_TRACK_NOTE
    assert (folder / "album.flac").read_bytes() == before  # one file, many tracks: no track's stars in it
    assert rating_state(db, track).stars == 4.0


def test_the_rate_command_says_a_cue_track_is_rated_in_companion_only(db, profile, tmp_path, run_cli):
    from companion.core.jobs.scan import run_scan
    from companion.core.media.synth import music_like
    from companion.core.settings import update_setting
    from tests.core.library.test_cue_items import album

    folder = album(tmp_path / "music", write_audio(tmp_path / "album.flac", music_like(9.0)))
    run_scan(db, profile, [str(folder)])
    update_setting(db, "write_ratings_to_files", True)
    before = (folder / "album.flac").read_bytes()
    code, out, err = run_cli("rate", str(folder / "album.flac#track02"), "5")
    assert code == 0, err
    assert "Middle" in out and "kept in Companion only" in err and "Traceback" not in err
    assert (folder / "album.flac").read_bytes() == before
