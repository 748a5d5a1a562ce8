"""numpy BLAS and LAPACK results for the OpenBLAS adapter test: ``python blas_check.py OUT.npz``.

Prints the OpenBLAS library numpy loaded; saves dot/matmul/syrk and numpy.linalg results (solve, inv,
det, eig, eigh, svd, lstsq, qr, cholesky, pinv), also on reversed (negative-stride) views.
"""

import sys
from pathlib import Path

import numpy as np

rng = np.random.default_rng(1)
out = {}
for dtype in (np.float32, np.float64, np.complex64, np.complex128):
    a = rng.normal(size=(40, 30)).astype(dtype)
    if np.iscomplexobj(a):
        a = a + 1j * rng.normal(size=a.shape).astype(a.real.dtype)
    b, v = a[:30, :20].copy(), a[0].copy()
    s = a[:30] @ a[:30].conj().T + 30 * np.eye(30, dtype=dtype)
    k = np.dtype(dtype).name
    out[k + " matmul"], out[k + " matvec"], out[k + " syrk"] = a @ a[:20].T, a @ v, a.T @ a
    out[k + " vdot"] = np.vdot(v, v)
    out[k + " solve"], out[k + " inv"], out[k + " det"] = (
        np.linalg.solve(s, b),
        np.linalg.inv(s),
        np.linalg.det(s),
    )
    out[k + " svd"], out[k + " eigvalsh"] = np.linalg.svd(a, compute_uv=False), np.linalg.eigvalsh(s)
    out[k + " eigvals"] = np.sort_complex(np.linalg.eigvals(s))
    out[k + " cholesky"], out[k + " qr"] = np.linalg.cholesky(s), np.abs(np.linalg.qr(a)[1])
    out[k + " lstsq"], out[k + " pinv"] = np.linalg.lstsq(a, a[:, :3], rcond=None)[0], np.linalg.pinv(a)
    out[k + " reversed"] = np.linalg.solve(s[::-1, ::-1], v[::-1])
np.savez(sys.argv[1], **out)
print(
    " ".join(
        sorted(
            {
                line.split()[-1]
                for line in Path("/proc/self/maps").read_text().splitlines()
                if "openblas" in line
            }
        )
    )
)
