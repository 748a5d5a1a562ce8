"""The row builders' view of one moment (taste/view.py): what mixes may hold, neighbourhoods, rank scaling and
the reasons a card gives."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from companion.core.taste.home import view_at
from companion.core.taste.view import View


def test_what_mixes_may_hold_leaves_out_what_keeps_being_skipped(db, profile, listened):
    lib, end = listened
    v = view_at(db, profile, end + timedelta(days=1, hours=8))
    assert isinstance(v, View)
    pos = {int(i): k for k, i in enumerate(v.lib.ids)}
    metal = [pos[i] for i in lib["metal"]]
    skipped = {i for (i,) in db.execute("SELECT item_id FROM events WHERE type = 'skip'")}
    assert not v.music[[pos[i] for i in skipped]].any(), "skipped at once, every time"
    assert not v.music[metal].any(), "a genre skipped every time fades out, its unheard tracks too"
    assert v.music[[pos[i] for i in lib["jazz"][30:]]].all(), "never heard, of a loved genre: welcome"
    assert not v.video.any()
    assert set(v.moods) == {"chill", "energetic", "focus", "happy", "melancholic", "party"}


def test_rank_norm_scales_by_rank_within_the_mask():
    mask = np.array([True, True, False, True])
    out = View.rank_norm(None, np.array([10.0, -3.0, 99.0, 10.0]), mask)  # type: ignore[arg-type]
    assert out.tolist() == [1.0, 1 / 3, 0.0, 1.0]  # ties share a rank; outside the mask 0


def test_a_neighbourhood_is_near_the_closest_whatever_the_scale(db, profile, listened):
    lib, end = listened
    v = view_at(db, profile, end + timedelta(days=1))
    sims = v.similarity(v.taste_vector)
    near = v.neighbourhood(sims, "test")
    assert 0 < near.sum() < len(v.lib)
    assert sims[near].min() >= sims[~near].max(), "a threshold on similarity"
    assert (v.neighbourhood(sims * 10, "test-scaled") == near).all()


def test_the_reasons_of_a_played_item_say_so(db, profile, listened):
    lib, end = listened
    v = view_at(db, profile, end + timedelta(days=1))
    top = int(np.argmax(v.sig.plays))
    reasons = v.reasons(top, "a lead first")
    assert reasons[0] == "a lead first" and len(reasons) >= 2
    assert all(isinstance(r, str) and r for r in reasons)
