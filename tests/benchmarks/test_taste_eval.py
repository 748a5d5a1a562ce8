"""benchmarks/taste_eval.py at its smoke size: it runs, and reports every figure it promises."""

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
    # next_: the next-track part runs with --part nexttrack (tests/benchmarks/test_next_track.py)
    doc = run_smoke("taste_eval", PROMISED, may_skip=("B_", "drift_", "tempo_", "next_", *no_movielens))
    figures = doc["figures"]
    assert figures["no_future_leak"] is True and figures["A_disliked_shown"] == 0
