"""Playlists as other players write them, and hostile ones: read, matched, reported, nothing opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.importers.detect import parse_history
from companion.core.importers.model import HistoryFormatError
from companion.core.importers.source import SourceFile, decode_text
from companion.core.playlists import readers
from companion.core.playlists.imports import import_playlist
from companion.core.playlists.model import PlaylistError
from companion.core.playlists.readers import parse_bytes, read_playlist
from tests.core.importers.library import add_item


@pytest.fixture
def lib(db, tmp_path):
    music = tmp_path / "Music"
    return {
        "aimer": add_item(
            db,
            str(music / "Aimer" / "春はゆく - marie" / "01 - 春はゆく.flac"),
            artist="Aimer",
            title="春はゆく",
        ),
        "elaiza": add_item(db, "/home/me/Muzyka/Eurowizja 2014/Elaiza - Is It Right.mp3"),
        "halo": add_item(db, str(music / "halo.mp3"), artist="Beyoncé", title="Halo", album="I Am"),
        "other": add_item(db, str(music / "Other" / "01 - Intro.mp3")),
        "other2": add_item(db, str(music / "Else" / "01 - Intro.mp3")),
        "caf": add_item(db, str(music / "café.mp3")),
    }


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_m3u_without_header_with_vlc_options_and_percent_encoded_relative_path(db, lib, tmp_path):
    p = write(
        tmp_path,
        "vlc.m3u",
        "#EXTINF:304,Aimer - 春はゆく\n#EXTVLCOPT:network-caching=1000\n"
        "#EXTGRP:x\n"
        "Music/Aimer/%E6%98%A5%E3%81%AF%E3%82%86%E3%81%8F%20-%20marie/01%20-%20%E6%98%A5%E3%81%AF%E3%82"
        "%86%E3%81%8F.flac",
    )  # no trailing newline, as VLC writes it
    report = import_playlist(db, p)
    assert (report.entries, report.matched) == (1, 1)
    assert (report.matches[0].item_id, report.matches[0].matched_by) == (lib["aimer"], "path")
    assert report.matches[0].entry.duration == 304


def test_windows_paths_match_by_their_last_folders_crlf_and_bom(db, lib, tmp_path):
    p = write(
        tmp_path,
        "win.m3u8",
        "\ufeff#EXTM3U\r\n"
        "D:\\Muzyka\\Eurowizja\\Eurowizja 2014\\Elaiza - Is It Right.mp3"
        "\r\nC:\\Stuff\\01 - Intro.mp3\r\nfile:///E:/Music/Other/01%20-%20Intro.mp3\r\n",
    )
    report = import_playlist(db, p)
    got = [(m.item_id, m.matched_by) for m in report.matches]
    assert got[0] == (lib["elaiza"], "folders")
    assert got[1] == (None, None)  # "01 - Intro.mp3" is in two folders: not a guess
    assert got[2] == (lib["other"], "folders")
    assert report.matches[1].problem.startswith("not in your library: C:\\Stuff\\01 - Intro.mp3")


def test_entries_match_by_tags_when_the_path_is_unknown(db, lib, tmp_path):
    p = write(tmp_path, "tags.m3u", "#EXTM3U\n#EXTINF:261,BEYONCE - Halo (feat. Nobody)\n/elsewhere/x.mp3\n")
    report = import_playlist(db, p)
    assert [(m.item_id, m.matched_by) for m in report.matches] == [(lib["halo"], "tags")]


def test_legacy_encoded_m3u(db, lib, tmp_path):
    p = write(tmp_path, "old.m3u", "#EXTINF:1,Caf\xe9\nMusic/caf\xe9.mp3\n".encode("cp1252"))
    parsed = read_playlist(p)
    assert parsed.entries[0].title == "Café"
    # the bytes are tried as a POSIX name first, then as Windows-1252 text
    report = import_playlist(db, p)
    assert [(m.item_id, m.matched_by) for m in report.matches] == [(lib["caf"], "path")]


def test_pls_with_broken_length_lines(db, lib, tmp_path):
    halo = str(tmp_path / "Music" / "halo.mp3")
    p = write(
        tmp_path,
        "b.pls",
        f"[playlist]\nnumberofentries=3\nFile1={halo}\nTitle1=Beyoncé - Halo\n"
        "Length1=-1\n"
        "File2=http://radio.example:8000\nTitle2=(#2) Radio\nLength1=-1\nLength2=abc\nnonsense line\n"
        "File3=Music/café.mp3\nLength3=\nVersion=2\n",
    )
    parsed = read_playlist(p)
    assert [e.location for e in parsed.entries] == [halo, "http://radio.example:8000", "Music/café.mp3"]
    assert parsed.entries[0].artist == "Beyoncé" and parsed.entries[1].duration is None
    assert parsed.problems == ["line 10: not a 'key=value' line, skipped"]
    report = import_playlist(db, p)
    assert [m.item_id for m in report.matches] == [lib["halo"], None, lib["caf"]]
    assert report.matches[1].problem == "a stream or web address: http://radio.example:8000"


def test_xspf_and_wpl(db, lib, tmp_path):
    xspf = write(
        tmp_path,
        "a.xspf",
        '<?xml version="1.0"?><playlist version="1" xmlns="http://xspf.org/ns/0/">'
        "<title>X</title><trackList><track><location>Music/caf%C3%A9.mp3</location></track>"
        "<track><title>Halo</title><creator>Beyonce</creator></track>"
        "<track><location>http://x/y.mp3</location><title>Halo</title><creator>Beyoncé</creator>"
        "</track></trackList></playlist>",
    )
    report = import_playlist(db, xspf)
    assert report.name == "X" and report.problems == ["track 2: no <location>, skipped"]
    assert [(m.item_id, m.matched_by) for m in report.matches] == [
        (lib["caf"], "path"),
        (lib["halo"], "tags"),
    ]
    wpl = write(
        tmp_path,
        "g.wpl",
        '<?wpl version="1.0"?><smil><head><title>Groove</title></head><body><seq>'
        '<media src="..\\Music\\halo.mp3" trackTitle="Halo" trackArtist="Beyoncé" duration="261000"/>'
        '<media src="D:\\nowhere\\x.mp3"/><media/></seq></body></smil>',
    )
    report = import_playlist(db, wpl)
    assert report.name == "Groove" and report.problems == ["media 3: no src, skipped"]
    assert [m.item_id for m in report.matches] == [lib["halo"], None]
    assert report.matches[0].entry.duration == 261.0


def test_hostile_entries_are_reported_and_never_opened(db, lib, tmp_path):
    p = write(
        tmp_path,
        "evil.m3u",
        "../../../../../../etc/passwd\n/dev/zero\n/proc/self/environ\n"
        "file:///etc/shadow\nsmb://host/share/x.mp3\n" + "A" * 40000 + "\n",
    )
    report = import_playlist(db, p)
    assert report.matched == 0
    assert [m.problem for m in report.matches] == [
        "not in your library: /etc/passwd",
        "not in your library: /dev/zero",
        "not in your library: /proc/self/environ",
        "not in your library: /etc/shadow",
        "a stream or web address: smb://host/share/x.mp3",
    ]
    assert report.problems == ["line 6: longer than 32768 bytes, skipped"]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary data, not a playlist"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><playlist>&a;</playlist>',
            "document type declaration is not accepted",
        ),
        (b"<playlist><trackList><track>", "not valid XML at line 1, column 29"),
        (b'<?xml version="1.0" encoding="UF-8"?><playlist/>', "XML in an unknown text encoding"),
        (b"<html><body>hi</body></html>", r"not an XSPF playlist \(root element <html>\)"),
    ],
)
def test_files_that_are_not_playlists(tmp_path, data, message):
    p = write(tmp_path, "junk.m3u", data)
    with pytest.raises(PlaylistError, match=message) as e:
        read_playlist(p)
    assert str(e.value).startswith(str(p)) and "\n" not in str(e.value)


def test_devices_folders_and_enormous_files_are_refused(tmp_path, monkeypatch):
    with pytest.raises(PlaylistError, match="not a file"):
        read_playlist("/dev/zero")
    with pytest.raises(PlaylistError, match="this is a folder, not a playlist"):  # says so (issue 16)
        read_playlist(tmp_path)
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    with pytest.raises(PlaylistError, match="too large"):
        read_playlist(write(tmp_path, "big.m3u", "/x.mp3\n" * 1000))


def test_utf16_playlist(tmp_path):
    p = write(tmp_path, "u.m3u", "#EXTM3U\r\n#EXTINF:5,Bänd - Söng\r\nC:\\Müsic\\a.mp3\r\n".encode("utf-16"))
    parsed = read_playlist(p)
    assert [(e.location, e.artist, e.title) for e in parsed.entries] == [("C:\\Müsic\\a.mp3", "Bänd", "Söng")]


def test_reimport_replaces_the_saved_playlist(db, lib, tmp_path):
    from companion.core.playlists.repo import list_playlists, playlist_item_ids, playlist_weights

    halo = str(tmp_path / "Music" / "halo.mp3")
    p = write(tmp_path, "mine.m3u8", f"#EXTM3U\n#PLAYLIST:Mine\n{halo}\n/nope.mp3\n")
    first = import_playlist(db, p)
    write(tmp_path, "mine.m3u8", f"{halo}\nMusic/café.mp3\n{halo}\n")
    second = import_playlist(db, p)
    assert first.playlist_id == second.playlist_id
    [saved] = list_playlists(db)
    assert (saved.name, saved.entries, saved.matched, saved.format) == ("mine", 3, 3, "m3u8")
    assert playlist_item_ids(db, saved.id) == [lib["halo"], lib["caf"], lib["halo"]]
    assert playlist_weights(db) == {lib["halo"]: 1, lib["caf"]: 1}


def test_entries_match_later_when_their_files_are_added(db, lib, tmp_path):
    from companion.core.playlists.imports import rematch_playlists
    from companion.core.playlists.repo import list_playlists

    p = write(
        tmp_path,
        "later.xspf",
        '<playlist xmlns="http://xspf.org/ns/0/"><trackList>'
        "<track><location>New/s%C3%B6ng.mp3</location></track>"
        "<track><location>http://radio/x</location></track></trackList></playlist>",
    )
    report = import_playlist(db, p)
    assert report.matched == 0
    assert rematch_playlists(db) == 0
    added = add_item(db, str(tmp_path / "New" / "söng.mp3"))
    assert rematch_playlists(db) == 1
    [saved] = list_playlists(db)
    assert (saved.matched, saved.entries) == (1, 2)
    assert db.execute(
        "SELECT item_id, matched_by, problem FROM playlist_entries WHERE position = 0"
    ).fetchone()[:] == (added, "path", None)


def test_entry_limits_in_every_format(tmp_path, monkeypatch):
    from companion.core.playlists import read_text, read_xml

    monkeypatch.setattr(read_text, "MAX_ENTRIES", 3)
    monkeypatch.setattr(read_xml, "MAX_ENTRIES", 3)
    m3u = read_playlist(write(tmp_path, "a.m3u", "".join(f"/{i}.mp3\n" for i in range(5))))
    pls = read_playlist(
        write(tmp_path, "a.pls", "[playlist]\n" + "".join(f"File{i}=/{i}.mp3\n" for i in range(5)))
    )
    xspf = read_playlist(
        write(
            tmp_path,
            "a.xspf",
            "<playlist><trackList>"
            + "".join(f"<track><location>/{i}.mp3</location></track>" for i in range(5))
            + "</trackList></playlist>",
        )
    )
    wpl = read_playlist(
        write(
            tmp_path,
            "a.wpl",
            "<smil><body><seq>"
            + "".join(f'<media src="/{i}.mp3"/>' for i in range(5))
            + "</seq></body></smil>",
        )
    )
    for parsed in (m3u, pls, xspf, wpl):
        assert len(parsed.entries) == 3 and "more than 3 entries" in parsed.problems[0]


def test_percent_escapes_beside_bytes_that_are_not_utf8(db, lib, tmp_path):
    p = write(tmp_path, "mixed.m3u", b"Music/caf\xe9%20x.mp3\nfile:///Music/%E9\xff.mp3\n")
    report = import_playlist(db, p)
    assert (report.entries, report.matched, report.problems) == (2, 0, [])


# --- Whatever bytes a playlist or history file holds: a result or one clear error, never a crash.

PREFIXES = [
    b"",
    b"#EXTM3U\n",
    b"[playlist]\n",
    b"<?xml version='1.0'?><playlist><trackList><track>",
    b"<smil><body><seq><media src=",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
HISTORY_PREFIXES = [
    b"",
    b"uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n",
    b'[{"ts":',
    b"Profile Name,Start Time,Duration,Title\n",
    b'{"listened_at": 1, "track_metadata": ',
    b'[{"endTime": "2020-01-01 00:00", "msPlayed": ',
]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(
    st.sampled_from(PREFIXES), st.binary(max_size=400), st.sampled_from(["m3u", "m3u8", "pls", "xspf", "wpl"])
)
def test_playlist_bytes(prefix, body, suffix):
    try:
        parsed = parse_bytes(prefix + body, suffix, "fuzz")
    except PlaylistError as e:
        assert str(e).startswith("fuzz: ") and "\n" not in str(e)
        return
    assert all(isinstance(e.location, str) and e.location for e in parsed.entries)


@FUZZ
@given(st.sampled_from(HISTORY_PREFIXES), st.binary(max_size=400))
def test_history_bytes(prefix, body):
    raw = prefix + body
    try:
        src = SourceFile(path=Path("fuzz"), text=decode_text(raw, "fuzz"), sha256="x")
        parse_history(src)
    except HistoryFormatError as e:
        assert str(e).startswith("fuzz: ") and "\n" not in str(e)
