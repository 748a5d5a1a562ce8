from benchmarks.eval.history_replay import replay_history, sessions_of
from benchmarks.eval.music_baselines import MostPlayed, RandomMix
from companion.core.db import open_profile_db
from companion.core.events.record import record_event

DAY = 86400.0
T0 = 1_700_000_000.0


def _library(db, n=60):
    with db:
        db.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at) VALUES (?, 'music', 0, 0)",
            [(f"/m/{i}.mp3",) for i in range(n)],
        )
    return [r[0] for r in db.execute("SELECT id FROM items ORDER BY id")]


def _session(db, start, items, kind="play"):
    for k, item in enumerate(items):
        record_event(db, item, kind, ts=start + 200 * k, tz_offset_min=0, source="import:lastfm")


def test_sessions_split_on_gaps(db):
    ids = _library(db, 10)
    _session(db, T0, ids[:3])
    _session(db, T0 + 3600, ids[3:5])
    record_event(db, ids[9], "skip", ts=T0 + 3600 + 1000, tz_offset_min=0)
    s = sessions_of(db)
    assert [len(x.items) for x in s] == [3, 2] and s[1].start == T0 + 3600


def test_replay_scores_a_habit_only_the_habit_aware_source_finds(profile, tmp_path):
    db = open_profile_db(profile)
    ids = _library(db, 200)
    habit = ids[:5]
    for d in range(12):  # the same five tracks every day
        _session(db, T0 + d * DAY, habit)
    db.close()
    scores = replay_history(profile, [MostPlayed(seed=1), RandomMix(seed=1)], tmp_path, last=3)
    assert scores.sessions == 3
    assert scores.recall["most played"] == [1.0, 1.0, 1.0]
    assert sum(scores.recall["random"]) < 3.0
    db = open_profile_db(profile)  # the person's own profile was only read
    try:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 60
    finally:
        db.close()


def test_replay_of_an_imported_lastfm_export(profile, tmp_path):
    """The documented route: a Last.fm CSV through the history importer, then the replay."""
    from companion.core.importers.run import import_history

    db = open_profile_db(profile)
    with db:
        db.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at, artist, title, album, duration)"
            " VALUES (?, 'music', 0, 0, ?, ?, 'Album', 200)",
            [(f"/m/{i}.mp3", f"Artist {i % 7}", f"Song {i}") for i in range(40)],
        )
    lines = ["uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid"]
    for d in range(10):
        for k in range(4):
            lines.append(f"{int(T0 + d * DAY + k * 240)},,Artist {k % 7},,Album,,Song {k},")
    export = tmp_path / "scrobbles.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = import_history(db, [export])
    db.close()
    assert summary.matched == 40
    scores = replay_history(profile, [MostPlayed(seed=1)], tmp_path, last=2)
    assert scores.sessions == 2 and scores.recall["most played"] == [1.0, 1.0]


def test_scores_say_the_album_habit_and_the_ratios(profile, tmp_path):
    from benchmarks.eval.history_replay import HistoryScores

    db = open_profile_db(profile)
    with db:
        db.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at, artist, album, track_no) VALUES (?, 'music', 0, 0, ?, ?, ?)",
            [(f"/m/{a}/{t}.mp3", "A", f"Album {a}", t + 1) for a in range(4) for t in range(6)],
        )
    ids = [r[0] for r in db.execute("SELECT id FROM items ORDER BY id")]
    for d in range(12):  # one album through, in order, every day
        _session(db, T0 + d * DAY, ids[6 * (d % 4) : 6 * (d % 4) + 6])
    db.close()
    scores = replay_history(profile, [MostPlayed(seed=1), RandomMix(seed=1)], tmp_path, last=3)
    assert scores.album_share == 1.0 and scores.album_listener
    assert scores.best_baseline("random") == "most played"
    fixed = HistoryScores(recall={"engine": [0.3, 0.1], "a": [0.1, 0.1], "b": [0.2, 0.0]})
    assert fixed.mean_recall("engine") == 0.2 and round(fixed.ratio("engine", "a"), 6) == 2.0
    assert fixed.best_baseline() in ("a", "b") and fixed.ratio("engine", "missing") is None
