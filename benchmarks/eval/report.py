"""Turning evaluation results into tables (markdown); the machine line is benchmarks.common.machine's."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from benchmarks.eval.metrics import relative_gain, share
from benchmarks.eval.ml_replay import PointScore
from benchmarks.eval.simulate import SimResult


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def simulation_table(results: Sequence[SimResult]) -> str:
    header = [
        "source",
        "now fits the hour (week 2)",
        "week 1",
        "genre C in now after 20 C skips",
        "C in all home rows",
        "disliked track shown",
        "skip rate on now (week 2)",
        "errors",
        "run s",
    ]
    rows = [
        [
            r.source,
            pct(share(r.fit_week2)),
            pct(share(r.fit_week1)),
            pct(share(r.c_after)),
            pct(share(r.c_after_all_rows)),
            str(r.dislike_hits),
            pct(share(r.now_skips_week2)),
            str(len(r.errors)),
            f"{r.seconds:.1f}",
        ]
        for r in results
    ]
    return markdown_table(header, rows)


def fit_by_part_table(results: Sequence[SimResult]) -> str:
    """Week-2 share of the now mix fitting the hidden taste, per time slot and source."""
    parts = ("weekday morning", "weekend morning", "afternoon", "evening")
    rows = [[r.source, *(pct(share(r.fit_by_part.get(p, []))) for p in parts)] for r in results]
    return markdown_table(["now fits the hour, week 2", *parts], rows)


def simulation_verdicts(results: Sequence[SimResult]) -> list[str]:
    """The issue's four targets for the engine, each met or missed (empty when the engine did not run)."""
    by = {r.source: r for r in results}
    eng, mp = by.get("engine"), by.get("most played")
    if eng is None:
        return []
    fit, c_share = share(eng.fit_week2), share(eng.c_after_all_rows)
    skip, mp_skip = share(eng.now_skips_week2), share(mp.now_skips_week2) if mp else None

    def mark(ok: bool) -> str:
        return "MET" if ok else "MISSED"

    return [
        f"now fits the hour >= 80%: {pct(fit)} -> {mark(fit is not None and fit >= 0.8)}",
        f"genre C < 5% of mixes after 20 early skips: {pct(c_share)} -> "
        f"{mark(c_share is not None and c_share < 0.05)}",
        f"disliked track never appears: {eng.dislike_hits} times -> {mark(eng.dislike_hits == 0)}",
        f"skip rate on now at least halves vs most played: {pct(skip)} vs {pct(mp_skip)} -> "
        f"{mark(skip is not None and mp_skip is not None and skip <= mp_skip / 2)}",
        f"(sessions where the engine's home had no now row: {eng.empty_now} of {eng.sessions})",
    ]


def _mean_ci(values: Sequence[float]) -> tuple[float, float]:
    a = np.asarray(values, dtype=float)
    half = 1.96 * a.std(ddof=1) / np.sqrt(len(a)) if len(a) > 1 else 0.0
    return float(a.mean()), float(half)


def movielens_table(points: Sequence[PointScore]) -> tuple[str, dict[str, float]]:
    """Mean NDCG@20 and recall@20 (with 95% intervals) per ranker over all cut points."""
    names = sorted({n for p in points for n in p.ndcg}, key=lambda n: (n != "engine", n))
    rows, means = [], {}
    for n in names:
        nd, nd_h = _mean_ci([p.ndcg[n] for p in points if n in p.ndcg])
        rc, rc_h = _mean_ci([p.recall[n] for p in points if n in p.recall])
        means[n] = nd
        rows.append([n, f"{nd:.4f} ± {nd_h:.4f}", f"{rc:.4f} ± {rc_h:.4f}"])
    return markdown_table(["ranker", "NDCG@20", "recall@20"], rows), means


def movielens_verdict(means: dict[str, float]) -> str | None:
    gain = relative_gain(means.get("engine"), means.get("genre profile"))
    if gain is None:
        return None
    return (
        f"engine NDCG@20 vs genre profile: {100 * gain:+.1f}% (target >= +20%) -> "
        f"{'MET' if gain >= 0.2 else 'MISSED'}"
    )
