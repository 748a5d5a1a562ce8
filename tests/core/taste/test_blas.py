"""The taste fit's BLAS limit, in a fresh process as in the worker: the fit's linear algebra, in float64 and in
float32, runs on the one BLAS loaded before the limit (numpy's), at one thread, without loading SciPy's."""

import json
import subprocess
import sys

from companion.core.taste.blas import one_blas_thread

PROBE = """
import json
import sys
import numpy as np  # loaded before the fit, as in the worker
from scipy import sparse
from threadpoolctl import threadpool_info
from companion.core.taste.blas import one_blas_thread
from companion.core.taste.randsvd import randomized_svd
def blas():
    return [(i["filepath"], i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"]
seen = []
with one_blas_thread():
    for dtype in (np.float64, np.float32):
        m = sparse.random(300, 900, density=0.02, random_state=1, format="csr", dtype=dtype)
        u, s, vt = randomized_svd(m, 10, n_oversamples=8, n_iter=2, random_state=np.random.RandomState(0))
        seen.append([str(u.dtype), blas(), "scipy.linalg" in sys.modules])
print(json.dumps(seen))
"""


def test_both_precisions_fit_on_numpys_blas_at_one_thread_without_scipy_linalg():
    # a fresh process: SciPy's linear algebra is not loaded, as in the taste worker on a first start
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    for dtype, (got, libs, scipy_linalg) in zip(("float64", "float32"), json.loads(out.stdout), strict=True):
        assert got == dtype
        assert not scipy_linalg, "the fit loaded scipy.linalg: its BLAS would escape the limit"
        assert libs and all(threads == 1 for _, threads in libs), libs


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
