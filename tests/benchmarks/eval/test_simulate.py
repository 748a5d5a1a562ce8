import json
from datetime import UTC, datetime

import numpy as np

from benchmarks.eval.listener import NEVER_SKIP_BEFORE, HiddenTaste, make_taste
from benchmarks.eval.metrics import share
from benchmarks.eval.music_baselines import MostPlayed
from benchmarks.eval.simlib import Track, generate_library
from benchmarks.eval.simulate import merge, run_simulation, session_times
from companion.core.db import open_profile_db
from companion.core.paths import resolve_profile

MON_8 = datetime(2026, 3, 2, 8, tzinfo=UTC)
SAT_10 = datetime(2026, 3, 7, 10, tzinfo=UTC)


def _track(genre, artist="x", tid=1):
    return Track(tid, genre, artist, "al", 2000, 120.0, "chill", 200.0)


def test_hidden_taste_by_hour_and_weekday():
    t = HiddenTaste()
    assert t.wanted(MON_8) == {"Jazz"}
    assert t.wanted(SAT_10) == {"Folk"}
    assert t.wanted(MON_8.replace(hour=14)) == {"Rock", "Pop"}
    assert t.wanted(MON_8.replace(hour=21)) == {"Electronic"}
    assert t.wanted(MON_8.replace(hour=2)) == {"Electronic"}


def test_reactions_follow_the_hidden_taste():
    t = HiddenTaste(five_star_artists=("star",), disliked_item=99)
    rng = np.random.default_rng(0)
    c = [t.react(_track("Metal"), MON_8, rng) for _ in range(50)]
    assert all(r.position < NEVER_SKIP_BEFORE and r.end_reason == "next" for r in c)
    fitting = [t.react(_track("Jazz"), MON_8, rng) for _ in range(200)]
    assert 0.75 < sum(r.end_reason == "ended" for r in fitting) / 200 < 0.95
    other = [t.react(_track("Rock"), MON_8, rng) for _ in range(200)]
    assert sum(r.end_reason == "next" and r.position < 30 for r in other) / 200 > 0.8
    assert t.react(_track("Jazz", tid=99), MON_8, rng).position < NEVER_SKIP_BEFORE
    first = t.react(_track("Jazz", "star", tid=5), MON_8, rng)
    again = t.react(_track("Jazz", "star", tid=5), MON_8, rng)
    assert first.rate_stars == 5.0 and again.rate_stars is None


def test_library_and_taste_are_reproducible(db):
    tracks = generate_library(db, n_tracks=300, seed=4)
    assert db.execute("SELECT COUNT(*) FROM items WHERE kind='music'").fetchone()[0] == len(tracks)
    assert 290 <= len(tracks) <= 310
    row = db.execute("SELECT genres, bpm, mood, artist FROM items WHERE id=?", (tracks[0].id,)).fetchone()
    assert json.loads(row["genres"]) == [tracks[0].genre] and row["artist"] == tracks[0].artist
    a, b = make_taste(tracks, 4), make_taste(tracks, 4)
    assert a.five_star_artists == b.five_star_artists and a.disliked_item == b.disliked_item
    disliked = next(t for t in tracks if t.id == a.disliked_item)
    assert disliked.genre == "Electronic"


def test_session_times_two_weeks():
    times = session_times(14)
    assert len(times) == 42 and times[0][1] == MON_8
    assert [t.hour for _, t in times[15:18]] == [10, 13, 20]  # Saturday


class _Oracle:
    """Knows the hidden taste: the share and skip measurements must say so."""

    name = "oracle"

    def home(self, conn, profile, at):
        wanted = HiddenTaste().wanted(at)
        ids = [
            r["id"]
            for r in conn.execute("SELECT id, genres FROM items ORDER BY id")
            if json.loads(r["genres"])[0] in wanted
        ]
        return {"now": [int(i) for i in np.random.default_rng(int(at.timestamp())).permutation(ids)[:50]]}


