import json

from companion.commands import history
from companion.commands import rate as rate_command
from companion.core.db import open_profile_db
from companion.core.events.record import record_event
from tests.commands.direct import run_command
from tests.core.events.helpers import add_item

TS = 1_780_000_000.0  # 2026-05-28 20:26:40 UTC


def _fill(profile):
    conn = open_profile_db(profile)
    a = add_item(conn, "/m/a.mp3", title="Faith", artist="The Cure", duration=200)
    record_event(
        conn,
        a,
        "skip",
        ts=TS,
        tz_offset_min=120,
        position=4.0,
        duration=200,
        start_reason="mix",
        context="daily-1",
        end_reason="next",
    )
    record_event(
        conn,
        a,
        "completed",
        ts=TS + 600,
        tz_offset_min=120,
        position=200,
        duration=200,
        start_reason="user",
        end_reason="ended",
    )
    record_event(conn, a, "rating", ts=TS + 700, tz_offset_min=120, value=4)
    conn.close()


def test_history_json_is_newest_first_with_local_time(run_cli, profile):
    _fill(profile)
    code, out, _ = run_cli("history", "--json", "--limit", "2")
    assert code == 0
    events = json.loads(out)
    assert [e["type"] for e in events] == ["rating", "completed"]
    assert events[1]["local_time"] == "2026-05-28T22:36:40+02:00"
    assert events[1]["time_utc"] == "2026-05-28T20:36:40+00:00"
    assert (events[1]["weekday"], events[1]["hour"]) == ("Thursday", 22)
    assert events[1]["path"] == "/m/a.mp3" and events[0]["value"] == 4


def test_history_text(run_cli, profile):
    _fill(profile)
    code, out, _ = run_cli("history")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[0].startswith("2026-05-28 22:38 Thu  rated 4★")
    assert lines[2] == "2026-05-28 22:26 Thu  skip       The Cure — Faith  (0:04/3:20, from mix daily-1)"


def test_history_when_empty_and_bad_limits(run_cli):
    assert run_cli("history") == (0, "no listening history yet\n", "")
    assert run_cli("history", "--json")[1] == "[]\n"
    for bad in ("0", "-3", "ten"):
        code, out, err = run_cli("history", "--limit", bad)
        assert code == 2 and out == "" and "--limit" in err


# --- the command's module on its own (tests/commands/direct.py)


def test_the_history_module_shows_the_newest_first(profile, scanned):
    song = scanned / "Band" / "Album" / "01 Song 0.flac"
    run_command(rate_command, profile, str(song), "4")
    run_command(rate_command, profile, str(song), "--dislike")
    code, out, _ = run_command(history, profile)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert " dislike " in lines[0] and "rated 4★" in lines[1] and lines[1].endswith("Band — Song 0")
