"""benchmarks/taste_eval.py at its smoke size: it runs, and reports every figure it promises."""

import subprocess
import sys
from pathlib import Path

import pytest

MOVIELENS = Path(__file__).resolve().parents[3] / "shared" / "data" / "ratings" / "ml-latest-small"

FAMILIES = ("A", "B", "drift", "tempo")
PROMISED = {
    *(
        f"{family}_{what}"
        for family in FAMILIES
        for what in (
            "now_fit",
            "skip_now",
            "genre_c",
            "disliked_shown",
            "best_baseline_fit",
            "most_played_skip",
        )
    ),
    "no_future_leak",
    "ml_points",
    *(f"ml_{r}_{m}" for r in ("engine", "genre", "random", "popular", "knn") for m in ("ndcg", "recall")),
}


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    # the smoke run simulates family A only; MovieLens comes from ../shared/data where it is
    no_movielens = () if (MOVIELENS / "ratings.csv").is_file() else ("ml_",)
    # next_: the next-track part runs with --part nexttrack (tests/benchmarks/eval/test_next_track.py)
    doc = run_smoke("taste_eval", PROMISED, may_skip=("B_", "drift_", "tempo_", "next_", *no_movielens))
    figures = doc["figures"]
    assert figures["no_future_leak"] is True and figures["A_disliked_shown"] == 0


# --- benchmarks/taste_eval.py as a person runs it (a subprocess: it sets TZ=UTC for itself).

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "taste_eval.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def test_bad_arguments_get_one_line_and_exit_2(tmp_path):
    for args in (
        ["--part", "history", "--profile", str(tmp_path)],
        ["--variants", "Z"],
        ["--days", "0"],
    ):
        r = _run(*args)
        assert r.returncode == 2, args
        assert (
            r.stderr.count("\n") == 1 and "Traceback" not in r.stderr and r.stderr.startswith("taste_eval:")
        )


def test_baseline_run_prints_tables_and_writes_nothing(tmp_path):
    r = _run(
        "--work",
        str(tmp_path / "work"),  # its scratch profiles: never the user's cache dir from a test
        "--part",
        "sim",
        "--no-engine",
        "--days",
        "8",
        "--listeners",
        "1",
        "--variants",
        "A",
        "--movielens",
        str(tmp_path),
    )
    assert r.returncode == 0, r.stderr
    assert "### Listener family A" in r.stdout and "| most played at this hour |" in r.stdout
    assert "machine: nproc" in r.stdout
    r = _run(
        "--work", str(tmp_path / "work"), "--part", "movielens", "--no-engine", "--movielens", str(tmp_path)
    )
    assert r.returncode == 0 and "MovieLens skipped" in r.stdout


def test_history_without_exports_skips_with_a_message(tmp_path):
    """Without --profile the history part replays the Last.fm exports in --exports; none there: a message."""
    r = _run("--part", "history", "--smoke", "--exports", str(tmp_path / "no-exports"))
    assert r.returncode == 0, r.stderr
    assert f"Real history replay skipped: no Last.fm exports (*.csv) in {tmp_path / 'no-exports'}" in r.stdout
