"""benchmarks/demo_start.py at its smoke size: it runs, and reports every figure it promises."""

import pytest

PROMISED = {
    "bare_window_s",
    "demo_home_s",
    "demo_home_best_s",
    "demo_home_cpu_s",
    "demo_home_ratio",
    "demo_home_rows",
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    doc = run_smoke("demo_start", PROMISED)
    figures = doc["figures"]
    assert figures["demo_home_rows"] > 0  # the demo's own home, not the welcome
    assert 0 < figures["bare_window_s"] < figures["demo_home_s"]
    assert figures["demo_home_ratio"] > 1 and figures["demo_home_cpu_s"] > 0
