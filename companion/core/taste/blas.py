"""One BLAS thread for the taste engine's fits.

The fit runs in the background beside the window; on a 2-core machine a second BLAS thread mostly spins
waiting for the first, and the sizes involved (a 20,000 x 40 QR, a 40 x 20,000 SVD) gain nothing from it.
NumPy and SciPy each bring their own OpenBLAS, and threadpoolctl limits only the libraries loaded when the
limit is entered: SciPy's QR and SVD with two threads took four times the CPU (0.63 s against 2.59 s at
20,000 items). The fit's linear algebra is numpy's (``randsvd.py``) except in float32 (large libraries),
which loads SciPy's through ``scipy_linalg``: that limits SciPy's BLAS once it is loaded, so a new
profile's first fit does not import ``scipy.linalg`` only to limit it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any


def one_blas_thread() -> AbstractContextManager[Any]:
    """A context in which every BLAS loaded so far (NumPy's; SciPy's if loaded) runs one thread."""
    # only when a model is fitted: threadpoolctl stays out of start-up
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


@contextmanager
def scipy_linalg() -> Iterator[Any]:
    """``scipy.linalg``, with its BLAS held at one thread while the context lasts."""
    # SciPy's linear algebra: only for a float32 fit (randsvd.py)
    import scipy.linalg

    with one_blas_thread():
        yield scipy.linalg
