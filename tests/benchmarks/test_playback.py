"""benchmarks/playback.py at its smoke size: it runs, and reports every figure it promises."""

import pytest

PROMISED = {
    "gap_prepared_ms",
    "gap_prepared_max_ms",
    "gap_cold_ms",
    "gap_cold_max_ms",
    "finish_ms",
    "finish_p95_ms",
    "checkpoint_ms",
    "checkpoint_p95_ms",
    "stats_s",
    "history_ms",
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    doc = run_smoke("playback", PROMISED)
    assert doc["figures"]["finish_ms"] > 0 and doc["figures"]["stats_s"] > 0
