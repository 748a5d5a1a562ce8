"""scikit-learn's ``randomized_svd`` (Halko et al., 2009), step for step, without importing scikit-learn.

Importing scikit-learn costs about 0.7 s (its ``utils.fixes`` pulls in ``scipy.stats``); the taste
engine's first fit on a new profile is on the way to the first painted home, so it runs this copy.
It draws the same random numbers and calls the same LAPACK routines as scikit-learn 1.x, so the
embeddings are the ones scikit-learn gives (a test holds the two side by side).

In float64 (every library up to ``embed.FLOAT64_MAX_NNZ`` stored values) the QR and SVD are numpy's: the
same LAPACK routines (``geqrf``/``orgqr``, ``gesdd``) of the same OpenBLAS, bit for bit the same result,
without importing ``scipy.linalg`` (0.13 s of CPU on the way to a new profile's first home). numpy runs
float32 input in float64, so float32 keeps SciPy's, as scikit-learn does.

The sparse products (six of them, most of the SVD's time) run on two threads, each on half the rows
(``TwoThreads``): a row of a product depends on that row only, so the result is the same bit for bit,
and SciPy's sparse products let go of the interpreter lock, so on a new profile's first start, while the
window waits for its first home, the second core helps.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from companion.core.taste.blas import scipy_linalg


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
    mm, mt = (TwoThreads(m), TwoThreads(m.T)) if TwoThreads.worth_it(m) else (m, m.T)
    for _ in range(n_iter):
        q = mt @ (mm @ q)
    q, u_hat, s, vt = _qr_svd(m, mt, mm @ q)
    u = q @ u_hat
    if transpose:
        return vt[:k, :].T, s[:k], u[:, :k].T
    return u[:, :k], s[:k], vt[:k, :]


def _qr_svd(m: Any, mt: Any, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(Q of ``y``'s economic QR; U, s, Vt of ``Q.T @ m``), as scikit-learn computes them (``mt``: ``m.T``;
    for a sparse ``m`` SciPy computes ``Q.T @ m`` as ``(m.T @ Q).T``)."""
    if y.dtype == np.float64:
        q = np.linalg.qr(y, mode="reduced")[0]
        return (q, *np.linalg.svd(_left_product(q, m, mt), full_matrices=False))
    with scipy_linalg() as linalg:  # float32: numpy would compute in float64
        q, _ = linalg.qr(y, mode="economic", check_finite=False)
        return (q, *linalg.svd(_left_product(q, m, mt), full_matrices=False, lapack_driver="gesdd"))


def _left_product(q: np.ndarray, m: Any, mt: Any) -> np.ndarray:
    return (mt @ q).T if isinstance(mt, TwoThreads) else np.asarray(q.T @ m)


class TwoThreads:
    """A sparse matrix as two blocks of rows (CSR, the first sharing the matrix's arrays), multiplied by a
    dense one on two threads. Used between ``MIN_NNZ`` and ``MAX_NNZ`` stored values: below, threads cost
    more than they save; above (large libraries, float32), the CSR copy of a CSC matrix would add to the
    refit's peak memory."""

    MIN_NNZ = 200_000
    MAX_NNZ = 4_000_000
    _pool: ThreadPoolExecutor | None = None

    @classmethod
    def worth_it(cls, m: Any) -> bool:
        return hasattr(m, "tocsr") and cls.MIN_NNZ < m.nnz <= cls.MAX_NNZ

    def __init__(self, m: Any) -> None:
        # SciPy: only when the model is fitted
        from scipy import sparse

        m = m.tocsr()  # a CSC matrix's rows gathered in column order: its products' sums, in the same order
        half = m.shape[0] // 2
        cut = int(m.indptr[half])
        self.parts = (
            sparse.csr_matrix((m.data[:cut], m.indices[:cut], m.indptr[: half + 1]), (half, m.shape[1])),
            sparse.csr_matrix(
                (m.data[cut:], m.indices[cut:], m.indptr[half:] - cut), (m.shape[0] - half, m.shape[1])
            ),
        )

    def __matmul__(self, b: np.ndarray) -> np.ndarray:
        if TwoThreads._pool is None:
            TwoThreads._pool = ThreadPoolExecutor(1, thread_name_prefix="companion-svd")
        other = TwoThreads._pool.submit(self.parts[1].__matmul__, b)
        top = self.parts[0] @ b
        return np.vstack([top, other.result()])


def flip_rows(vt: np.ndarray) -> np.ndarray:
    """Each row of ``vt`` signed so its largest-magnitude entry is positive (scikit-learn's
    ``svd_flip(None, vt, u_based_decision=False)``), so the same data gives the same axes."""
    biggest = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(vt.shape[0]), biggest])
    return vt * signs[:, None]
