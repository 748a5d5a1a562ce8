"""``companion search`` (commands/search.py): what matches, and why, as lines or JSON."""

from __future__ import annotations

import json

from companion.commands import search
from tests.commands.direct import run_command


def test_titles_match_and_say_so(profile, scanned):
    code, out, _ = run_command(search, profile, "song")
    lines = out.splitlines()
    assert code == 0 and sorted(lines) == [f"Band - Song {n}    (title matches)" for n in range(3)]
    found = json.loads(run_command(search, profile, "song", "1", "--json")[1])
    assert found["query"] == "song 1" and found["items"][0]["title"] == "Song 1"
    assert found["items"][0]["reason"] == "title matches"
    assert len(run_command(search, profile, "song", "--limit", "2")[1].splitlines()) == 2
