"""The taste fit's BLAS limit reaches NumPy's and SciPy's libraries, in a fresh process as in the worker."""

import json
import subprocess
import sys

from companion.core.taste.blas import one_blas_thread

PROBE = """
import json
from threadpoolctl import threadpool_info
from companion.core.taste.blas import one_blas_thread
with one_blas_thread():
    inside = [(i["internal_api"], i["filepath"], i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas"]
print(json.dumps(inside))
"""


def test_every_blas_runs_one_thread_inside_the_fit_limit():
    # a fresh process: SciPy is not loaded yet, as in the taste worker on a first start
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    inside = json.loads(out.stdout)
    paths = {path for _, path, _ in inside}
    assert any("scipy" in p for p in paths), f"SciPy's BLAS was not loaded: {paths}"
    assert all(threads == 1 for _, _, threads in inside), inside


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
