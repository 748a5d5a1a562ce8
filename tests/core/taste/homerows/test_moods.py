"""``mood-<name>`` (homerows/moods.py): one row per mood the library holds enough of, each apart from the others;
one asked for by id is the same row."""

from __future__ import annotations

from companion.core.taste.homerows import Built, spec_for
from companion.core.taste.homerows import moods as mood_rows
from companion.core.taste.moods import FITS


def test_mood_rows_fit_their_mood_and_keep_apart(view_of):
    v = view_of()
    rows = mood_rows.build(v, 20, Built())
    assert len(rows) >= 2, [r.id for r in rows]
    for row in rows:
        name = row.id.removeprefix("mood-")
        assert spec_for(row.id).title_fits(row.title) and len(row.picks) >= 8
        assert (v.moods[name][row.picks] >= FITS).all(), row.id
        assert v.music[row.picks].all()
    for a in rows:
        for b in rows:
            if a is not b:
                assert len(set(a.picks) & set(b.picks)) <= 0.5 * len(b.picks), (a.id, b.id)
    first = rows[0]
    assert mood_rows.find(v, 20, Built(), first.id).picks == first.picks
    assert mood_rows.find(v, 20, Built(), "mood-sleepy") is None
