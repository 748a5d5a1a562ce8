"""The embedding's co-occurrence: built in blocks, pruned and windowed to keep a refit bounded at 100,000 items
and 1,000,000 events, it gives the same answers as the plain way."""

from __future__ import annotations

import numpy as np

from companion.core.taste import embed, eventlog
from companion.core.taste.library import load_library


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


def test_unit_rows_are_what_the_diagonal_product_gave_entry_for_entry():
    from scipy import sparse

    for seed in range(10):
        x = sparse.random(30, 12, density=0.3, format="csr", random_state=seed)
        x.data[::7] = 0  # stored zeros, which the product drops
        x = sparse.vstack([x, sparse.csr_matrix((2, 12))]).tocsr()  # empty rows, at the end too
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        want = sparse.diags(1.0 / norms) @ x
        got = embed._l2_rows(x)
        assert got.dtype == want.dtype and got.shape == want.shape
        for a, b in ((got.indptr, want.indptr), (got.indices, want.indices), (got.data, want.data)):
            np.testing.assert_array_equal(a, b)  # the same order: the SVD sums as it did
        lengths = np.sqrt(np.asarray(got.multiply(got).sum(axis=1)).ravel())
        np.testing.assert_allclose(lengths[lengths > 0], 1.0)


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


def test_a_large_library_embeds_in_float32_with_the_same_neighbours(db, listened, monkeypatch):
    lib = load_library(db)
    log = eventlog.load_events(db, lib)
    small = embed.item_embeddings(lib, log, len(log))
    monkeypatch.setattr(embed, "FLOAT64_MAX_NNZ", 0)  # as beyond 500,000 stored values
    large = embed.item_embeddings(lib, log, len(log))
    assert large.dtype == np.float32 and large.shape == small.shape
    played = np.flatnonzero(np.linalg.norm(small, axis=1) > 0)
    np.testing.assert_allclose(np.linalg.norm(large[played], axis=1), 1.0, rtol=1e-5)
    # float32 products: the same similarities to about 0.02 (the co-occurrence block's unit rows times its
    # weight, scaled in place in float32)
    np.testing.assert_allclose(large @ large.T, small @ small.T, atol=0.04)
