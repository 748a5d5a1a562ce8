"""ASX playlists (Windows Media) as real players write them: any case, bare ``&``, relative and file:// hrefs."""

from __future__ import annotations

import pytest

from companion.core.playlists.imports import import_playlist, iter_import_playlists
from companion.core.playlists.model import PlaylistError
from companion.core.playlists.read_asx import parse_asx
from companion.core.playlists.readers import read_playlist
from tests.core.importers.library import add_item

ASX = """<ASX VERSION="3.0">
  <TITLE>Drive & Dance</TITLE>
  <Entry>
    <Title>Rock & Roll</Title>
    <Author>The Testers</Author>
    <Ref HREF="Rock & Roll/01 - Song.mp3" />
  </Entry>
  <entry><ref href="file://{music}/Other%20Band/02%20-%20Two.flac"/></entry>
  <ENTRY><REF href="mms://radio.example/stream?a=1&b=2"/></ENTRY>
  <entry><title>no link</title></entry>
</ASX>
"""


@pytest.fixture
def music(tmp_path):
    return tmp_path / "Music"


def test_asx_with_bare_ampersands_and_mixed_case_imports_and_matches(db, tmp_path, music):
    song = add_item(
        db, str(music / "Rock & Roll" / "01 - Song.mp3"), artist="The Testers", title="Rock & Roll"
    )
    two = add_item(db, str(music / "Other Band" / "02 - Two.flac"))
    p = music / "mix.asx"
    music.mkdir(parents=True, exist_ok=True)
    p.write_text(ASX.format(music=music), encoding="utf-8")
    report = import_playlist(db, p)
    assert report.format == "asx" and report.name == "Drive & Dance"
    assert [m.item_id for m in report.matches] == [song, two, None]
    assert report.matches[0].entry.title == "Rock & Roll" and report.matches[0].entry.artist == "The Testers"
    assert report.matches[2].entry.location == "mms://radio.example/stream?a=1&b=2"
    assert report.problems == ["entry 4: no <ref href>, skipped"]


def test_asx_that_is_not_xml_at_all_is_read_by_pattern():
    raw = b"<asx version=3.0><entry><ref href=a.mp3><title>A & B</title></entry><entry><ref href='b.mp3'>"
    raw += b"</entry></asx"
    parsed = parse_asx(raw, "x.asx")
    assert [(e.location, e.title) for e in parsed.entries] == [("a.mp3", "A & B"), ("b.mp3", None)]


def test_a_named_entity_is_kept_and_a_doctype_is_refused(tmp_path):
    ok = parse_asx(b'<asx><entry><ref href="a&amp;b.mp3"/></entry></asx>', "x.asx")
    assert ok.entries[0].location == "a&b.mp3"
    with pytest.raises(PlaylistError, match="document type"):
        parse_asx(b'<!DOCTYPE asx [<!ENTITY a "b">]><asx/>', "x.asx")


def test_a_wax_file_is_sniffed_as_asx(tmp_path):
    p = tmp_path / "radio.wax"
    p.write_bytes(b'\xef\xbb\xbf<asx version="3.0"><entry><ref href="http://x/y"/></entry></asx>')
    assert read_playlist(p).format == "asx"


def test_a_folder_or_a_cue_sheet_given_as_a_playlist_says_what_to_do(db, tmp_path):
    folder = tmp_path / "Albums"
    folder.mkdir()
    cue = tmp_path / "album.cue"
    cue.write_text('FILE "album.flac" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n', encoding="utf-8")
    with pytest.raises(PlaylistError, match="this is a folder, not a playlist"):
        read_playlist(folder)
    steps = list(iter_import_playlists(db, [str(folder), str(cue)], known_extensions_only=True))
    assert "this is a folder, not a playlist" in steps[0].error
    assert "add the folder to the library" in steps[0].error
    assert "a CUE sheet lists the tracks of one album file" in steps[1].error
    assert "add its folder to the library" in steps[1].error
