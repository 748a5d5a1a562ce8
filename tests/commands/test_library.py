"""``companion library``: the JSON list other tools read, with listening facts, and a readable table."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from companion.commands import library
from companion.core.events.record import record_event
from companion.core.media import synth
from tests.commands.direct import run_command


def _setup(tmp_path, run_cli):
    root = tmp_path / "lib"
    src = tmp_path / "src.mp3"
    synth.write_audio(src, synth.tone(0.3))
    song = root / "Music" / "Band" / "LP (1977)" / "01 First.mp3"
    song.parent.mkdir(parents=True)
    shutil.copyfile(src, song)
    synth.write_tags(
        song, {"title": "First", "artist": "Band", "album": "LP", "genre": ["Rock", "Prog"], "date": "1977"}
    )
    from mutagen.id3 import ID3, POPM

    tags = ID3(song)
    tags.add(POPM(email="Windows Media Player 9 Series", rating=196, count=12))
    tags.save(song)
    ep = root / "TV" / "Show" / "Season 01" / "Show S01E02.mkv"
    synth.write_video(ep, seconds=0.5, size=(32, 32), with_audio=False)
    assert run_cli("scan", str(root))[0] == 0
    return song, ep


def test_library_json_fields(tmp_path, run_cli, profile):
    song, ep = _setup(tmp_path, run_cli)
    code, out, _ = run_cli("library", "--json")
    items = {i["path"]: i for i in json.loads(out)}
    s, e = items[str(song)], items[str(ep)]
    for key in (
        "path",
        "kind",
        "title",
        "artist",
        "album",
        "genre",
        "year",
        "duration",
        "rating",
        "play_count",
        "skip_count",
        "last_played",
        "liked",
        "tag_play_count",
        "status",
    ):
        assert key in s
    assert (s["kind"], s["title"], s["artist"], s["album"], s["genre"], s["year"]) == (
        "music",
        "First",
        "Band",
        "LP",
        "Rock",
        1977,
    )
    assert (s["rating"], s["tag_play_count"], s["play_count"], s["last_played"]) == (4.0, 12, 0, None)
    assert (e["kind"], e["show"], e["season"], e["episode"]) == ("video", "Show", 1, 2)
    code, out, _ = run_cli("library", "--kind", "video", "--json")
    assert [i["path"] for i in json.loads(out)] == [str(ep)]


def test_library_counts_events_and_prefers_the_persons_rating(tmp_path, run_cli, profile, db):
    song, _ = _setup(tmp_path, run_cli)
    item_id = db.execute("SELECT id FROM items WHERE kind = 'music'").fetchone()[0]
    record_event(db, item_id, "play", ts=1_700_000_000)
    record_event(db, item_id, "completed", ts=1_700_000_500)
    record_event(db, item_id, "skip", ts=1_700_000_900)
    with db:
        db.execute("INSERT INTO ratings(item_id, stars, liked, updated_at) VALUES (?, 2.5, 1, 0)", (item_id,))
    code, out, _ = run_cli("library", "--kind", "music", "--json")
    (s,) = json.loads(out)
    assert (s["play_count"], s["skip_count"], s["rating"], s["liked"]) == (2, 1, 2.5, True)
    assert s["last_played"] == "2023-11-14T22:21:40Z"


def test_library_includes_audio_features_when_analysed(tmp_path, run_cli, db):
    _setup(tmp_path, run_cli)
    has_table = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'audio_features'").fetchone()
    if not has_table:  # before the analysis migration exists, make the table its contract describes
        db.execute(
            "CREATE TABLE audio_features(item_id INTEGER PRIMARY KEY, version INTEGER, analysed_at REAL,"
            " error TEXT, bpm REAL, key TEXT, mode TEXT, energy REAL, mood TEXT, vector BLOB)"
        )
    item_id = db.execute("SELECT id FROM items WHERE kind = 'music'").fetchone()[0]
    with db:
        db.execute(
            "INSERT INTO audio_features(item_id, version, analysed_at, error, bpm, key, mode, energy, mood,"
            " vector) VALUES (?, 1, 0, NULL, 128.0, 'A', 'minor', 0.8, 'energetic', x'00')",
            (item_id,),
        )
    code, out, _ = run_cli("library", "--kind", "music", "--json")
    (s,) = json.loads(out)
    assert (s["bpm"], s["key"], s["mode"], s["energy"], s["mood"]) == (128.0, "A", "minor", 0.8, "energetic")
    assert "vector" not in s and s["duration"] > 0


def test_library_table_and_failures(tmp_path, run_cli, capsys):
    _setup(tmp_path, run_cli)
    (tmp_path / "lib" / "Music" / "bad.flac").write_bytes(b"nope")
    run_cli("scan")
    code, out, _ = run_cli("library")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("kind") and lines[-1] == "2 items"
    assert any("First" in line and "Band" in line for line in lines)
    code, out, _ = run_cli("library", "--failures", "--json")
    assert [f["path"].endswith("bad.flac") for f in json.loads(out)] == [True]
    with pytest.raises(SystemExit) as exit_info:
        run_cli("library", "--kind", "books")
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and len(err.strip().splitlines()) == 1 and "books" in err


def test_library_json_shows_every_file_or_why_not(run_cli, tmp_path):
    from companion.core.media import synth

    folder = tmp_path / "lib"
    good = synth.write_audio(folder / "good.flac", synth.tone(1.0))
    (folder / "broken.mp3").write_bytes(b"\x00" * 4096)
    (folder / "empty.ogg").write_bytes(b"")
    assert run_cli("scan", str(folder))[0] == 0
    code, out, err = run_cli("library", "--json")
    assert code == 0, err
    entries = {Path(e["path"]).name: e for e in json.loads(out)}
    assert set(entries) == {"good.flac", "broken.mp3", "empty.ogg"}
    assert entries[good.name]["status"] == "ok"
    for name in ("broken.mp3", "empty.ogg"):
        assert (
            entries[name]["status"] == "failed"
            and entries[name]["error"]
            and entries[name]["kind"] == "music"
        )
    code, out, _ = run_cli("library", "--json", "--kind", "video")
    assert json.loads(out) == []


# --- the command's module on its own (tests/commands/direct.py)


def test_the_library_module_lists_the_album_in_order(profile, scanned):
    code, out, _ = run_command(library, profile)
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["kind", "artist", "/"] and lines[-1] == "3 items"
    assert [line.split()[3:5] for line in lines[1:4]] == [["Song", "0"], ["Song", "1"], ["Song", "2"]]
    items = json.loads(run_command(library, profile, "--json")[1])
    assert [i["title"] for i in items] == ["Song 0", "Song 1", "Song 2"]
    assert run_command(library, profile, "--kind", "video")[1].strip().endswith("0 items")
