"""Tracks of a CUE sheet exported to M3U8, XSPF and PLS (issue 16): a whole album in order is the sheet once;
other tracks are the album file with where they start and stop (M3U, XSPF), or the whole file (PLS, said in
the summary). Each file is read back, imported again, and (where VLC is installed) played by VLC."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from companion.core.jobs.scan import run_scan
from companion.core.media.synth import music_like, write_audio, write_tags
from companion.core.playlists.cue_export import whole_file_note
from companion.core.playlists.export import export_items, export_row, tracks_for_row
from companion.core.playlists.imports import import_playlist
from companion.core.playlists.model import Track
from companion.core.playlists.readers import read_playlist
from companion.core.taste.rows import Row, RowItem
from tests.core.library.test_cue_items import SHEET, album
from tests.core.playlists.test_export import _vlc_command

MIDDLE_START, CLOSE_START = 3.0, 6 + 37 / 75


@pytest.fixture
def library(db, profile):
    """A FLAC album with its .cue beside it (3 tracks), the same album with the sheet inside the FLAC, and
    a song; in a folder VLC (run as nobody) may read. (``album`` makes the FLAC's name the ``FILE``.)"""
    from mutagen.flac import FLAC

    base = Path(tempfile.mkdtemp(prefix="companion-cue-export-"))
    template = write_audio(base / "template.flac", music_like(9.0))
    write_tags(template, {"artist": "Tag Artist", "album": "Tag Album"})
    beside = album(base / "music" / "beside", template, SHEET.replace('"album.wav"', '"album.flac"'))
    inside = base / "music" / "inside" / "live.flac"
    inside.parent.mkdir(parents=True)
    shutil.copy(template, inside)
    tagged = FLAC(inside)
    tagged["CUESHEET"] = SHEET.replace('FILE "album.wav"', 'FILE "live.flac"').replace("Live at", "Inside")
    tagged.save()
    song = write_audio(base / "music" / "song.flac", music_like(2.0, bpm=90))
    write_tags(song, {"title": "Song", "artist": "Band"})
    template.unlink()
    for d, _, files in os.walk(base):
        os.chmod(d, 0o777)
        for f in files:
            os.chmod(os.path.join(d, f), 0o644)
    run_scan(db, profile, [str(base / "music")])
    rows = db.execute("SELECT id, path, title, cue_path FROM items ORDER BY path").fetchall()
    ids = {"song": next(r[0] for r in rows if r[2] == "Song")}
    ids["beside"] = [r[0] for r in rows if r[3] and r[3].endswith(".cue")]
    ids["inside"] = [r[0] for r in rows if r[3] and r[3].endswith("live.flac")]
    assert len(ids["beside"]) == len(ids["inside"]) == 3, rows
    yield base, beside, inside, ids
    shutil.rmtree(base, ignore_errors=True)


def test_a_sheet_that_names_a_file_not_there_is_written_as_the_album_file(db, library):
    base, beside, _inside, ids = library
    (beside / "album.cue").write_text(SHEET, encoding="utf-8")  # FILE "album.wav": the rip before FLAC
    out, entries, _ = export_items(db, ids["beside"], base / "album.m3u8")
    assert [line for line in _lines(out) if not line.startswith("#")] == [str(beside / "album.flac")]
    assert _imported(db, out) == ids["beside"]  # the album file (no start time) is the album again


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _imported(db, path: Path) -> list[int | None]:
    return [m.item_id for m in import_playlist(db, path).matches]


def test_a_whole_album_in_order_is_its_sheet_once_and_imports_as_its_tracks(db, library):
    base, beside, inside, ids = library
    order = [ids["song"], *ids["beside"], *ids["inside"]]
    out, entries, note = export_items(db, order, base / "albums.m3u8", title="Albums")
    assert (entries, note) == (3, None)
    locations = [line for line in _lines(out) if not line.startswith("#")]
    assert locations == [str(base / "music" / "song.flac"), str(beside / "album.cue"), str(inside)]
    assert "#track" not in out.read_text()
    assert "#EXTINF:9,Café Trio - Live at Café" in _lines(out)
    assert _imported(db, out) == order  # each album comes back as its three tracks, in order


def test_single_tracks_are_the_album_file_from_their_start_to_the_next(db, library):
    base, beside, inside, ids = library
    middle, close = ids["beside"][1], ids["beside"][2]
    order = [close, ids["song"], middle, *ids["inside"][:2]]  # not whole albums, not in order
    out, entries, note = export_items(db, order, base / "picks.m3u8")
    assert (entries, note) == (5, None)
    text = out.read_text()
    flac = str(beside / "album.flac")
    assert f"#EXTVLCOPT:start-time={CLOSE_START:.3f}\n{flac}\n" in text  # the last track plays to the end
    assert f"#EXTVLCOPT:start-time=3\n#EXTVLCOPT:stop-time={CLOSE_START:.3f}\n{flac}\n" in text
    assert f"#EXTVLCOPT:start-time=0\n#EXTVLCOPT:stop-time=3\n{inside}\n" in text
    parsed = read_playlist(out)
    assert [e.start for e in parsed.entries] == pytest.approx([CLOSE_START, None, 3.0, 0.0, 3.0], abs=1e-3)
    assert _imported(db, out) == order  # each the exact track again, by where it starts


def test_xspf_says_where_a_track_starts_in_vlcs_extension(db, library):
    base, _beside, _inside, ids = library
    order = [ids["beside"][1], ids["song"]]
    out, entries, note = export_items(db, order, base / "picks.xspf")
    assert (entries, note) == (2, None)
    text = out.read_text()
    assert 'xmlns:vlc="http://www.videolan.org/vlc/playlist/0"' in text
    assert "<vlc:option>start-time=3</vlc:option>" in text and "#track" not in text
    assert [e.start for e in read_playlist(out).entries] == [3.0, None]
    assert _imported(db, out) == order


def test_pls_writes_the_whole_file_and_the_summary_says_so(db, library):
    base, beside, _inside, ids = library
    order = [ids["beside"][0], ids["beside"][2], ids["song"]]
    out, entries, note = export_items(db, order, base / "picks.pls")
    assert entries == 3
    assert note == (
        "2 CUE tracks were written as the whole album file (PLS cannot say where a track starts; "
        ".m3u8, .m3u and .xspf can)"
    )
    files = [line.split("=", 1)[1] for line in _lines(out) if line.startswith("File")]
    assert files == [str(beside / "album.flac")] * 2 + [str(base / "music" / "song.flac")]
    assert _imported(db, out) == order  # the titles still find each track


def test_a_mix_row_with_cue_tracks_asks_the_library_where_they_lie(db, library):
    base, beside, _inside, ids = library
    item = db.execute("SELECT path, title FROM items WHERE id = ?", (ids["beside"][1],)).fetchone()
    row = Row(
        "now", "Now", "music", "", items=(RowItem(ids["beside"][1], item[0], "music", item[1], "", ""),)
    )
    assert "#track" in tracks_for_row(row)[0].path  # without the library it cannot know
    out, entries, _ = export_row(row, base / "now.m3u8", conn=db)
    assert f"#EXTVLCOPT:start-time=3\n#EXTVLCOPT:stop-time={CLOSE_START:.3f}\n{beside / 'album.flac'}" in (
        out.read_text()
    )


def test_vlc_plays_the_sheet_and_starts_a_track_where_it_starts(db, library):
    cmd = _vlc_command()
    base, beside, _inside, ids = library
    out, _, _ = export_items(db, [*ids["beside"], ids["beside"][1]], base / "vlc.m3u8")
    os.chmod(out, 0o644)
    result = subprocess.run(
        [*cmd, str(out)],
        cwd="/",
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "HOME": str(base)},
    )
    log = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert "unable to open" not in log, log[-3000:]
    assert "cue.luac's probe() function was successful" in log  # VLC reads the sheet as a playlist
    assert f"location='{beside / 'album.flac'}'" in log
    assert "starting at time: 3s" in log  # the single track starts where it starts


def test_the_note_counts_only_parts_a_format_cannot_say():
    part, whole = Track("/m/album.flac", start=3.0, end=6.0), Track("/m/song.flac")
    assert whole_file_note("x.pls", [part, whole]).startswith(
        "1 CUE track was written as the whole album file"
    )
    assert whole_file_note("x.pls", [whole]) is None
    assert whole_file_note("x.m3u8", [part]) is None and whole_file_note("x.xspf", [part]) is None