def test_simulation_measures_an_oracle_and_a_baseline(tmp_path):
    oracle = run_simulation(_Oracle(), tmp_path, days=9, seed=2, n_tracks=400)
    assert oracle.sessions == 27 and oracle.empty_now == 0
    assert share(oracle.fit_week2) > 0.97  # only the disliked track can miss
    assert share(oracle.c_after) == 0.0 and oracle.c_skips >= 20  # from the first days' tries
    assert share(oracle.now_skips_week2) < 0.2
    base = run_simulation(MostPlayed(seed=2), tmp_path, days=9, seed=2, n_tracks=400)
    assert share(base.fit_week2) < 0.6 and share(base.now_skips_week2) > 0.3
    assert base.dislike_hits > 0  # a naive baseline keeps showing the disliked track
    both = merge([oracle, base])
    assert both.sessions == 54 and len(both.fit_week2) == len(oracle.fit_week2) + len(base.fit_week2)
    conn = open_profile_db(resolve_profile(tmp_path / "most-played-A2"))
    try:
        kinds = dict(conn.execute("SELECT type, COUNT(*) FROM events GROUP BY type").fetchall())
        assert kinds["dislike"] == 1 and kinds["skip"] > 0 and kinds["completed"] > 0
        assert conn.execute("SELECT COUNT(*) FROM ratings WHERE liked = -1").fetchone()[0] == 1
        assert (
            conn.execute("SELECT COUNT(*) FROM events WHERE type='row_start' AND context='now'").fetchone()[0]
            == 27
        )
    finally:
        conn.close()


def test_time_slots_and_per_slot_figures(tmp_path):
    assert HiddenTaste.part(MON_8) == "weekday morning" and HiddenTaste.part(SAT_10) == "weekend morning"
    assert HiddenTaste.part(MON_8.replace(hour=13)) == "afternoon"
    assert HiddenTaste.part(MON_8.replace(hour=23)) == "evening"
    res = run_simulation(_Oracle(), tmp_path, days=8, seed=5, n_tracks=300)
    assert set(res.fit_by_part) == {"weekday morning", "afternoon", "evening"}  # day 8 is a Monday
    assert sum(len(v) for v in res.fit_by_part.values()) == len(res.fit_week2)


def test_family_b_is_a_different_listener(tmp_path, db):
    tracks = generate_library(db, n_tracks=300, seed=4)
    b = make_taste(tracks, 4, "B")
    assert b.never == "Pop" and b.wanted(MON_8) == {"Classical"}
    assert next(t for t in tracks if t.id == b.disliked_item).genre in {"Rock", "Metal"}
    res = run_simulation(_Oracle(), tmp_path, days=3, seed=2, n_tracks=300, variant="B")
    assert share(res.fit_week1) < 0.2  # the A-oracle does not fit family B


def test_drift_family_changes_its_evenings_in_week_two(db):
    tracks = generate_library(db, n_tracks=300, seed=4)
    d = make_taste(tracks, 4, "drift")
    assert d.wanted(MON_8.replace(hour=20)) == {"Electronic"}
    assert d.wanted(MON_8.replace(day=9, hour=20)) == {"Hip-Hop"}
    assert d.wanted(MON_8.replace(day=9)) == {"Jazz"}


def test_tempo_family_wants_bpm_bands_not_genres(db):
    tracks = generate_library(db, n_tracks=300, seed=4)
    t = make_taste(tracks, 4, "tempo")
    slow = Track(1, "Jazz", "x", "al", 2000, 90.0, "chill", 200.0)
    fast = Track(2, "Jazz", "x", "al", 2000, 130.0, "chill", 200.0)
    metal = Track(3, "Metal", "x", "al", 2000, 150.0, "energetic", 200.0)
    assert t.fits(slow, MON_8) and not t.fits(fast, MON_8)
    assert t.fits(fast, MON_8.replace(hour=21)) and not t.fits(metal, MON_8.replace(hour=21))
    disliked = next(x for x in tracks if x.id == t.disliked_item)
    assert disliked.bpm >= 125 and disliked.genre != "Metal"
