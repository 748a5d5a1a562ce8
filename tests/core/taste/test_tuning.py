"""Tuning the signals' weights: a window of the history ranks as the whole history does."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.taste import eventlog, tuning
from companion.core.taste import signals as sg
from companion.core.taste.library import load_library


@pytest.mark.parametrize("cap", [40, 10_000])
def test_tuning_ranks_from_a_window_but_asks_the_whole_history_what_was_new(db, listened, monkeypatch, cap):
    lib = load_library(db)
    log = eventlog.load_events(db, lib)
    stars, liked = np.full(len(lib), np.nan), np.zeros(len(lib), np.int8)
    params, report = tuning.tune(lib, log, len(log), stars, liked, 0.3)
    monkeypatch.setattr(tuning, "MAX_HISTORY", cap)
    capped, capped_report = tuning.tune(lib, log, len(log), stars, liked, 0.3)
    assert capped_report["points"] == report["points"] > 0
    assert capped.discovery_share == params.discovery_share
    if cap > len(log):
        assert capped == params and capped_report == report
    assert isinstance(capped, sg.Params)
