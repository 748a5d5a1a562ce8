"""Similarity and radio on a generated library whose character is known."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.analysis.features import VERSION
from companion.core.analysis.similar import load_index, similar_items
from companion.core.analysis.table import features_for, write_results
from companion.core.events.ratings import set_liked, set_stars
from companion.core.events.record import record_event
from companion.core.jobs.analysis import analyze_pending
from companion.core.taste.radio import NothingAnalysed, next_radio_items, radio
from tests.core.analysis.helpers import add_character_library, analysed_character_library


@pytest.fixture
def character_features(tmp_path_factory):
    """The generated files and their features, analysed once for the run."""
    return analysed_character_library(tmp_path_factory)


@pytest.fixture
def analysed(db, character_features):
    files, features = character_features
    groups = add_character_library(db, files)
    rows = [
        (item_id, features[path], None)
        for name, ids in groups.items()
        for item_id, path in zip(ids, files[name], strict=True)
    ]
    write_results(db, VERSION, rows)
    return groups


def test_runner_fills_the_same_features(profile, db, character_features):
    """The background runner stores what analyse_file computes (checked on a few tracks)."""
    files, features = character_features
    few = {"calm": files["calm"][:1], "dance": files["dance"][:1]}
    groups = add_character_library(db, few)
    for _ in analyze_pending(profile, workers=1):
        pass
    for name, ids in groups.items():
        stored = features_for(db, ids)[ids[0]]
        assert (
            stored["bpm"] == features[few[name][0]]["bpm"]
            and stored["mood"] == features[few[name][0]]["mood"]
        )


def test_calm_seed_gives_calm_tracks(db, analysed):
    picks = radio(db, [analysed["calm"][0]], 4)
    assert [p.item_id for p in picks if p.item_id in analysed["calm"]] == [p.item_id for p in picks]
    assert all(p.features["mood"] == "calm" for p in picks)
    assert all(p.reason.startswith("sounds like calm0 by calm artist 0") for p in picks)


def test_dance_seed_gives_fast_dance_tracks(db, analysed):
    picks = radio(db, [analysed["dance"][2]], 4)
    assert all(p.item_id in analysed["dance"] for p in picks)
    assert all(p.features["bpm"] >= 120 and p.features["danceability"] > 0.6 for p in picks)


def test_similar_items_and_index(db, analysed):
    near = similar_items(db, analysed["dance"][0], 3)
    assert len(near) == 3 and all(i in analysed["dance"] for i, _ in near)
    assert [d for _, d in near] == sorted(d for _, d in near)
    index = load_index(db)
    assert index is load_index(db)  # cached while nothing changes
    assert np.allclose(index.scaled.mean(axis=0), 0.0, atol=1e-6)  # standardised


def test_radio_drifts_slowly(db, analysed):
    index = load_index(db)
    picks = radio(db, [analysed["pop"][0]], 12, use_taste=False)
    vec = {int(i): index.scaled[p] for p, i in enumerate(index.ids)}
    steps = [np.linalg.norm(vec[a.item_id] - vec[b.item_id]) for a, b in zip(picks, picks[1:], strict=False)]
    all_pairs = [np.linalg.norm(x - y) for x in index.scaled for y in index.scaled]
    assert np.mean(steps) < 0.7 * np.mean(all_pairs)
    assert len({p.item_id for p in picks}) == len(picks)


def test_recent_plays_early_skips_and_dislikes_are_left_out(db, analysed):
    calm = analysed["calm"]
    first = radio(db, [calm[0]], 5)
    played, skipped, disliked = first[0].item_id, first[1].item_id, first[2].item_id
    record_event(db, played, "completed", position=20, duration=20)
    record_event(db, skipped, "skip", position=4, duration=20)
    set_liked(db, disliked, -1)
    again = {p.item_id for p in radio(db, [calm[0]], 5)}
    assert not again & {played, skipped, disliked}


def test_taste_moves_a_loved_track_ahead_of_a_poorly_rated_one(db, analysed):
    dance = analysed["dance"]
    base = [p.item_id for p in radio(db, [dance[0]], 5, use_taste=False)]
    loved, rival = base[-1], base[-2]
    set_stars(db, loved, 5)
    set_liked(db, loved, 1)
    set_stars(db, rival, 1)
    picks = [p.item_id for p in radio(db, [dance[0]], 5)]
    assert picks.index(loved) < picks.index(rival)
    assert "close to what you love" in radio(db, [dance[0]], 5)[picks.index(loved)].reason


def test_next_radio_items_for_auto_dj(db, analysed):
    ids = next_radio_items(db, [analysed["dance"][1]], 3, exclude=analysed["dance"][2:4])
    assert len(ids) == 3 and not set(ids) & set(analysed["dance"][1:4])
    assert next_radio_items(db, [999_999], 3) == []


def test_nothing_analysed(db):
    with pytest.raises(NothingAnalysed):
        radio(db, [1], 3)


def test_the_auto_dj_asks_the_taste_worker_so_the_window_never_imports_scikit_learn(profile, db, analysed):
    """The window's auto-DJ gets its radio from the taste worker process: the same items as computed in
    process, and scikit-learn (0.7 s to import, holding the window's interpreter) stays out of the window."""
    import subprocess
    import sys

    seed = analysed["dance"][1]
    want = next_radio_items(db, [seed], 10, exclude=[seed])
    probe = (
        "import sys\n"
        "from companion.core.paths import resolve_profile\n"
        "from companion.core.store import Store\n"
        "from companion.core.jobs.operations import TasteService\n"
        "from companion.playback.autodj import radio_source\n"
        "from companion.ui.backend import Backend\n"
        "profile = resolve_profile(sys.argv[1])\n"
        "store = Store(profile)\n"
        "backend = Backend(store, TasteService(profile, prefetch=False))\n"
        "entries = radio_source(store, backend.radio)([int(sys.argv[2])])\n"
        "print([e.item_id for e in entries], 'sklearn' in sys.modules)\n"
        "backend.worker.close()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(profile.data_dir), str(seed)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ids, imported = out.stdout.strip().rsplit(" ", 1)
    assert ids == str(want) and len(want) == 10 and imported == "False", out.stderr


def test_one_recording_plays_once_and_spoken_word_never(db, analysed):
    calm = analysed["calm"]
    first = [p.item_id for p in radio(db, [calm[0]], 4, use_taste=False)]
    with db:  # the first pick is also kept as another file; the seed too; the second pick is an audiobook
        db.execute("UPDATE items SET recording_id = ? WHERE id IN (?, ?)", (first[0], first[0], first[2]))
        db.execute("UPDATE items SET recording_id = ? WHERE id IN (?, ?)", (calm[0], calm[0], first[3]))
        db.execute("UPDATE items SET spoken = 'tagged Audiobook' WHERE id = ?", (first[1],))
    again = [p.item_id for p in radio(db, [calm[0]], 4, use_taste=False)]
    assert first[0] in again and first[2] not in again  # the other file of a chosen recording
    assert first[3] not in again and first[1] not in again  # the seed's own other file; spoken word
