"""db.flow: the ends of queued tracks, analysed or not."""

from __future__ import annotations

from companion.core.analysis import table
from companion.core.db.flow import track_ends
from tests.core.analysis.helpers import add_items


def test_track_ends_joins_items_and_features(db):
    a, b = add_items(
        db, ["/m/a.flac", "/m/b.flac"], tags=[{"album": "X", "track_no": 1}, {"spoken": "audiobook"}]
    )
    table.write_results(
        db, 2, [(a, {"intro_end": 0.5, "outro_start": 170.0, "energy_out": 0.4, "bpm": 120.0}, None)]
    )
    got = track_ends(db, [a, b, 999])
    assert set(got) == {a, b}
    assert (
        got[a].outro_start == 170.0
        and got[a].intro_end == 0.5
        and got[a].album == "X"
        and got[a].track_no == 1
    )
    assert got[a].path == "/m/a.flac" and not got[a].spoken
    assert got[b].spoken and got[b].outro_start is None
