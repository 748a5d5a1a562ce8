import json

import pytest

from companion.commands import playlist
from tests.commands.direct import run_command
from tests.core.importers.library import add_item


def test_playlist_import_and_list(db, run_cli, tmp_path):
    song = tmp_path / "Müsic" / "a song.mp3"
    item = add_item(db, str(song), artist="Band", title="Song")
    m3u = tmp_path / "mine.m3u8"
    m3u.write_text(f"#EXTM3U\n#EXTINF:10,Band - Song\n{song}\n{'../' * 30}etc/passwd\n", encoding="utf-8")
    pls = tmp_path / "radio.pls"
    pls.write_text("[playlist]\nFile1=http://radio.example/stream\nLength1=-1\n", encoding="utf-8")
    code, out, err = run_cli("playlist", "import", "--json", str(m3u), str(pls))
    assert (code, err) == (0, "")
    got = json.loads(out)
    assert [(r["path"], r["entries"], r["matched"], r["unmatched"]) for r in got] == [
        (str(m3u), 2, 1, 1),
        (str(pls), 1, 0, 1),
    ]
    assert got[0]["not_matched"] == ["line 4: not in your library: /etc/passwd"]
    code, out, err = run_cli("playlist", "import", str(m3u))
    assert code == 0
    assert out.splitlines() == [
        f"{m3u}: 2 entries, 1 matched, 1 unmatched",
        "    line 4: not in your library: /etc/passwd",
    ]
    code, out, err = run_cli("playlist", "list", "--json")
    listed = json.loads(out)
    assert [(p["name"], p["format"], p["entries"], p["matched"]) for p in listed] == [
        ("mine", "m3u8", 2, 1),
        ("radio", "pls", 1, 0),
    ]
    code, out, err = run_cli("playlist", "list")
    assert code == 0 and "mine  (m3u8, 1/2 in your library)" in out
    matched = db.execute("SELECT item_id FROM playlist_entries WHERE item_id IS NOT NULL").fetchall()
    assert matched[0][0] == item


def test_bad_playlist_files_get_one_line_and_the_rest_still_imports(run_cli, tmp_path):
    junk = tmp_path / "junk.m3u"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    good = tmp_path / "good.m3u"
    good.write_text("/nowhere.mp3\n", encoding="utf-8")
    code, out, err = run_cli("playlist", "import", str(junk), str(tmp_path / "missing.xspf"), str(good))
    assert code == 1
    assert err.splitlines() == [
        f"companion: {junk}: binary data, not a playlist",
        f"companion: {tmp_path / 'missing.xspf'}: not a file",
    ]
    assert f"{good}: 1 entries, 0 matched, 1 unmatched" in out
    assert "Traceback" not in err


def test_playlist_needs_an_action(run_cli, capsys):
    with pytest.raises(SystemExit) as e:
        run_cli("playlist")
    assert e.value.code == 2 and len(capsys.readouterr().err.strip().splitlines()) == 1
    code, out, err = run_cli("playlist", "list")
    assert code == 0 and "no playlists yet" in out


def test_a_file_that_is_not_a_playlist_is_refused_not_imported(db, run_cli, tmp_path):
    """QA B5.2: a JSON file was imported as an M3U with one junk entry."""
    junk = tmp_path / "broken.json"
    junk.write_text('{"broken": [1,2,', encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("remember the milk\ncall the bank\n", encoding="utf-8")
    listing = tmp_path / "songs.txt"  # a bare list of paths is an M3U, whatever its name
    listing.write_text(f"{tmp_path / 'a.mp3'}\n{tmp_path / 'b.flac'}\n", encoding="utf-8")
    code, out, err = run_cli("playlist", "import", str(junk), str(notes), str(listing))
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [
        f"companion: {junk}: not a playlist (no #EXTM3U header, and its lines are not file paths)",
        f"companion: {notes}: not a playlist (no #EXTM3U header, and its lines are not file paths)",
    ]
    assert out.splitlines()[0] == f"{listing}: 2 entries, 0 matched, 2 unmatched"
    code, out, _err = run_cli("playlist", "list", "--json")
    assert [p["name"] for p in json.loads(out)] == ["songs"]


# --- the command's module on its own (tests/commands/direct.py)


def test_the_playlist_module_lists_none_then_imports_one(profile, scanned, tmp_path):
    assert run_command(playlist, profile, "list")[1].startswith("no playlists yet")
    m3u = tmp_path / "Road.m3u8"
    m3u.write_text(f"#EXTM3U\n{scanned}/Band/Album/02 Song 1.flac\n", encoding="utf-8")
    code, out, _ = run_command(playlist, profile, "import", str(m3u))
    assert code == 0 and "Road" in out
    assert "Road" in run_command(playlist, profile, "list")[1]
