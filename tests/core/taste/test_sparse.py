"""SciPy's sparse module comes without running NumPy submodules nobody asked for, and they still work when asked."""

import json
import subprocess
import sys

import numpy as np

from companion.core.taste.sparse import UNUSED, scipy_sparse

PROBE = """
import json, sys
import numpy as np
from companion.core.taste.sparse import UNUSED, scipy_sparse
sparse = scipy_sparse()
m = sparse.csr_matrix(np.eye(3)) @ np.ones((3, 2))
deferred = [n for n in UNUSED if type(sys.modules.get("numpy." + n)).__name__ == "_LazyModule"]
np.testing.assert_allclose(m, np.ones((3, 2)))  # a deferred submodule runs when used
masked = float(np.ma.masked_array([1.0, 2.0], mask=[True, False]).sum())
print(json.dumps([deferred, masked, type(sys.modules["numpy.testing"]).__name__]))
"""


def test_a_fresh_process_defers_numpys_unused_submodules_and_runs_each_when_used():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    deferred, masked, testing_now = json.loads(out.stdout)
    assert {"f2py", "testing", "ma"} <= set(deferred), deferred
    assert masked == 2.0
    assert testing_now == "module"  # loaded for real on first use


def test_it_is_scipy_sparse_in_a_process_that_has_it_already():
    import scipy.sparse

    assert scipy_sparse() is scipy.sparse
    assert (scipy_sparse().csr_matrix(np.eye(2)) @ np.ones(2)).tolist() == [1.0, 1.0]
    assert "testing" in UNUSED
