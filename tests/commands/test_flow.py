"""``companion flow`` (commands/flow.py): a mix whose feel moves from one to another, each track with its key and
energy."""

from __future__ import annotations

from companion.commands import flow
from companion.core.analysis.features import VERSION
from companion.core.analysis.table import write_results
from tests.commands.direct import run_command


def test_nothing_analysed_is_said_plainly(profile, scanned):
    code, out, _ = run_command(flow, profile, "--from", "calm", "--to", "energetic")
    assert (code, out) == (0, "nothing analysed to make a flow from yet: run 'companion analyze' first\n")


def test_a_flow_from_calm_to_energetic(profile, scanned, db):
    rows = [
        (i, {"energy": e, "bpm": 70 + 80 * e, "key": "C", "mode": "major", "loudness": -20 + 12 * e}, None)
        for (i,), e in zip(db.execute("SELECT id FROM items ORDER BY id"), (0.1, 0.5, 0.9), strict=True)
    ]
    write_results(db, VERSION, rows)
    code, out, err = run_command(flow, profile, "--from", "calm", "--to", "energetic")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "From calm to energetic", out + err
    assert [float(line.split("energy ")[1][:4]) for line in lines[1:]] == [0.1, 0.5, 0.9], "calm, then rising"
