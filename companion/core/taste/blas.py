"""One BLAS thread for the taste engine's fits.

The fit runs in the background beside the window; on a 2-core machine a second BLAS thread mostly spins
waiting for the first, and the sizes involved (a 20,000 x 40 QR, a 40 x 20,000 SVD) gain nothing from it.
NumPy and SciPy each bring their own OpenBLAS, and threadpoolctl limits only the libraries loaded when the
limit is entered: SciPy's QR and SVD with two threads took four times the CPU (0.63 s against 2.59 s at
20,000 items). So the fit's linear algebra is numpy's, in both precisions (``randsvd.py``): the limit entered
before the fit reaches every BLAS the fit uses.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any


def one_blas_thread() -> AbstractContextManager[Any]:
    """A context in which every BLAS loaded so far (NumPy's; SciPy's if loaded) runs one thread."""
    # only when a model is fitted: threadpoolctl stays out of start-up
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)
