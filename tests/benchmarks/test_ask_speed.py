"""benchmarks/ask_speed.py at its smoke size: it runs, and reports every figure it promises."""

import pytest

PROMISED = {
    "ask_first_ms",
    "ask_loved_ms",
    "ask_new_ms",
    "ask_no_metal_ms",
    "ask_sunday_ms",
    "ask_mixed_ms",
    "ask_median_ms",
    "ask_worst_ms",
    "ask_process_s",
    "replay_year_ms",
    "ask_median_cpu_ms",
    "replay_year_cpu_ms",
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    doc = run_smoke("ask_speed", PROMISED)
    assert doc["figures"]["ask_worst_ms"] > 0
