"""The taste engine's own k-means gives what scikit-learn's gives on the same data.

It exists so a new profile's first home does not wait 0.7 s for scikit-learn's import; scikit-learn
stays the reference they are held to.
"""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.taste.kmeans import kmeans


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
