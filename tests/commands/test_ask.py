"""``companion ask``: the reading and the items, as text and JSON; bad input says so and exits 2."""

from __future__ import annotations

import json

from tests.core.taste.listening_history import make_history


def test_ask_json_has_interpretation_and_items(db, run_cli):
    h = make_history(db)
    code, out, _ = run_cli(
        "ask", "what I play on Sunday mornings", "--at", "2026-11-15T12:00+00:00", "--json"
    )
    assert code == 0
    got = json.loads(out)
    assert got["understood"] is True
    assert {c["type"] for c in got["interpretation"]} == {"behaviour", "weekly"}
    weekly = next(c for c in got["interpretation"] if c["type"] == "weekly")
    assert weekly["value"] == {"days": [6], "hours": [5, 12]} and weekly["label"].startswith(
        "on Sunday mornings"
    )
    assert got["items"] and {i["item_id"] for i in got["items"]} <= set(h.sunday)


def test_ask_text_and_fallback(db, run_cli):
    make_history(db)
    code, out, _ = run_cli("ask", "new to me", "--at", "2026-11-15T12:00+00:00", "--limit", "5")
    assert code == 0 and out.startswith("Read as: new to you: never played")
    assert len(out.strip().splitlines()) == 6
    code, out, _ = run_cli("ask", "qwxzy", "--json")
    assert code == 0 and json.loads(out)["fallback"] == "search"


def test_ask_bad_input(db, run_cli):
    from companion.commands import ask

    assert ask.NAME == "ask"
    code, _, err = run_cli("ask", "x", "--limit", "0")
    assert code == 2 and "--limit" in err
    code, _, err = run_cli("ask", "x", "--at", "yesterday-ish")
    assert code == 2 and "ISO-8601" in err
