"""``companion mix ROW --flow``: the same items, ordered to flow, with bpm, key, energy and transition."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest

from companion.commands import mix
from companion.core.analysis.features import VERSION
from companion.core.analysis.table import write_results
from companion.core.errors import UsageError
from companion.core.flow.order import PITCHES
from companion.core.taste.home import forget_state
from tests.commands.direct import run_command
from tests.core.taste.conftest import add_items, listen


@pytest.fixture(autouse=True)
def _fresh_state():
    forget_state()
    yield
    forget_state()


def test_mix_as_a_flow(run_cli, db):
    lib = add_items(db, videos=2)
    end = listen(db, lib)
    rng = random.Random(3)
    music = [int(r[0]) for r in db.execute("SELECT id FROM items WHERE kind = 'music'")]
    feats = {
        i: {
            "bpm": rng.uniform(70, 170),
            "key": rng.choice(PITCHES),
            "mode": rng.choice(("major", "minor")),
            "loudness": rng.uniform(-20, -6),
            "energy": round(rng.uniform(0.05, 0.95), 3),
        }
        for i in music
    }
    write_results(db, VERSION, [(i, f, None) for i, f in feats.items()])
    at = (end + timedelta(days=1, hours=19)).isoformat()
    code, out, err = run_cli("mix", "now", "--at", at, "--limit", "20", "--json")
    assert code == 0, err
    plain = json.loads(out)
    code, out, err = run_cli("mix", "now", "--at", at, "--limit", "20", "--flow", "--json")
    assert code == 0, err
    flow = json.loads(out)
    assert flow["flow"] is True and flow["id"] == "now"
    items = flow["items"]
    assert sorted(i["item_id"] for i in items) == sorted(i["item_id"] for i in plain["items"])
    assert items[0]["item_id"] == plain["items"][0]["item_id"]  # starts with what fits the moment best
    for item in items[:-1]:
        assert set(item) >= {"bpm", "key", "camelot", "energy", "transition"}
        assert item["energy"] == feats[item["item_id"]]["energy"] and 0 <= item["transition"] <= 1
    assert items[-1]["transition"] is None
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    from companion.core.flow.order import Sound, transition_score

    def scores(order):
        s = [Sound.of(i["item_id"], feats[i["item_id"]]) for i in order]
        return [transition_score(a, b) for a, b in zip(s, s[1:], strict=False)]

    assert mean(scores(items)) > mean(scores(plain["items"]))
    code, text, _ = run_cli("mix", "now", "--at", at, "--limit", "5", "--flow")
    assert code == 0 and "as a flow" in text and "BPM" in text


# --- the command's module on its own (tests/commands/direct.py)


def test_the_mix_module_shows_one_row_and_names_a_missing_one(profile, scanned):
    code, out, _ = run_command(mix, profile, "new")
    assert code == 0 and out.startswith("Recently added  [new]") and "Band - Song" in out
    with pytest.raises(UsageError, match="no row 'daily-9' right now"):
        run_command(mix, profile, "daily-9")
