"""benchmarks/taste_eval.py at its smoke size: it runs, and reports every figure it promises."""

import pytest

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
def test_smoke_run_reports_every_figure(run_smoke, shared_data):
    # the smoke run simulates family A only; MovieLens comes from ../shared/data
    doc = run_smoke("taste_eval", PROMISED, may_skip=("B_", "drift_", "tempo_"))
    figures = doc["figures"]
    assert figures["no_future_leak"] is True and figures["A_disliked_shown"] == 0
