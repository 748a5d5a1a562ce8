"""benchmarks/taste_speed.py at its smoke size: it runs, and reports every figure it promises."""

import pytest

PROMISED = {
    "refit_first_s",
    "refit_first_cpu_s",
    "refit_s",
    "refit_cpu_s",
    "peak_mib",
    "home_process_s",
    "home_process_best_s",
    "home_process_cpu_s",
    "home_rows",
    "cli_import_s",
    "first_home_s",
    "refresh_ms",
    "refresh_worst_ms",
    "refresh_cpu_ms",
    "search_first_ms",
    "search_ms",
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    doc = run_smoke("taste_speed", PROMISED)
    assert doc["figures"]["home_rows"] > 0
