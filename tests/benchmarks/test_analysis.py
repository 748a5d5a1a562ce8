"""benchmarks/analysis.py at its smoke size: it runs, and reports every figure it promises."""

import pytest

TOOLS = ("companion", "bliss", "librosa")
PROMISED = {
    *(
        f"{tool}_{what}"
        for tool in TOOLS
        for what in (
            "tracks_per_s",
            "cpu_tracks_per_s",
            "realtime",
            "peak_mib",
            "tempo_ok",
            "octave_ok",
            "key_ok",
        )
    ),
    "tracks",
    "runner_tracks",
    "runner_s",
    "runner_tracks_per_s",
    "runner_writer_ms",
    "eta_10k_wall_min",
    "eta_10k_cores_min",
    "vs_bliss",
    "vs_librosa",
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    # bliss-audio and librosa are the yardsticks where they are installed (neither is a dependency)
    doc = run_smoke("analysis", PROMISED, may_skip=("bliss_", "librosa_", "vs_"))
    figures = doc["figures"]
    assert figures["companion_key_ok"] == figures["tracks"] == 2  # generated tracks of known key
