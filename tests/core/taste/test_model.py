"""Cold start, the cached model, incremental refresh, self-tuning, audio features, videos."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from companion.core.events.record import record_event
from companion.core.taste import home
from companion.core.taste import model as mdl
from companion.core.taste.home import build_home, forget_state, get_row, refresh_after_event
from tests.core.taste.conftest import add_items


@pytest.fixture(autouse=True)
def _fresh_state():
    forget_state()
    yield
    forget_state()


def test_cold_start_uses_tag_ratings_recent_additions_and_a_varied_sampler(db, profile):
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    lib = add_items(db, added_at=(at - timedelta(days=60)).timestamp())
    starred = lib["classical"][:3]
    with db:
        for i in starred:
            db.execute("UPDATE items SET tag_rating = 5, tag_play_count = 12 WHERE id = ?", (i,))
    new = add_items(
        db,
        genres=("folk",),
        artists_per_genre=2,
        albums_per_artist=1,
        folder="new",
        added_at=(at - timedelta(days=2)).timestamp(),
    )
    rows = {r.id: r for r in build_home(db, profile, at=at)}
    assert rows["now"].title == "Monday morning"
    now_ids = [it.item_id for it in rows["now"].items]
    assert set(starred) <= set(now_ids[:12])
    genres = {g for g, ids in lib.items() for i in now_ids if i in ids}
    assert len(genres) >= 5  # a varied sampler, not one corner
    assert {it.item_id for it in rows["new"].items} <= set(new["folk"])
    assert all(it.reason for r in rows.values() for it in r.items)
    assert any("stars in your files" in " ".join(it.reasons) for it in rows["now"].items)


def test_the_first_plays_change_the_home(db, profile):
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    lib = add_items(db, added_at=(at - timedelta(days=60)).timestamp())
    before = get_row(db, profile, "now", at=at)
    for k in range(5):
        record_event(
            db,
            lib["ambient"][k],
            "completed",
            ts=(at - timedelta(minutes=30 - k * 4)).timestamp(),
            position=200.0,
            duration=200.0,
        )
    after = get_row(db, profile, "now", at=at)
    assert [i.item_id for i in after.items] != [i.item_id for i in before.items]
    top = [i.item_id for i in after.items[:10]]
    assert sum(i in lib["ambient"] for i in top) >= 5


def test_model_is_cached_and_rebuilt_when_damaged(db, profile, listened, monkeypatch):
    lib, end = listened
    at = end + timedelta(days=1, hours=8)
    first = [r.to_json() for r in build_home(db, profile, at=at)]
    assert (profile.model_dir / "model.npz").exists()
    fits = []
    real_fit = mdl.fit
    monkeypatch.setattr(mdl, "fit", lambda *a, **k: fits.append(1) or real_fit(*a, **k))
    forget_state()
    assert [r.to_json() for r in build_home(db, profile, at=at)] == first
    assert fits == []  # loaded from the cache, not refitted
    (profile.model_dir / "model.json").write_text("{not json", encoding="utf-8")
    forget_state()
    assert [r.to_json() for r in build_home(db, profile, at=at)] == first
    assert fits == [1]


def test_refresh_after_event_updates_without_refit(db, profile, listened, monkeypatch):
    lib, end = listened
    at = datetime.now(UTC)
    build_home(db, profile)
    fits = []
    real_fit = mdl.fit
    monkeypatch.setattr(mdl, "fit", lambda *a, **k: fits.append(1) or real_fit(*a, **k))
    # eight tracks of eight albums (a mix shorter than 8 items is not shown), each played twice
    targets = lib["classical"][0:40:5]
    for k in range(16):
        eid = record_event(
            db, targets[k % 8], "completed", ts=at.timestamp() - 1200 + k * 60, position=200.0, duration=200.0
        )
        refresh_after_event(db, profile, eid)
    rows = {r.id: r for r in build_home(db, profile)}
    assert set(targets) <= {i.item_id for i in rows["on-repeat"].items}
    assert fits == []


def test_past_moments_get_a_model_fitted_on_the_past_only(db, profile, listened):
    lib, end = listened
    build_home(db, profile, at=end + timedelta(days=1))
    cached = mdl.load(profile.model_dir)
    assert cached is not None and cached.cutoff_ts == (end + timedelta(days=1)).timestamp()
    early = end - timedelta(days=7)
    v, st = home._view(db, profile, early)
    assert v.model.cutoff_ts <= early.timestamp() and v.model.n_events == v.log.before(early.timestamp())


def test_walk_forward_tuning_prefers_context_for_a_listener_of_habits(db, profile, listened):
    lib, end = listened
    v, _ = home._view(db, profile, end + timedelta(days=1, hours=8))
    report = v.model.report
    assert report["points"] >= 4
    assert v.model.params.context_weight >= 0.3
    assert report["recall_at_50"] >= report["reference_recall_at_50"]


def test_audio_features_are_used_when_present(db, profile):
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    lib = add_items(
        db,
        genres=("unknown",),
        artists_per_genre=6,
        albums_per_artist=2,
        added_at=(at - timedelta(days=60)).timestamp(),
    )
    ids = lib["unknown"]
    with db:
        db.execute("UPDATE items SET genres = NULL")
        for k, i in enumerate(ids):
            calm = k % 2 == 0
            vector = np.array([-0.5 if calm else 0.3, 0.2 if calm else 0.9] + [k % 3] * 13, np.float32)
            db.execute(
                "INSERT INTO audio_features(item_id, version, analysed_at, energy, danceability, "
                "acousticness, valence, mood, bpm, vector) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    i,
                    1,
                    0.0,
                    0.15 if calm else 0.9,
                    0.3 if calm else 0.85,
                    0.8 if calm else 0.1,
                    0.5,
                    "chill" if calm else "energetic",
                    80.0 if calm else 140.0,
                    vector.tobytes(),
                ),
            )
    rows = {r.id: r for r in build_home(db, profile, at=at)}
    view, _ = home._view(db, profile, at)
    assert view.lib.sound is not None and view.lib.sound.shape == (len(ids), 15)
    calm_item, loud_item, other_calm = view.lib.index_of([ids[0], ids[1], ids[2]])
    sim = view.emb @ view.emb[calm_item]
    assert sim[other_calm] > sim[loud_item]
    from companion.core.taste.embed import content_matrix

    with_sound = content_matrix(view.lib).shape[1]
    view.lib.sound = None
    assert with_sound == content_matrix(view.lib).shape[1] + 15  # the sound vector is part of the content
    assert "mood-chill" in rows and "mood-energetic" in rows
    chill = {it.item_id for it in rows["mood-chill"].items}
    assert chill and all(ids.index(i) % 2 == 0 for i in chill)
    assert "their sound" in rows["mood-chill"].reason


def test_videos_continue_up_next_and_recommendations(db, profile):
    at = datetime(2026, 3, 10, 20, tzinfo=UTC)
    lib = add_items(
        db, genres=("jazz",), artists_per_genre=2, videos=4, added_at=(at - timedelta(days=60)).timestamp()
    )
    vids = lib["video"]  # 4 shows x 5 episodes; shows 1, 3 are drama, 0, 2 sci-fi
    t = at - timedelta(days=2)
    for e in range(2):  # show 0: episodes 1 and 2 watched to the end
        record_event(
            db,
            vids[e],
            "completed",
            ts=(t + timedelta(hours=e)).timestamp(),
            position=1500.0,
            duration=1500.0,
        )
    record_event(
        db, vids[5], "play", ts=(t + timedelta(hours=3)).timestamp(), position=600.0, duration=1500.0
    )  # show 1, episode 1: stopped halfway
    rows = {r.id: r for r in build_home(db, profile, at=at)}
    cont = rows["continue"]
    assert cont.items[0].item_id == vids[5] and cont.items[0].resume_position == pytest.approx(600.0)
    assert vids[2] in {i.item_id for i in cont.items}  # the next episode of show 0
    assert [i.item_id for i in rows["up-next"].items][:1] == [vids[2]]
    rec = [i.item_id for i in rows["recommended-videos"].items]
    assert vids[0] not in rec and vids[1] not in rec
    assert vids[5] not in rec and vids[6] not in rec
    assert rec and rec[0] == vids[10]  # the unwatched sci-fi show, first episode


def test_playlists_are_a_weak_signal(db, profile, listened):
    lib, end = listened
    at = end + timedelta(days=1, hours=8)
    v, _ = home._view(db, profile, at)
    item = lib["classical"][3]
    before = v.base_score[v.lib.index_of([item])[0]]
    with db:
        db.execute("INSERT INTO playlists(id, name, format, created_at, updated_at) VALUES (1,'x','m3u',0,0)")
        db.execute(
            "INSERT INTO playlist_entries(playlist_id, position, item_id, location) VALUES (1,0,?,?)",
            (item, "x.flac"),
        )
    v, _ = home._view(db, profile, at)
    after = v.base_score[v.lib.index_of([item])[0]]
    assert after > before
    assert np.isfinite(after)


def test_a_library_change_is_picked_up(db, profile, listened):
    lib, end = listened
    at = end + timedelta(days=1, hours=8)
    build_home(db, profile, at=at)
    more = add_items(
        db,
        genres=("jazz",),
        artists_per_genre=1,
        albums_per_artist=1,
        folder="more",
        added_at=(at - timedelta(days=1)).timestamp(),
    )
    rows = {r.id: r for r in build_home(db, profile, at=at)}
    assert {i.item_id for i in rows["new"].items} & set(more["jazz"])
    assert json.loads((profile.model_dir / "model.json").read_text())["fingerprint"][0] == len(
        lib["jazz"]
    ) * 6 + len(more["jazz"])


def test_homes_built_on_worker_threads_while_events_arrive(profile, db, listened):
    """The window builds homes on a worker while the player records events on another thread."""
    import threading

    from companion.core.store import Store

    lib, end = listened
    store = Store(profile)
    build_home(db, profile)  # fit once up front
    errors: list[BaseException] = []

    def builder():
        try:
            for _ in range(5):
                assert build_home(store.conn(), profile)[0].id == "now"
        except BaseException as e:
            errors.append(e)

    def player():
        try:
            for k in range(10):
                eid = record_event(store.conn(), lib["rock"][k], "completed", position=200.0, duration=200.0)
                refresh_after_event(store.conn(), profile, eid)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=builder), threading.Thread(target=player)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    store.close_all()
    assert not errors and not any(t.is_alive() for t in threads)


def test_tuning_differs_between_a_creature_of_habit_and_a_radio_listener(db, profile, listened, tmp_path):
    import random

    from companion.core.db import open_profile_db
    from companion.core.paths import resolve_profile

    lib, end = listened
    habit, _ = home._view(db, profile, end + timedelta(days=1, hours=8))
    other = resolve_profile(tmp_path / "radio").ensure()
    conn = open_profile_db(other)
    radio_lib = add_items(conn)
    everything = [i for ids in radio_lib.values() for i in ids]
    rng = random.Random(3)
    t = end - timedelta(days=14)
    for s in range(40):  # sessions at any hour, mostly tracks never heard before
        start = t + timedelta(hours=s * 8 + rng.randrange(8))
        for k in range(6):
            record_event(
                conn,
                rng.choice(everything),
                "completed",
                position=200.0,
                duration=200.0,
                ts=(start + timedelta(minutes=4 * k)).timestamp(),
                session_id=f"r{s}",
            )
    radio, _ = home._view(conn, other, end + timedelta(days=1, hours=8))
    conn.close()
    assert radio.model.report["points"] >= 4
    assert radio.model.params.discovery_share > habit.model.params.discovery_share + 0.2


def test_erased_history_is_forgotten_in_memory_too(db, profile, listened):
    """After 'privacy erase' SQLite reuses event ids: the engine must not keep the old history."""
    from companion.core.privacy.erase import erase_history

    lib, end = listened
    at = end + timedelta(days=1, hours=8)
    assert build_home(db, profile, at=at)[0].reason.startswith("What you like")
    n = db.execute("SELECT count(*) FROM events").fetchone()[0]
    erase_history(db, profile)
    for k in range(n):  # as many new events, with the same ids, of something else entirely
        record_event(
            db,
            lib["classical"][k % 60],
            "completed",
            ts=(end - timedelta(hours=1, seconds=n - k)).timestamp(),
            position=200.0,
            duration=200.0,
        )
    rows = {r.id: r for r in build_home(db, profile, at=at)}
    assert not {i.item_id for r in rows.values() for i in r.items if r.id != "discover"} & set(
        lib["jazz"][:30]
    )
