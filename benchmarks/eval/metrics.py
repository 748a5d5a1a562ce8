"""Ranking metrics for the evaluation (binary relevance)."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence


def dcg_at_k(ranked: Sequence[object], relevant: Collection[object], k: int) -> float:
    """Discounted cumulative gain of the first ``k`` ranked ids (gain 1 for a relevant id)."""
    return sum(1.0 / math.log2(i + 2) for i, x in enumerate(ranked[:k]) if x in relevant)


def ndcg_at_k(ranked: Sequence[object], relevant: Collection[object], k: int) -> float:
    """DCG normalised by the best possible DCG for ``min(len(relevant), k)`` hits; 0 when nothing is relevant."""
    ideal_hits = min(len(relevant), k)
    if ideal_hits == 0:
        return 0.0
    ideal = sum(1.0 / math.log2(i + 2) for i in range(ideal_hits))
    return dcg_at_k(_dedup(ranked), relevant, k) / ideal


def recall_at_k(ranked: Sequence[object], relevant: Collection[object], k: int) -> float:
    """Share of the relevant ids found in the first ``k`` (plain recall: hits / |relevant|)."""
    if not relevant:
        return 0.0
    hits = sum(1 for x in set(_dedup(ranked)[:k]) if x in relevant)
    return hits / len(relevant)


def share(values: Sequence[bool]) -> float | None:
    """Fraction of true values, or None for an empty sequence (nothing was measured)."""
    return sum(1 for v in values if v) / len(values) if values else None


def relative_gain(value: float | None, base: float | None) -> float | None:
    """(value - base) / base, or None when either is missing or the base is 0."""
    if value is None or base is None or base == 0:
        return None
    return (value - base) / base


def _dedup(ranked: Sequence[object]) -> list[object]:
    # A row listing one item twice must not count it twice.
    seen: set[object] = set()
    out = []
    for x in ranked:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
