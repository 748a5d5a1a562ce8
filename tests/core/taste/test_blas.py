"""The taste fit's BLAS limit reaches NumPy's and SciPy's libraries, in a fresh process as in the worker.

A float64 fit runs numpy's linear algebra only; a float32 fit loads SciPy's inside the fit (``scipy_linalg``),
so the limit must reach a BLAS loaded after it was entered."""

import json
import subprocess
import sys

from companion.core.taste.blas import one_blas_thread, scipy_linalg

PROBE = """
import json
import sys
import numpy  # loaded before the fit, as in the worker
from threadpoolctl import threadpool_info
from companion.core.taste.blas import one_blas_thread, scipy_linalg
def blas():
    return [(i["internal_api"], i["filepath"], i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"]
with one_blas_thread():
    fit64 = blas(), "scipy.linalg" in sys.modules
    with scipy_linalg():
        fit32 = blas()
print(json.dumps([fit64, fit32]))
"""


def test_every_blas_runs_one_thread_inside_the_fit_limit():
    # a fresh process: SciPy is not loaded yet, as in the taste worker on a first start
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    (fit64, scipy_loaded), fit32 = json.loads(out.stdout)
    assert not scipy_loaded  # a float64 fit does not import scipy.linalg (randsvd.py)
    assert fit64 and all(threads == 1 for _, _, threads in fit64), fit64
    paths = {path for _, path, _ in fit32}
    assert any("scipy" in p for p in paths), f"SciPy's BLAS was not loaded: {paths}"
    assert all(threads == 1 for _, _, threads in fit32), fit32


def test_the_limit_ends_with_the_fit():
    from threadpoolctl import threadpool_info

    with one_blas_thread():
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    # outside it, nothing is held at one thread by it (the default is back)
    before = {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
    with one_blas_thread():
        pass
    after = {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
    assert before == after
    with one_blas_thread(), scipy_linalg():
        pass
    # SciPy's BLAS, loaded by now, is back to its default too
    after_scipy = {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
    with one_blas_thread(), scipy_linalg():
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    assert {
        i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"
    } == after_scipy
