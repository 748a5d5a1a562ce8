"""arcs: ``companion flow`` from the person's taste: calm to energetic rises, steps stay small, inputs resolve."""

from __future__ import annotations

import json
import random

import pytest

from companion.core.analysis.features import VERSION
from companion.core.analysis.table import write_results
from companion.core.errors import UsageError
from companion.core.flow.arc import Feel, spearman, targets
from companion.core.flow.order import PITCHES, key_distance
from companion.core.flow.transition import tempo_distance
from companion.core.taste.flow_arcs import flow, resolve_feel
from tests.core.taste.conftest import add_items, listen


def analysed(db, seed: int = 7) -> dict[int, dict]:
    """Random but plausible features: tempo and loudness loosely follow energy, keys at random."""
    rng = random.Random(seed)
    feats = {}
    for (item_id,) in db.execute("SELECT id FROM items WHERE kind = 'music'"):
        energy = rng.uniform(0.05, 0.95)
        feats[item_id] = {
            "energy": round(energy, 3),
            "bpm": round(65 + 80 * energy + rng.gauss(0, 12), 1),
            "key": rng.choice(PITCHES),
            "mode": rng.choice(("major", "minor")),
            "loudness": -22 + 16 * energy + rng.gauss(0, 2),
        }
    write_results(db, VERSION, [(i, f, None) for i, f in feats.items()])
    return feats


@pytest.fixture
def library(db):
    from companion.core.taste.home import forget_state

    forget_state()
    lib = add_items(db)
    end = listen(db, lib)
    yield lib, end, analysed(db)
    forget_state()


def mean_jumps(ids, feats):
    pairs = list(zip(ids, ids[1:], strict=False))
    from companion.core.flow.order import Sound

    s = {i: Sound.of(i, feats[i]) for i in ids}
    tempo = sum(tempo_distance(feats[a]["bpm"], feats[b]["bpm"]) for a, b in pairs) / len(pairs)
    key = sum(key_distance(s[a], s[b]) for a, b in pairs) / len(pairs)
    return tempo, key


def test_calm_to_energetic_rises_with_small_steps(db, profile, library):
    _lib, end, feats = library
    result = flow(db, profile, "calm", "energetic", minutes=60, at=end)
    ids = [i.item_id for i in result.row.items]
    assert 10 <= len(ids) <= 25 and len(set(ids)) == len(ids)
    energy = [feats[i]["energy"] for i in ids]
    assert spearman(list(range(len(ids))), energy) >= 0.7
    assert energy[0] < 0.3 and energy[-1] > 0.65
    ratios = []
    for seed in range(20):
        shuffled = ids[:]
        random.Random(seed).shuffle(shuffled)
        t_s, k_s = mean_jumps(shuffled, feats)
        t_a, k_a = mean_jumps(ids, feats)
        ratios.append((t_s / t_a, k_s / k_a))
    assert sum(r[0] for r in ratios) / 20 >= 2.0 and sum(r[1] for r in ratios) / 20 >= 2.0
    assert result.row.title == "From calm to energetic"
    assert all(f.transition is not None for f in result.items[:-1])


def test_waypoints_and_defaults(db, profile, library):
    _lib, end, feats = library
    up_down = flow(db, profile, "calm", "calm", via=["party"], minutes=45, at=end)
    energy = [feats[i.item_id]["energy"] for i in up_down.row.items]
    middle = len(energy) // 2
    assert max(energy[middle - 2 : middle + 3]) > max(energy[0], energy[-1]) + 0.4
    steady = flow(db, profile, minutes=30, at=end)  # from what was played last, staying there
    assert steady.feels[0].label == "what you played last" and steady.row.items


def test_inputs_resolve_or_say_what_is_wrong(db, profile, library):
    _lib, end, feats = library
    some = next(iter(feats))
    assert resolve_feel(db, profile, "Calm").label == "calm"
    assert resolve_feel(db, profile, str(some)).energy == feats[some]["energy"]
    row_feel = resolve_feel(db, profile, "now", at=end)
    assert 0 <= row_feel.energy <= 1
    for bad in ("sleepy", "999999"):
        with pytest.raises(UsageError):
            resolve_feel(db, profile, bad, at=end)
    with pytest.raises(UsageError, match="minutes"):
        flow(db, profile, "calm", minutes=1, at=end)


def test_targets_move_in_straight_lines():
    t = targets([Feel(0.1, 60, "a"), Feel(0.9, 120, "b")], 5)
    assert [round(x.energy, 2) for x in t] == [0.1, 0.3, 0.5, 0.7, 0.9]
    assert t[2].bpm == pytest.approx(60 * 2**0.5)
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0) and spearman([1, 1], [1, 2]) == 0.0


def test_flow_command(run_cli, db, library):
    _lib, end, _feats = library
    code, out, err = run_cli(
        "flow", "--from", "calm", "--to", "energetic", "--minutes", "30", "--at", end.isoformat(), "--json"
    )
    assert code == 0, err
    got = json.loads(out)
    assert got["title"] == "From calm to energetic" and got["items"]
    assert set(got["items"][0]) >= {"bpm", "key", "energy", "transition"}
    code, _out, err = run_cli("flow", "--from", "sleepy")
    assert code == 2 and "not a mood" in err
