"""The taste engine's own randomized SVD and k-means give what scikit-learn's give on the same data.

They exist so a new profile's first home does not wait 0.7 s for scikit-learn's import; scikit-learn
stays the reference they are held to.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from companion.core.taste.kmeans import kmeans
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


@pytest.mark.parametrize("trial", range(12))
def test_kmeans_finds_scikit_learns_clusters(trial):
    from sklearn.cluster import KMeans

    rng = np.random.default_rng(trial)
    k, n = int(rng.integers(2, 7)), int(rng.integers(30, 600))
    x = rng.normal(size=(n, 32)).astype(np.float32)
    if trial % 2:  # blobs on odd trials, shapeless noise on even ones (where starts matter most)
        x += rng.normal(scale=3, size=(k, 32)).astype(np.float32)[rng.integers(0, k, n)]
    w = np.sqrt(rng.random(n) * 5).astype(np.float32)
    want = KMeans(n_clusters=k, n_init=3, random_state=trial).fit(x, sample_weight=w)
    got = kmeans(x, k, weights=w, n_init=3, seed=trial)
    for c in range(k):  # the same partition, whatever the clusters are called
        assert len(set(got.labels[want.labels_ == c].tolist())) == 1
    assert got.inertia == pytest.approx(want.inertia_, rel=1e-5)
    np.testing.assert_allclose(
        got.centres[got.labels[np.argmax(want.labels_ == 0)]], want.cluster_centers_[0], atol=1e-4
    )


def test_kmeans_moves_an_empty_cluster_and_checks_k():
    x = np.array([[0.0, 0.0]] * 5 + [[10.0, 10.0]] * 5 + [[0.0, 10.0]])
    got = kmeans(x, 3, seed=1)
    assert sorted(np.bincount(got.labels, minlength=3).tolist()) == [1, 5, 5]
    assert got.inertia == pytest.approx(0.0)
    with pytest.raises(ValueError, match="k-means needs"):
        kmeans(x, 12)
