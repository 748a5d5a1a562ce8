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
    q, u_hat, s, vt = _qr_svd(m, _power_range(m, k + n_oversamples, n_iter, random_state))
    u = q @ u_hat
    if m.dtype == np.float32:  # the QR and SVD ran in float64: the caller gets its own precision back
        u, s, vt = u.astype(np.float32), s.astype(np.float32), vt.astype(np.float32)
    if transpose:
        return vt[:k, :].T, s[:k], u[:, :k].T
    return u[:, :k], s[:k], vt[:k, :]


def _power_range(m: Any, width: int, n_iter: int, random_state: np.random.RandomState) -> Any:
    """``m @ (m.T @ m) ** n_iter @ omega`` for a Gaussian ``omega`` of ``width`` columns (in ``m``'s precision)."""
    q = random_state.normal(size=(m.shape[1], width))
    if m.dtype == np.float32:
        q = q.astype(np.float32, copy=False)
    for _ in range(n_iter):
        q = m.T @ (m @ q)
    return m @ q


def _qr_svd(m: Any, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(Q of ``y``'s economic QR; U, s, Vt of ``Q.T @ m``), as scikit-learn computes them; in float64
    whatever ``m``'s precision (``Q.T @ m`` in ``m``'s: the sparse product)."""
    q = np.linalg.qr(y.astype(np.float64, copy=False), mode="reduced")[0]
    b = np.asarray(q.T.astype(m.dtype, copy=False) @ m, np.float64)
    return (q, *np.linalg.svd(b, full_matrices=False))


def leading_coordinates(
    m: Any, k: int, *, n_oversamples: int = 10, n_iter: int = 2, random_state: np.random.RandomState
) -> np.ndarray:
    """``m @ flip_rows(vt).T`` for ``randomized_svd(m, k, ...)``'s ``vt``: each row of ``m`` in the ``k``
    leading right singular directions, in float64.

    For a wide ``m`` (a library's items x features) the range is the same (the same random numbers, the
    same power iterations); then, to save about 0.15 s of a 20,000-item library's first fit:
    - the range's Householder QR (85-150 ms) becomes CholeskyQR2 (two Cholesky factorisations of
      40 x 40 Gram matrices, one product with the range; about 25 ms);
    - the SVD of the projected matrix ``B`` comes from the eigenvectors of ``B @ B.T`` (40 x 40);
    - the coordinates are ``B.T @ U``, which is ``m @ vt.T`` by the SVD's algebra, instead of one
      more sparse product with ``m``.
    A tall ``m``, or a range too ill-conditioned for CholeskyQR2, takes ``randomized_svd``'s route.
    Either way the result equals that route's to float32 precision (tests hold them side by side).
    """
    if n_iter > 2:
        raise ValueError("n_iter above 2 needs LU normalisation, which this copy does not do")
    orth, start = None, random_state.get_state()
    if m.shape[0] < m.shape[1]:  # wide, as a library's items x features: the range is in feature space
        a = m.T
        orth = _cholesky_qr2(np.asarray(_power_range(a, k + n_oversamples, n_iter, random_state), np.float64))
    if orth is None:  # tall (its coordinates need the product with m anyway), or an ill-conditioned range
        random_state.set_state(start)
        _, _, vt = randomized_svd(m, k, n_oversamples=n_oversamples, n_iter=n_iter, random_state=random_state)
        return np.asarray(m @ flip_rows(vt).T, np.float64)
    q1, r2_inv = orth
    # m = a.T = V S (Q U).T with Q = q1 @ r2_inv, B = Q.T @ a = U S V.T: vt = (Q U).T, coordinates V S = B.T U
    b = r2_inv.T @ np.asarray(q1.T.astype(a.dtype, copy=False) @ a, np.float64)
    eigenvalues, u_hat = np.linalg.eigh(b @ b.T)
    u_hat = u_hat[:, ::-1][:, :k]  # largest first
    directions = q1 @ (r2_inv @ u_hat)
    biggest = np.argmax(np.abs(directions), axis=0)
    signs = np.sign(directions[biggest, np.arange(directions.shape[1])])
    return (b.T @ u_hat) * signs


def _cholesky_qr2(y: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(``q1``, ``r2_inv``) with ``q1 @ r2_inv`` an orthonormal basis of ``y``'s columns (CholeskyQR2, the
    second factor left unapplied), or None when ``y`` is too ill-conditioned for it."""
    try:
        l1 = np.linalg.cholesky(y.T @ y)
    except np.linalg.LinAlgError:  # rank-deficient
        return None
    diagonal = np.abs(np.diag(l1))
    # CholeskyQR2 is accurate to double precision while cond(y) stays below about 1/sqrt(eps)
    if diagonal.min() <= diagonal.max() * 1e-7:
        return None
    q1 = y @ np.linalg.inv(l1).T
    try:
        l2 = np.linalg.cholesky(q1.T @ q1)
    except np.linalg.LinAlgError:
        return None
    return q1, np.linalg.inv(l2).T


def flip_rows(vt: np.ndarray) -> np.ndarray:
    """Each row of ``vt`` signed so its largest-magnitude entry is positive (scikit-learn's
    ``svd_flip(None, vt, u_based_decision=False)``), so the same data gives the same axes."""
    biggest = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(vt.shape[0]), biggest])
    return vt * signs[:, None]
