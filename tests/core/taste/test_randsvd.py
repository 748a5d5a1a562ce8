"""The taste engine's own randomized SVD gives what scikit-learn's gives on the same data.

It exists so a new profile's first home does not wait 0.7 s for scikit-learn's import; scikit-learn
stays the reference they are held to.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from companion.core.taste.randsvd import flip_rows, randomized_svd


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
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-6)
    _, flipped = svd_flip(None, want[2].copy(), u_based_decision=False)
    np.testing.assert_array_equal(flip_rows(got[2]), flipped)
    # and it is an SVD: the leading singular values of the matrix itself
    exact = np.linalg.svd(m.toarray().astype(np.float64), compute_uv=False)[:5]
    np.testing.assert_allclose(got[1][:5], exact, rtol=0.05)


def test_randomized_svd_refuses_more_power_iterations_than_it_copies():
    with pytest.raises(ValueError, match="n_iter"):
        randomized_svd(np.eye(4), 2, n_iter=3, random_state=np.random.RandomState(0))


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_two_threads_multiply_as_scipy_does_bit_for_bit(fmt):
    from companion.core.taste.randsvd import TwoThreads

    m = sparse.random(301, 120, density=0.1, random_state=5, format=fmt)
    q = np.random.RandomState(1).normal(size=(120, 9))
    np.testing.assert_array_equal(TwoThreads(m) @ q, m @ q)
    back = np.random.RandomState(2).normal(size=(301, 3))
    np.testing.assert_array_equal(TwoThreads(m.T) @ back, m.T @ back)


def test_the_svd_on_two_threads_is_the_one_on_one(monkeypatch):
    from companion.core.taste.randsvd import TwoThreads

    m = sparse.random(400, 900, density=0.05, random_state=2, format="csr")
    one = randomized_svd(m, 12, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(3))
    monkeypatch.setattr(TwoThreads, "MIN_NNZ", 0)
    assert TwoThreads.worth_it(m)
    two = randomized_svd(m, 12, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(3))
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)
