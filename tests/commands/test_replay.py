"""``companion replay``: text and JSON for a month or a year; bad periods exit 2."""

from __future__ import annotations

import json

from tests.core.taste.listening_history import make_history


def test_replay_month_and_year(db, run_cli):
    from companion.commands import replay

    assert replay.NAME == "replay"
    make_history(db)
    code, out, _ = run_cli("replay", "--month", "2026-10")
    assert code == 0 and out.startswith("Your Replay: October 2026") and "Top artists" in out
    code, out, _ = run_cli("replay", "--year", "2026", "--json")
    got = json.loads(out)
    assert got["period"] == "2026" and got["top_tracks"] and got["persona"] and "kept_out" in got
    code, out, _ = run_cli("replay", "--month", "2019-01")
    assert code == 0 and "No listening in 2019-01" in out


def test_replay_bad_period(db, run_cli):
    code, _, err = run_cli("replay", "--month", "October")
    assert code == 2 and "YYYY-MM" in err
