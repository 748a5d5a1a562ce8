"""Importing is idempotent, keeps unmatched entries for later, keeps local time, reports bad input; an import
killed with SIGKILL keeps what it saved and the next one adds exactly the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from companion.core.db import open_profile_db
from companion.core.importers import run as runner
from companion.core.importers import source
from companion.core.importers.run import import_history, iter_import_history
from companion.core.importers.store import rematch_unmatched, top_unmatched
from tests.core.importers.library import add_item, events
from tests.core.jobs import sigkill

HEADER = "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"


def scrobbles(path, rows):
    path.write_text(HEADER + "".join(f"{t},,{a},,,,{s},\n" for t, a, s in rows), encoding="utf-8")
    return path


def test_the_same_history_twice_adds_nothing(db, tmp_path):
    add_item(db, "/m/a.mp3", artist="A", title="Song")
    rows = [(1700000000 + i * 300, "A", "Song") for i in range(5)] + [(1700000000, "A", "Song")]  # one repeat
    f = scrobbles(tmp_path / "a.csv", rows)
    first = import_history(db, [f])
    assert (first.read, first.matched, first.duplicates) == (6, 5, 1)
    again = import_history(db, [f])
    copy = scrobbles(tmp_path / "copy-with-another-name.csv", list(reversed(rows)))
    third = import_history(db, [copy])
    assert (again.matched, again.duplicates) == (0, 6)
    assert (third.matched, third.duplicates) == (0, 6)
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 5
    assert db.execute("SELECT COUNT(*) FROM import_keys WHERE event_id IS NOT NULL").fetchone()[0] == 5
    assert db.execute("SELECT COUNT(*) FROM import_files").fetchone()[0] == 2


def test_unmatched_entries_wait_for_their_file(db, tmp_path):
    f = scrobbles(tmp_path / "a.csv", [(1700000000, "Later Band", "Later Song"), (1700000300, "X", "Y")])
    s = import_history(db, [f])
    assert (s.matched, s.unmatched) == (0, 2)
    again = import_history(db, [f])
    assert (again.unmatched, again.duplicates) == (0, 2)  # kept once, not twice
    item = add_item(db, "/m/later.mp3", artist="later band", title="Later Song (Remastered)")
    assert rematch_unmatched(db) == 1
    assert [(e["item_id"], e["ts"], e["source"]) for e in events(db)] == [(item, 1700000000, "import:lastfm")]
    assert db.execute("SELECT COUNT(*) FROM import_unmatched").fetchone()[0] == 1
    assert rematch_unmatched(db) == 0
    assert top_unmatched(db) == [{"kind": "music", "name": "X", "entries": 1}]
    # the next import of anything rematches first
    add_item(db, "/m/y.mp3", artist="X", title="Y")
    other = import_history(db, [scrobbles(tmp_path / "b.csv", [])])
    assert other.rematched == 1 and len(events(db)) == 2
    assert import_history(db, [f]).duplicates == 2


def test_local_offset_is_kept_for_each_moment(db, tmp_path, monkeypatch):
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        add_item(db, "/m/a.mp3", artist="A", title="Song")
        winter, summer = 1705312800, 1721037600  # 2024-01-15 and 2024-07-15, 10:00 UTC
        import_history(db, [scrobbles(tmp_path / "a.csv", [(winter, "A", "Song"), (summer, "A", "Song")])])
        assert [(e["ts"], e["tz_offset_min"]) for e in events(db)] == [(winter, 60), (summer, 120)]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_progress_is_a_generator_for_a_worker_thread(db, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 10)
    add_item(db, "/m/a.mp3", artist="A", title="Song")
    f = scrobbles(tmp_path / "a.csv", [(1700000000 + i, "A", "Song") for i in range(35)])
    steps = list(iter_import_history(db, [f, tmp_path / "missing.csv"]))
    assert [(s.done, s.total, s.finished) for s in steps] == [
        (0, 35, False),
        (10, 35, False),
        (20, 35, False),
        (30, 35, False),
        (35, 35, True),
        (0, 0, True),
    ]
    assert [s.summary.matched for s in steps[:5]] == [0, 10, 20, 30, 35]  # each step its own snapshot
    assert steps[4].service == "lastfm"
    assert steps[5].summary.errors == [f"{tmp_path / 'missing.csv'}: not a file"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"\x00\x01\x02binary\xff" * 20, "binary data, not a history export"),
        (b"hello,world\nthis is not,a history\n", "not a known history format"),
        (
            b'[{"listened_at": 1, "track_metadata": {}}',
            "not valid JSON: Expecting ',' delimiter at line 1 column 42",
        ),
        (b'[{"foo": 1}]', "not a known history format (first record has keys foo)"),
        (b"[" * 100000, "JSON nested too deeply"),
    ],
)
def test_bad_files_get_one_line_naming_the_file(db, tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    good = scrobbles(tmp_path / "good.csv", [(1700000000, "A", "Song")])
    s = import_history(db, [bad, good])
    assert len(s.errors) == 1 and s.errors[0].startswith(f"{bad}: ") and message in s.errors[0]
    assert "\n" not in s.errors[0]
    assert s.read == 1 and s.unmatched == 1  # the good file still imported


def test_records_at_fault_are_named_and_the_rest_imports(db, tmp_path):
    add_item(db, "/m/a.mp3", artist="A", title="Song")
    f = tmp_path / "a.csv"
    f.write_text(
        HEADER + "1700000000,,A,,,,Song,\nshort,row\n1700000600,,,,,,,\n1700000900,,A,,,,Song,\n",
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert s.errors == [f"{f}: line 3: expected 8 columns, found 2", f"{f}: line 4: no artist or track name"]
    assert s.matched == 2


def test_wrong_encoding_and_size_limit(db, tmp_path, monkeypatch):
    add_item(db, "/m/a.mp3", artist="Motörhead", title="Ace of Spades")
    f = tmp_path / "latin1.csv"
    f.write_bytes((HEADER + "1700000000,,Motörhead,,,,Ace of Spades,\n").encode("cp1252"))
    assert import_history(db, [f]).matched == 1
    monkeypatch.setattr(source, "MAX_BYTES", 100)
    s = import_history(db, [f])
    assert s.errors and "too large" in s.errors[0]


def test_spotify_records_with_wrong_types(db, tmp_path):
    f = tmp_path / "endsong_0.json"
    f.write_text(
        json.dumps(
            [
                {
                    "ts": "2022-01-01T00:00:00Z",
                    "ms_played": "lots",
                    "master_metadata_track_name": "T",
                    "master_metadata_album_artist_name": "A",
                },
                {
                    "ts": "yesterday",
                    "ms_played": 1000,
                    "master_metadata_track_name": "T",
                    "master_metadata_album_artist_name": "A",
                },
                7,
            ]
        ),
        encoding="utf-8",
    )
    s = import_history(db, [f])
    assert s.errors == [
        f"{f}: record 1: bad milliseconds played 'lots'",
        f"{f}: record 2: unreadable time 'yesterday'",
        f"{f}: record 3: not a streaming record",
    ]
    assert os.path.exists(f)


def test_a_cancelled_import_keeps_what_it_did_and_a_second_run_finishes(db, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 10)
    add_item(db, "/m/a.mp3", artist="A", title="Song")
    f = scrobbles(tmp_path / "a.csv", [(1700000000 + i, "A", "Song") for i in range(35)])
    steps = iter_import_history(db, [f])
    assert next(steps).done == 0
    first = next(steps)
    assert (first.done, first.summary.matched) == (10, 10)
    steps.close()  # the window's cancel button
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 10
    assert not db.in_transaction
    rest = import_history(db, [f])
    assert (rest.matched, rest.duplicates) == (25, 10)
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 35


def test_one_listening_seen_by_two_services_imports_once(db, tmp_path):
    item = add_item(db, "/m/a.mp3", artist="A", title="Song", duration=200.0)
    lastfm = scrobbles(tmp_path / "a.csv", [(1700000000, "A", "Song"), (1700000400, "A", "Song")])
    lb = tmp_path / "listens.jsonl"
    lb.write_text(
        json.dumps({"listened_at": 1700000000, "track_metadata": {"artist_name": "A", "track_name": "Song"}})
        + "\n",
        encoding="utf-8",
    )
    spotify = tmp_path / "endsong_0.json"  # ended 200 s after a start 12 s off Last.fm's second scrobble
    spotify.write_text(
        json.dumps(
            [
                {
                    "ts": "2023-11-14T22:23:32Z",
                    "ms_played": 200000,
                    "master_metadata_track_name": "Song",
                    "master_metadata_album_artist_name": "A",
                    "reason_end": "trackdone",
                }
            ]
        ),
        encoding="utf-8",
    )
    assert import_history(db, [lastfm]).matched == 2
    both = import_history(db, [lb, spotify])
    assert (both.matched, both.duplicates) == (0, 2)
    assert [(e["item_id"], e["source"]) for e in events(db)] == [(item, "import:lastfm")] * 2


def test_top_unmatched_names_what_to_add(db, tmp_path):
    rows = [(1700000000 + i * 300, "Often", f"Song {i}") for i in range(3)] + [
        (1700009000, "once", "x"),
        (1700009300, "OFTEN", "y"),
    ]
    import_history(db, [scrobbles(tmp_path / "a.csv", rows)])
    [top] = top_unmatched(db, limit=1)
    assert (top["kind"], top["name"].lower(), top["entries"]) == ("music", "often", 4)  # case folded


def test_kill_mid_import_then_import_again_adds_exactly_the_rest(profile, tmp_path):
    conn = open_profile_db(profile)
    with conn:
        for i in range(50):
            conn.execute(
                "INSERT INTO items(path, kind, added_at, updated_at, title, artist, album) "
                "VALUES (?, 'music', 1, 1, ?, ?, 'Album')",
                (f"/m/{i}.mp3", f"Song {i}", f"Band {i % 7}"),
            )
    conn.close()
    n = 20_000
    csv = tmp_path / "scrobbles.csv"
    with csv.open("w", encoding="utf-8") as f:
        f.write("uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n")
        for k in range(n):
            i = k % 50
            f.write(f"{1_600_000_000 + k * 300},,Band {i % 7},,Album,,Song {i},\n")
    proc = sigkill.start(profile, "import-history", str(csv))
    saved = sigkill.kill_when(proc, profile.db_path, "SELECT COUNT(*) FROM events", 500, timeout=120)
    conn = sigkill.sound(profile.db_path)
    kept = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert kept >= saved, "every event that was visible as saved is still there"
    conn.close()
    again = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), "import-history", str(csv)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr
    conn = sigkill.sound(profile.db_path)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == n, "no duplicates, nothing missing"
