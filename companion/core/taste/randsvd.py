"""scikit-learn's ``randomized_svd`` (Halko et al., 2009), step for step, without importing scikit-learn.

Importing scikit-learn costs about 0.7 s (its ``utils.fixes`` pulls in ``scipy.stats``); the taste
engine's first fit on a new profile is on the way to the first painted home, so it runs this copy.
It draws the same random numbers and calls the same LAPACK routines as scikit-learn 1.x, so the
embeddings are the ones scikit-learn gives (a test holds the two side by side).

The QR and the small SVD are numpy's: in float64 (libraries up to ``embed.FLOAT64_MAX_NNZ`` stored values)
the same LAPACK routines (``geqrf``/``orgqr``, ``gesdd``) of the same OpenBLAS as scikit-learn's SciPy calls,
bit for bit the same result, without importing ``scipy.linalg`` (0.13 s of CPU on the way to a new profile's
first home). In float32 the sparse products (the fit's largest step) stay float32 as scikit-learn's, and the QR
and SVD of the small dense matrices run in float64 (numpy computes in float64 anyway): scikit-learn's result to
float32 precision, at least as accurate, still without ``scipy.linalg``.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def randomized_svd(
    m: Any, k: int, *, n_oversamples: int = 10, n_iter: int = 2, random_state: np.random.RandomState
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(U, s, Vt) of the ``k`` leading singular triplets of ``m`` (dense or scipy sparse).

    Like scikit-learn's with ``power_iteration_normalizer="auto"``, ``transpose="auto"`` and
    ``flip_sign=False``; ``n_iter`` up to 2 (no normalisation between power iterations, as scikit-learn
    does at that count).
    """
    if n_iter > 2:
        raise ValueError("n_iter above 2 needs LU normalisation, which this copy does not do")
    transpose = m.shape[0] < m.shape[1]
    if transpose:
        m = m.T
    q = random_state.normal(size=(m.shape[1], k + n_oversamples))
    if m.dtype == np.float32:
        q = q.astype(np.float32, copy=False)
    for _ in range(n_iter):
        q = m.T @ (m @ q)
    q, u_hat, s, vt = _qr_svd(m, m @ q)
    u = q @ u_hat
    if m.dtype == np.float32:  # the QR and SVD ran in float64: the caller gets its own precision back
        u, s, vt = u.astype(np.float32), s.astype(np.float32), vt.astype(np.float32)
    if transpose:
        return vt[:k, :].T, s[:k], u[:, :k].T
    return u[:, :k], s[:k], vt[:k, :]


def _qr_svd(m: Any, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(Q of ``y``'s economic QR; U, s, Vt of ``Q.T @ m``), as scikit-learn computes them; in float64
    whatever ``m``'s precision (``Q.T @ m`` in ``m``'s: the sparse product)."""
    q = np.linalg.qr(y.astype(np.float64, copy=False), mode="reduced")[0]
    b = np.asarray(q.T.astype(m.dtype, copy=False) @ m, np.float64)
    return (q, *np.linalg.svd(b, full_matrices=False))


def flip_rows(vt: np.ndarray) -> np.ndarray:
    """Each row of ``vt`` signed so its largest-magnitude entry is positive (scikit-learn's
    ``svd_flip(None, vt, u_based_decision=False)``), so the same data gives the same axes."""
    biggest = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(vt.shape[0]), biggest])
    return vt * signs[:, None]
