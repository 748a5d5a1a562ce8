import json

from companion.commands import import_history
from tests.commands.direct import run_command
from tests.core.importers.library import add_item

HEADER = "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"


def test_import_history_json_summary_and_second_run(db, run_cli, tmp_path):
    add_item(db, "/m/a.mp3", artist="Band", title="Song")
    f = tmp_path / "scrobbles.csv"
    f.write_text(HEADER + "1700000000,,Band,,,,Song,\n1700000400,,Band,,,,Unknown,\n", encoding="utf-8")
    sp = tmp_path / "StreamingHistory0.json"
    sp.write_text(
        json.dumps(
            [{"endTime": "2023-11-14 22:20", "artistName": "Band", "trackName": "Song", "msPlayed": 4000}]
        ),
        encoding="utf-8",
    )
    code, out, err = run_cli("import-history", "--json", str(f), str(sp))
    assert (code, err) == (0, "")
    s = json.loads(out)
    assert {k: s[k] for k in ("read", "matched", "unmatched", "duplicates")} == {
        "read": 3,
        "matched": 2,
        "unmatched": 1,
        "duplicates": 0,
    }
    assert [(x["path"], x["service"], x["matched"]) for x in s["files"]] == [
        (str(f), "lastfm", 1),
        (str(sp), "spotify", 1),
    ]
    assert s["top_unmatched"] == [{"kind": "music", "name": "Band", "entries": 1}]
    code, out, err = run_cli("import-history", str(f), str(sp))
    assert code == 0
    assert out.splitlines() == [
        f"{f} (lastfm): read 2, matched 0, unmatched 0, duplicates 2",
        f"{sp} (spotify): read 1, matched 0, unmatched 0, duplicates 1",
        "total: read 3, matched 0, unmatched 0, duplicates 3",
    ]
    types = [r[0] for r in db.execute("SELECT type FROM events ORDER BY ts")]
    assert types == ["play", "skip"]


def test_import_history_bad_file_is_one_line(run_cli, tmp_path):
    bad = tmp_path / "ViewingActivity.csv"
    bad.write_text(
        "Profile Name,Start Time,Duration,Attributes,Title\nMe,2023-01-01 10:00:00,soon,,Film\n",
        encoding="utf-8",
    )
    junk = tmp_path / "notes.txt"
    junk.write_text("just some notes\n", encoding="utf-8")
    code, out, err = run_cli("import-history", str(bad), str(junk))
    assert code == 1
    assert err.splitlines() == [
        f"companion: {bad}: line 2: bad duration 'soon' (expected HH:MM:SS)",
        f"companion: {junk}: not a known history format (expected Last.fm (scrobbles CSV), ListenBrainz"
        " (JSON or JSON lines), Netflix (ViewingActivity.csv or NetflixViewingHistory.csv), Spotify"
        " (StreamingHistory*.json, Streaming_History_Audio_*.json or endsong_*.json); line 1 is 'just some notes')",
    ]
    assert "Traceback" not in err


def test_an_empty_export_and_a_time_to_come_are_said(run_cli, tmp_path):
    """QA session 2, B11: '[]' printed nothing; a uts of year 5138 was taken as a play."""
    empty = tmp_path / "StreamingHistory3.json"
    empty.write_text("[]", encoding="utf-8")
    future = tmp_path / "scrobbles.csv"
    future.write_text(HEADER + "99999999999999999999,,A,,,,B,\n", encoding="utf-8")
    code, out, err = run_cli("import-history", str(empty), str(future))
    assert code == 1
    assert f"{empty}: no listening records in it (an empty export)" in out.splitlines()
    assert err.splitlines() == [f"companion: {future}: line 2: time '99999999999999999999' is in the future"]


def test_import_history_says_what_counts_by_artist(db, run_cli, tmp_path):
    add_item(db, "/m/other.mp3", artist="The Cure", title="A Forest", album="Seventeen Seconds")
    f = tmp_path / "scrobbles.csv"
    rows = [f'{1700000000 + 300 * k},,"Cure, The",,Faith,,Primary {k},' for k in range(3)]
    rows += ["1700009000,,Nobody Known,,X,,Y,"]
    f.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run_cli("import-history", "--json", str(f))
    assert (code, err) == (0, "")
    s = json.loads(out)
    assert (s["plays_counted"], s["artists_learned"], s["matched"], s["unmatched"]) == (3, 1, 0, 4)
    assert (s["files"][0]["plays_counted"], s["files"][0]["artists_learned"]) == (3, 1)
    db.execute("DELETE FROM import_unmatched")
    db.commit()
    code, out, _ = run_cli("import-history", str(f))
    assert code == 0
    assert out.splitlines()[1] == (
        "    0 of 4 plays matched a file; 3 plays by 1 artist in your library now shape your home;"
        " 1 play is by artists you don't have"
    )


# --- the command's module on its own (tests/commands/direct.py)


def test_the_import_module_imports_a_file_and_refuses_what_is_not_one(profile, scanned, tmp_path):
    csv = tmp_path / "scrobbles.csv"
    csv.write_text("uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
                   "1600000000,,Band,,Album,,Song 1,\n1600000300,,Nobody,,,,Nothing,\n", encoding="utf-8")  # fmt: skip
    code, out, err = run_command(import_history, profile, str(csv))
    assert code == 0 and "read 2, matched 1, unmatched 1" in out and "Nobody (1)" in out, out + err
    code, _, err = run_command(import_history, profile, str(tmp_path / "none.csv"))
    assert code == 1 and err == f"companion: {tmp_path / 'none.csv'}: not a file\n"
