"""``companion keep-out add|remove|list``: rules in and out, what each hides, clear errors."""

from __future__ import annotations

import json

from tests.core.taste.listening_history import make_history


def test_keep_out_add_list_remove(db, run_cli):
    from companion.commands import keep_out

    assert keep_out.NAME == "keep-out"
    h = make_history(db)
    code, out, _ = run_cli("keep-out", "add", "--time", "Sunday 08:00-12:00", "--json")
    assert code == 0
    rule = json.loads(out)
    assert rule["label"] == "time Sundays 08:00-12:00"
    code, out, _ = run_cli("keep-out", "add", "--track", str(h.recent[0]))
    assert code == 0 and out.startswith("Kept out of your taste: track Rock Artist 0 - rock song")
    code, out, _ = run_cli("keep-out", "list", "--json")
    listed = json.loads(out)
    assert [r["kind"] for r in listed] == ["time", "track"]
    assert listed[0]["hides"]["plays"] == 60 and listed[0]["hides"]["tracks"] == 20  # the Sunday mornings
    assert listed[1]["hides"]["plays"] == 4
    code, out, _ = run_cli("keep-out", "remove", str(rule["id"]))
    assert code == 0
    code, out, _ = run_cli("keep-out", "list")
    assert out.count("\n") == 1 and "hides 4 plays of 1 tracks" in out


def test_keep_out_bad_input(db, run_cli):
    code, _, err = run_cli("keep-out", "add", "--time", "whenever")
    assert code == 2 and "time window" in err
    code, _, err = run_cli("keep-out", "remove", "42")
    assert code == 2 and "no keep-out rule 42" in err
    code, out, _ = run_cli("keep-out", "list")
    assert code == 0 and "Nothing is kept out" in out
