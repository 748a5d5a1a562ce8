"""What keeps a refit bounded at 100,000 items and 1,000,000 events gives the same answers as the plain way."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.events.record import record_event
from companion.core.taste import embed, eventlog, tuning
from companion.core.taste import signals as sg
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


def test_stacking_in_row_blocks_lays_out_what_scipy_does():
    from scipy import sparse

    a = sparse.random(20_000, 30, density=0.1, format="csr", random_state=1)
    b = sparse.random(20_000, 500, density=0.01, format="csr", random_state=2, dtype=np.float32).tolil()
    b[3] = 0
    b = b.tocsr()
    for dtype in (np.float64, np.float32):
        got, want = embed._hstack(a, b, dtype), sparse.hstack([a, b], format="csr", dtype=dtype)
        assert got.dtype == want.dtype
        assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data)


def test_cooccurrence_by_blocks_keeps_each_items_strongest_partners(db, listened, monkeypatch):
    lib = load_library(db)
    log = eventlog.load_events(db, lib)
    full, positives = embed.cooccurrence_ppmi(lib, log, len(log))
    monkeypatch.setattr(embed, "BLOCK", 5)
    blocked, same_positives = embed.cooccurrence_ppmi(lib, log, len(log))
    assert positives == same_positives == full.nnz
    assert abs(full - blocked).max() == 0
    monkeypatch.setattr(embed, "MAX_PARTNERS", 3)
    same, _ = embed.cooccurrence_ppmi(lib, log, len(log))
    assert same.nnz == full.nnz  # few pairs in all: nothing is pruned
    monkeypatch.setattr(embed, "PRUNE_ABOVE_PAIRS", 0)
    pruned, pruned_positives = embed.cooccurrence_ppmi(lib, log, len(log))
    assert pruned_positives == positives  # the co-occurrence weight still counts every positive pair
    for i in range(len(lib)):
        kept = np.sort(pruned[i].data)[::-1]
        row = np.sort(full[i].data.astype(np.float32))[::-1]
        assert len(kept) == min(3, len(row))
        assert np.array_equal(kept, row[: len(kept)])


def test_cooccurrence_reads_only_the_most_recent_plays(db, listened, monkeypatch):
    lib = load_library(db)
    log = eventlog.load_events(db, lib)
    plays = np.flatnonzero(((log.type == eventlog.PLAY) | (log.type == eventlog.COMPLETED)) & (log.item >= 0))
    monkeypatch.setattr(embed, "MAX_COOC_PLAYS", 60)
    recent, _ = embed.cooccurrence_ppmi(lib, log, len(log))
    assert set(np.flatnonzero(recent.getnnz(axis=1))) <= set(log.item[plays[-60:]].tolist())


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
