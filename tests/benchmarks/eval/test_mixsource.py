"""The harness asks the real engine the way the window does; these check the adapter, not the taste."""

from datetime import UTC, datetime

from benchmarks.eval.mixsource import EngineRowSource, EngineSource, engine_missing_reason
from benchmarks.eval.ml_replay import evaluate_user
from benchmarks.eval.simulate import run_simulation


def test_engine_is_importable():
    assert engine_missing_reason() is None


def test_simulation_runs_the_engine_in_a_closed_loop(tmp_path):
    res = run_simulation(EngineSource(), tmp_path, days=2, seed=3, n_tracks=300)
    assert res.errors == [] and res.sessions == 6
    assert res.empty_now < res.sessions  # a now row once there is history
    assert len(res.fit_week1) > 0


def test_engine_row_source_returns_library_videos(tiny, tmp_path):
    errors: list[str] = []
    points = evaluate_user(tiny, 1, tmp_path, seed=0, engine=True, errors=errors)
    assert errors == []
    assert all("engine" in p.ndcg and 0.0 <= p.ndcg["engine"] <= 1.0 for p in points)


def test_engine_source_reads_only_the_given_profile(db, profile):
    at = datetime(2026, 3, 2, 8, tzinfo=UTC)
    assert EngineRowSource("recommended-videos", 20).home(db, profile, at) == {}
    assert isinstance(EngineSource().home(db, profile, at), dict)
