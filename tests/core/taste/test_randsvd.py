"""The taste engine's own randomized SVD gives what scikit-learn's gives on the same data.

It exists so a new profile's first home does not wait 0.7 s for scikit-learn's import; scikit-learn
stays the reference they are held to.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from companion.core.taste.randsvd import flip_rows, leading_coordinates, randomized_svd


@pytest.mark.parametrize("shape", [(500, 80), (60, 400)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_randomized_svd_is_scikit_learns(shape, dtype):
    from sklearn.utils.extmath import randomized_svd as reference
    from sklearn.utils.extmath import svd_flip

    m = sparse.random(*shape, density=0.05, random_state=3, format="csr", dtype=dtype)
    want = reference(m, 20, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(7), flip_sign=False)
    got = randomized_svd(m, 20, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(7))
    for a, b in zip(want, got, strict=True):
        assert a.shape == b.shape and a.dtype == b.dtype
    if dtype == np.float64:  # the same LAPACK calls: the same numbers
        for a, b in zip(want, got, strict=True):
            np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-6)
        _, flipped = svd_flip(None, want[2].copy(), u_based_decision=False)
        np.testing.assert_array_equal(flip_rows(got[2]), flipped)
    else:  # float32 products, QR and SVD in float64: the same triplets to float32 precision, signs aside
        np.testing.assert_allclose(got[1], want[1], rtol=1e-5)
        want_u, want_vt = svd_flip(want[0].copy(), want[2].copy(), u_based_decision=False)
        got_u, got_vt = svd_flip(got[0].copy(), got[2].copy(), u_based_decision=False)
        np.testing.assert_allclose(got_u, want_u, atol=2e-4)
        np.testing.assert_allclose(got_vt, want_vt, atol=2e-4)
        np.testing.assert_array_equal(flip_rows(got[2]), got_vt)
    # and it is an SVD: the leading singular values of the matrix itself
    exact = np.linalg.svd(m.toarray().astype(np.float64), compute_uv=False)[:5]
    np.testing.assert_allclose(got[1][:5], exact, rtol=0.05)


def test_randomized_svd_refuses_more_power_iterations_than_it_copies():
    with pytest.raises(ValueError, match="n_iter"):
        randomized_svd(np.eye(4), 2, n_iter=3, random_state=np.random.RandomState(0))


@pytest.mark.parametrize("shape", [(60, 400), (300, 900), (500, 80)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_leading_coordinates_are_the_rows_in_the_flipped_right_singular_directions(shape, dtype):
    m = sparse.random(*shape, density=0.05, random_state=3, format="csr", dtype=dtype)
    _, _, vt = randomized_svd(m, 20, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(7))
    want = m @ flip_rows(vt).T
    got = leading_coordinates(m, 20, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(7))
    assert got.shape == (shape[0], 20) and got.dtype == np.float64
    np.testing.assert_allclose(got, want, atol=1e-12 if dtype == np.float64 else 2e-6)


def test_leading_coordinates_take_the_qr_route_for_a_rank_deficient_range():
    rng = np.random.RandomState(1)
    low_rank = sparse.csr_matrix(rng.normal(size=(50, 5)) @ rng.normal(size=(5, 300)))  # rank 5 < 20 + 8
    _, _, vt = randomized_svd(low_rank, 20, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(7))
    got = leading_coordinates(low_rank, 20, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(7))
    np.testing.assert_array_equal(got, low_rank @ flip_rows(vt).T)  # the same draws, the same route
    assert np.isfinite(got).all()
