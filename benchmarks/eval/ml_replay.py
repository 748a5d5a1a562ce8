"""Replaying one MovieLens user's ratings as watched-and-rated videos, scored at five cut points.

At each cut the engine's ``recommended-videos`` (top 20, asked with ``at`` = the cut) and every
baseline are compared with the movies the user rated 4 or more among their next 20 ratings.
"""

from __future__ import annotations

import shutil
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from benchmarks.common.product import open_profile_db, resolve_profile
from benchmarks.eval import ml_baselines as mb
from benchmarks.eval.feedback import listen, rate
from benchmarks.eval.metrics import ndcg_at_k, recall_at_k
from benchmarks.eval.mixsource import EngineRowSource
from benchmarks.eval.movielens import MovieLens, choose_library, insert_movies

CUT_FRACTIONS = (0.5, 0.6, 0.7, 0.8, 0.9)
HORIZON = 20  # "what they rated next" = their next 20 ratings ...
RELEVANT_STARS = 4.0  # ... rated this or more
K = 20
ROW_ID = "recommended-videos"
MOVIE_SECONDS = 6000.0


@dataclass
class PointScore:
    user: int
    at: int
    n_relevant: int
    ndcg: dict[str, float] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)
    engine_seen: int = 0  # engine items the user had already watched before the cut
    engine_len: int = 0  # how many items the engine's row held (up to K)


def cut_indices(ts: np.ndarray) -> list[int]:
    """Start indices of the cuts: at each fraction, moved back to the first rating with that timestamp."""
    out: list[int] = []
    for f in CUT_FRACTIONS:
        i = int(np.searchsorted(ts, ts[int(f * len(ts))], side="left"))
        if i > 0 and i not in out:
            out.append(i)
    return out


def baseline_ranks(cut: mb.Cut, seed: int) -> dict[str, list[int]]:
    def rng(n: int) -> np.random.Generator:
        return np.random.default_rng([seed, cut.user, cut.at, n])

    return {
        "random": mb.random_rank(cut, rng(0), K),
        "genre profile": mb.genre_profile_rank(cut, rng(1), K),
        "popular (all users)": mb.popular_rank(cut, K),
        "item-kNN (all users)": mb.item_knn_rank(cut, K),
    }


def evaluate_user(
    ml: MovieLens,
    user: int,
    workdir: Path,
    *,
    seed: int,
    engine: bool,
    errors: list[str],
    fill: str = "uniform",
) -> list[PointScore]:
    """All cut points of one user; the engine part replays events into a fresh profile DB."""
    items, stars, ts = ml.user_ratings(user)
    library = choose_library(ml, user, np.random.default_rng([seed, user]), fill=fill)
    profile = resolve_profile(workdir / f"ml-user-{user}").ensure()
    conn = open_profile_db(profile) if engine else None
    try:
        if conn is not None:
            to_item = insert_movies(conn, ml, library, user, added_at=float(ts[0]) - 86400)
            to_movie = {v: k for k, v in to_item.items()}
            source = EngineRowSource(ROW_ID, K)
        done = 0
        points = []
        for i in cut_indices(ts):
            at = int(ts[i])
            nxt = slice(i, i + HORIZON)
            relevant = {int(m) for m, s in zip(items[nxt], stars[nxt], strict=True) if s >= RELEVANT_STARS}
            cut = mb.Cut(ml, user, at, library, items[:i], stars[:i])
            ranks = baseline_ranks(cut, seed)
            if conn is not None:
                for j in range(done, i):
                    _replay(conn, to_item[int(items[j])], float(stars[j]), float(ts[j]))
                done = i
                ranks["engine"] = _engine_rank(source, conn, profile, at, to_movie, errors, user)
            if not relevant:
                continue
            p = PointScore(user, at, len(relevant))
            for name, ranked in ranks.items():
                p.ndcg[name] = ndcg_at_k(ranked, relevant, K)
                p.recall[name] = recall_at_k(ranked, relevant, K)
            if "engine" in ranks:
                p.engine_seen = len(set(ranks["engine"]) & {int(m) for m in items[:i]})
                p.engine_len = len(ranks["engine"])
            points.append(p)
        return points
    finally:
        if conn is not None:
            conn.close()
        shutil.rmtree(profile.data_dir, ignore_errors=True)


def _replay(conn, item_id: int, stars: float, ts: float) -> None:
    # watched to the end at the rating's moment, then rated
    listen(
        conn,
        item_id,
        ts=ts - MOVIE_SECONDS,
        position=MOVIE_SECONDS,
        duration=MOVIE_SECONDS,
        end_reason="ended",
        start_reason="user",
        context=None,
        session_id=f"ml-{int(ts)}",
    )
    rate(conn, item_id, stars, ts=ts)


def _engine_rank(
    source: EngineRowSource, conn, profile, at: int, to_movie: dict[int, int], errors: list[str], user: int
) -> list[int]:
    try:
        ids = source.home(conn, profile, datetime.fromtimestamp(at, UTC)).get(ROW_ID, [])
    except Exception:  # an engine crash is a finding, not the end of the run
        errors.append(f"user {user} at {at}: " + traceback.format_exc(limit=3).strip().splitlines()[-1])
        return []
    return [to_movie[i] for i in ids[:K] if i in to_movie]
