"""The event log held by the taste engine: read in chunks, or extended with late events, it is the log read at
once (what keeps a refit bounded at 1,000,000 events)."""

from __future__ import annotations

import numpy as np

from companion.core.events.record import record_event
from companion.core.taste import eventlog
from companion.core.taste.library import load_library

ARRAYS = ("id", "item", "type", "ts", "local", "pos", "neg", "value", "frac", "imported")


def test_events_read_in_chunks_are_the_events_read_at_once(db, listened, monkeypatch):
    lib_ids, _ = listened
    record_event(db, lib_ids["jazz"][0], "row_start", context="daily-1")
    record_event(db, lib_ids["jazz"][1], "rating", value=4.0)
    lib = load_library(db)
    whole = eventlog.load_events(db, lib)
    monkeypatch.setattr(eventlog, "CHUNK", 7)
    chunked = eventlog.load_events(db, lib)
    for name in ARRAYS:
        assert np.array_equal(getattr(whole, name), getattr(chunked, name), equal_nan=True), name
    assert whole.context == chunked.context and "daily-1" in whole.context
    assert np.nanmax(whole.value) == 4.0
    later = eventlog.load_events(db, lib, after_id=int(whole.id[len(whole) // 2]))
    assert len(later) == len(whole) - len(whole) // 2 - 1


def test_late_events_are_merged_into_time_order_as_a_sort_would(db, listened):
    lib_ids, end = listened
    lib = load_library(db)
    held = eventlog.load_events(db, lib)
    view_context = held.context
    last = int(held.id.max())
    first_ts = float(held.ts[0])
    for k, ts in enumerate((first_ts, float(held.ts[len(held) // 2]), first_ts - 5.0)):  # stamped in the past
        record_event(
            db, lib_ids["pop"][k], "completed", ts=ts, position=200.0, duration=200.0, context=f"late-{k}"
        )
    held.extend(eventlog.load_events(db, lib, after_id=last))
    fresh = eventlog.load_events(db, lib)
    for name in ARRAYS:
        assert np.array_equal(getattr(held, name), getattr(fresh, name), equal_nan=True), name
    assert held.context == fresh.context and held.last_id == fresh.last_id
    assert (
        view_context is not held.context and len(view_context) == len(held) - 3
    )  # a view's list is left alone
