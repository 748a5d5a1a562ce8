"""Write, read back and match: every format, absolute and relative, with names players trip over."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest

from companion.core.playlists.imports import import_playlist
from companion.core.playlists.locations import path_to_uri, uri_to_path
from companion.core.playlists.match import local_candidates
from companion.core.playlists.model import PlaylistError, Track
from companion.core.playlists.readers import read_playlist
from companion.core.playlists.writers import write_playlist
from tests.core.importers.library import add_item

ODD_NAMES = [
    "plain.mp3",
    "日本語 の 歌.flac",
    "Ελληνικά 🎵.opus",
    "#starts with hash.mp3",
    "100% pure.mp3",
    'a&b<c>"quoted".ogg',
    "semi;colon?question.mp3",
    "tab\there.mp3",
    "new\nline.mp3",
    " leading space.mp3",
    "trailing space .mp3",
    "file%20looks%20encoded.mp3",
    "back\\slash.mp3",
    "emoji 👩‍👩‍👧.m4a",
    "=equals=.mp3",
    "[brackets] (and) {braces}.mp3",
    "colon: here.mp3",
]
if os.name != "nt":
    ODD_NAMES.append(os.fsdecode(b"latin1 caf\xe9.mp3"))  # a name that is not UTF-8
FORMATS = ["m3u8", "m3u", "pls", "xspf"]


@pytest.fixture
def music(tmp_path):
    folder = tmp_path / "Music" / "Sub dir ü"
    folder.mkdir(parents=True)
    return [str(folder / n) for n in ODD_NAMES]


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_every_path(tmp_path, music, fmt, relative):
    tracks = [
        Track(p, title=f"Tïtle {i}, with comma", artist="Ärtist", album="Al", duration=61.6)
        for i, p in enumerate(music)
    ]
    out = write_playlist(tmp_path / f"mix.{fmt}", tracks, relative=relative, title="Morning mix")
    parsed = read_playlist(out)
    assert parsed.problems == []
    back = [local_candidates(e.location, str(tmp_path), is_uri=fmt == "xspf")[0] for e in parsed.entries]
    assert back == music
    first = parsed.entries[0]
    assert (first.title, first.artist, round(first.duration or 0)) == ("Tïtle 0, with comma", "Ärtist", 62)
    text = out.read_bytes().decode("utf-8")  # always valid UTF-8, whatever the names
    if relative:
        # names no plain line holds (control characters, not UTF-8) or that VLC would read as URI syntax
        # ("#", "?", "%20") fall back to absolute file:// URIs
        odd = ("\n", "\t", "caf", "#", "?", "%20")
        forced = 0 if fmt == "xspf" else sum(1 for n in ODD_NAMES if any(c in n for c in odd))
        assert text.count("/Music/Sub") == forced


@pytest.mark.parametrize("fmt", FORMATS)
def test_import_of_an_export_matches_every_item_by_path(db, tmp_path, music, fmt):
    ids = [add_item(db, p, title=f"T{i}") for i, p in enumerate(music)]
    out = write_playlist(tmp_path / f"x.{fmt}", [Track(p) for p in music], relative=True)
    report = import_playlist(db, out)
    assert (report.entries, report.matched, report.unmatched) == (len(music), len(music), 0)
    assert [m.item_id for m in report.matches] == ids
    assert {m.matched_by for m in report.matches} == {"path"}


def test_m3u_layout(tmp_path):
    out = write_playlist(
        tmp_path / "a.m3u",
        [Track("/m/a.mp3", title="Song", artist="Band", duration=200.4), Track("/m/b.mp3")],
    )
    assert out.read_text(encoding="utf-8") == (
        "#EXTM3U\n#EXTINF:200,Band - Song\n/m/a.mp3\n#EXTINF:-1,b\n/m/b.mp3\n"
    )


def test_pls_and_xspf_layout(tmp_path):
    pls = write_playlist(tmp_path / "a.pls", [Track("/m/a b.mp3", title="S", artist="B", duration=3)])
    assert pls.read_text(encoding="utf-8") == (
        "[playlist]\nFile1=/m/a b.mp3\nTitle1=B - S\nLength1=3\nNumberOfEntries=1\nVersion=2\n"
    )
    xspf = write_playlist(
        tmp_path / "a.xspf", [Track("/m/a b#1.mp3", title="S\x01", artist="B", duration=3)], title="Mix"
    )
    root = ET.parse(xspf).getroot()
    ns = {"x": "http://xspf.org/ns/0/"}
    assert root.find("x:title", ns).text == "Mix"
    assert root.find("x:trackList/x:track/x:location", ns).text == "file:///m/a%20b%231.mp3"
    assert root.find("x:trackList/x:track/x:title", ns).text == "S\ufffd"  # no control characters in XML
    assert root.find("x:trackList/x:track/x:duration", ns).text == "3000"


def test_windows_paths(tmp_path):
    tracks = [Track(r"C:\Music\Ünï #1.mp3"), Track(r"\\nas\share\a b.mp3")]
    assert path_to_uri(tracks[0].path) == "file:///C:/Music/%C3%9Cn%C3%AF%20%231.mp3"
    assert path_to_uri(tracks[1].path) == "file://nas/share/a%20b.mp3"
    assert uri_to_path("file:///C:/Music/%C3%9Cn%C3%AF%20%231.mp3") == "C:/Music/Ünï #1.mp3"
    assert uri_to_path("file://nas/share/a%20b.mp3") == r"\\nas\share\a b.mp3"
    m3u = write_playlist(tmp_path / "w.m3u8", tracks + [Track(r"D:\Müsic\a b.mp3")])
    assert m3u.read_text(encoding="utf-8").splitlines()[2::2] == [
        "file:///C:/Music/%C3%9Cn%C3%AF%20%231.mp3",
        r"\\nas\share\a b.mp3",
        r"D:\Müsic\a b.mp3",
    ]


def test_unknown_extension_and_unwritable_target(tmp_path):
    with pytest.raises(PlaylistError, match=r"unknown playlist type '\.txt'"):
        write_playlist(tmp_path / "a.txt", [])
    with pytest.raises(PlaylistError, match="does not exist"):
        write_playlist(tmp_path / "no" / "a.m3u", [])
    (tmp_path / "dir.m3u").mkdir()
    with pytest.raises(PlaylistError, match="is a folder"):
        write_playlist(tmp_path / "dir.m3u", [])


def test_relative_names_that_look_like_uri_schemes(tmp_path):
    track = Track(str(tmp_path / "a:b.mp3"))
    out = write_playlist(tmp_path / "x.m3u8", [track], relative=True)
    assert out.read_text(encoding="utf-8").splitlines()[-1] == "./a:b.mp3"
    for line in ("./a:b.mp3", "a:b.mp3"):
        assert local_candidates(line, str(tmp_path)) == [track.path]
    assert local_candidates("rtsp://host/x", str(tmp_path)) == []
