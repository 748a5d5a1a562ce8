"""benchmarks/startup.py at its smoke size: it runs, and reports every figure it promises."""

import shutil

import pytest

PROMISED = {
    "self_test_first_s",
    "self_test_median_s",
    "self_test_best_s",
    "self_test_failures",
    "x11_first_s",
    "x11_median_s",
    "x11_best_s",
    "bundle_mb",
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    may_skip = ["bundle_mb"]  # measured with --exe (a built bundle)
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        may_skip.append("x11_")
    doc = run_smoke("startup", PROMISED, may_skip=tuple(may_skip))
    assert doc["figures"]["self_test_failures"] == 0
