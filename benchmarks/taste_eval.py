"""Taste evaluation: simulated listeners and a MovieLens replay, the engine against baselines.

    python benchmarks/taste_eval.py [--part all|sim|movielens] [--users N] [--days 14] [--seed 1]
                                    [--no-engine] [--write-docs] [--smoke] [--json] [--work DIR]
    python benchmarks/taste_eval.py --part history [--exports DIR] [--export NAME,...] [--sessions 50] [--smoke]
    python benchmarks/taste_eval.py --part history --profile DIR [--sessions 50]
    python benchmarks/taste_eval.py --part nexttrack [--exports DIR] [--smoke]

Prints the results tables; ``--write-docs`` also rewrites docs/taste_eval.md with them and
the machine facts. Fixed seeds: the same command on the same code gives the same figures.
The simulated profiles live in a scratch folder under the work dir, removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import nullcontext, redirect_stdout
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["TZ"] = "UTC"  # simulated hours and MovieLens timestamps are read as local = UTC
if hasattr(time, "tzset"):
    time.tzset()

from benchmarks.common.bench import Bench, Figure, bench_parser, cli, parse  # noqa: E402
from benchmarks.eval import report  # noqa: E402
from benchmarks.eval.docs import write_docs  # noqa: E402
from benchmarks.eval.mixsource import EngineSource, engine_missing_reason  # noqa: E402
from benchmarks.eval.music_baselines import ALL_MUSIC_BASELINES  # noqa: E402

ML_DIR = REPO.parent / "shared" / "data" / "ratings" / "ml-latest-small"
FAMILIES = ("A", "B", "drift", "tempo")
RANKERS = {
    "engine": "engine",
    "genre": "genre profile",
    "random": "random",
    "popular": "popular (all users)",
    "knn": "item-kNN (all users)",
}
FIGURES = (
    *(
        figure
        for f in FAMILIES
        for figure in (
            Figure(f"{f}_now_fit", f"family {f}: engine's now fits the hour (week 2)", "share"),
            Figure(f"{f}_skip_now", f"family {f}: skip rate on the engine's now (week 2)", "share"),
            Figure(
                f"{f}_genre_c", f"family {f}: genre C in the engine's home rows after 20 early skips", "share"
            ),
            Figure(f"{f}_disliked_shown", f"family {f}: disliked track shown by the engine"),
            Figure(
                f"{f}_best_baseline_fit", f"family {f}: best baseline's now fits the hour (week 2)", "share"
            ),
            Figure(f"{f}_most_played_skip", f"family {f}: skip rate on most played (week 2)", "share"),
        )
    ),
    Figure("no_future_leak", "the engine's homes do not change with later events"),
    Figure("ml_points", "MovieLens: cut points scored"),
    *(
        figure
        for key, name in RANKERS.items()
        for figure in (
            Figure(f"ml_{key}_ndcg", f"MovieLens: {name} NDCG@20"),
            Figure(f"ml_{key}_recall", f"MovieLens: {name} recall@20"),
        )
    ),
)
NEXT_GROUPS = ("routine", "journey", "shuffle", "lastfm")
FIGURES = (
    *FIGURES,
    Figure("next_lastfm_lowest_ratio", "next track, Last.fm: the lowest with / without of one export", "x"),
    *(
        figure
        for g in NEXT_GROUPS
        for figure in (
            Figure(f"next_{g}_radio", f"next track, {g}: hit rate at 10, radio without sequences", "share"),
            Figure(f"next_{g}_seq", f"next track, {g}: hit rate at 10, radio with sequences", "share"),
            Figure(f"next_{g}_ratio", f"next track, {g}: with / without sequences", "x"),
        )
    ),
)
LASTFM_DIR = REPO.parent / "lastfm"  # real Last.fm exports (no licence: never in the repository)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = bench_parser(__doc__)
    p.add_argument(
        "--part",
        choices=("all", "sim", "movielens", "history", "nexttrack"),
        default="all",
        help="all = sim + movielens; history = the Last.fm exports in --exports (or one --profile)",
    )
    p.add_argument(
        "--users",
        type=int,
        default=40,
        help="MovieLens users with >= 50 ratings to sample (fixed seed); 0 = all of them",
    )
    p.add_argument(
        "--variants",
        type=lambda t: [v.strip() for v in t.split(",") if v.strip()],
        default=["A", "B", "drift", "tempo"],
        help="listener families, comma-separated (default: all; see docs/taste_eval.md)",
    )
    p.add_argument("--days", type=int, default=14, help="simulated days (default: two weeks)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--listeners",
        type=int,
        default=3,
        help="simulated listeners (seeds SEED .. SEED+N-1: each its own library and taste), pooled",
    )
    p.add_argument("--no-engine", action="store_true", help="baselines only")
    p.add_argument(
        "--fill",
        choices=("uniform", "popular"),
        default="uniform",
        help="MovieLens: how the library is topped up to 1,000 movies (uniform = the issue's protocol)",
    )
    p.add_argument("--movielens", type=Path, default=ML_DIR, help="folder of ml-latest-small")
    p.add_argument(
        "--profile",
        type=Path,
        help="history: a profile data dir with a scanned library and an"
        " imported history (companion --data-dir DIR import FILE); it is only read",
    )
    p.add_argument("--sessions", type=int, default=50, help="history: how many of the last sessions to score")
    p.add_argument(
        "--exports",
        type=Path,
        default=LASTFM_DIR,
        help="history: folder of Last.fm exports (*.csv; read here, never fetched); skipped when absent",
    )
    p.add_argument(
        "--export",
        type=lambda t: [v.strip() for v in t.split(",") if v.strip()],
        help="history: only these exports (file names without .csv), comma-separated",
    )
    p.add_argument(
        "--next-window",
        default="0.8,1.0",
        metavar="TRAIN,END",
        help="nexttrack: train on the sessions before TRAIN (share of the history), hold out those up to END "
        "(default 0.8,1.0; 0.6,0.8 checks on a window the last 20%% never enter)",
    )
    p.add_argument("--write-docs", action="store_true", help="rewrite docs/taste_eval.md with the figures")
    smoke = {"part": "all", "users": 1, "variants": ["A"], "days": 8, "listeners": 1}
    args = parse(p, argv, smoke)
    args.window = _window(args.next_window)
    if args.window is None:
        p.error(f"--next-window must be TRAIN,END with 0 < TRAIN < END <= 1, not {args.next_window!r}")
    return args


def run_sim(args: argparse.Namespace, work: Path, use_engine: bool) -> dict:
    from benchmarks.eval.simulate import merge, run_simulation

    sources = [b(seed=args.seed) for b in ALL_MUSIC_BASELINES]
    if use_engine:
        sources.insert(0, EngineSource())
    seeds = range(args.seed, args.seed + args.listeners)
    head = f"{args.listeners} listeners per family (seeds {seeds[0]}..{seeds[-1]}), {args.days} days each"
    sections, verdicts, by_family = [], [], {}
    for variant in args.variants:
        results = []
        for src in sources:
            print(
                f"  simulating family {variant}, {args.listeners} listeners, with {src.name} ...",
                file=sys.stderr,
                flush=True,
            )
            results.append(
                merge(
                    [
                        run_simulation(src, work / "sim", days=args.days, seed=seed, variant=variant)
                        for seed in seeds
                    ]
                )
            )
        by_family[variant] = results
        sections.append(
            f"### Listener family {variant}\n\n"
            + report.simulation_table(results)
            + "\n\n"
            + report.fit_by_part_table(results)
        )
        verdicts += [f"family {variant}: {v}" for v in report.simulation_verdicts(results)]
        verdicts += [f"family {variant}: {r.source} error: {e}" for r in results for e in r.errors[:3]]
    leak = None
    if use_engine:
        verdict, leak = leak_verdict(work, args.seed, args.variants[0])
        verdicts.append(verdict)
    table = "\n\n".join(sections)
    print(f"\n## Simulated listeners\n\n{head}, pooled\n\n{table}\n")
    for v in verdicts:
        print("- " + v)
    return {"table": table, "verdicts": verdicts, "head": head, "results": by_family, "leak": leak}


def leak_verdict(work: Path, seed: int, variant: str) -> tuple[str, bool]:
    """The engine's homes at two past moments, with and without the later events (see eval/leakcheck.py)."""
    from datetime import timedelta

    from benchmarks.eval.leakcheck import future_leak
    from benchmarks.eval.listener import START
    from companion.core.paths import resolve_profile

    profile = resolve_profile(work / "sim" / f"engine-{variant}{seed}")
    # day 1 13:00 comes before the dislike (day 1 evening): a home reading today's ratings would show it
    moments = [START + timedelta(days=d, hours=h) for d, h in ((1, 13), (10, 8), (10, 20))]
    leaks = {
        f"day {(at - START).days} {at:%H:00}": future_leak(
            EngineSource(), profile, at, work / "leak" / f"{at:%d%H}"
        )
        for at in moments
    }
    bad = {k: v for k, v in leaks.items() if v}
    where = f"family {variant} listener {seed}, homes at {', '.join(leaks)}"
    if not bad:
        return f"no future leak ({where}): every row identical with and without the later events -> MET", True
    return f"FUTURE LEAK ({where}): rows that change when later events exist: {bad} -> MISSED", False


def run_movielens(args: argparse.Namespace, work: Path, use_engine: bool) -> dict:
    import numpy as np

    from benchmarks.eval.ml_replay import evaluate_user
    from benchmarks.eval.movielens import load_movielens

    if not (args.movielens / "ratings.csv").is_file():
        print(f"\nMovieLens skipped: {args.movielens} not found")
        return {"skipped": f"{args.movielens} not found"}
    ml = load_movielens(args.movielens)
    eligible = ml.users_with_at_least(50)
    users = (
        eligible
        if args.users <= 0 or args.users >= len(eligible)
        else sorted(
            int(u) for u in np.random.default_rng(args.seed).choice(eligible, args.users, replace=False)
        )
    )
    points, errors, t0 = [], [], time.perf_counter()
    for n, user in enumerate(users, 1):
        points += evaluate_user(
            ml, user, work / "ml", seed=args.seed, engine=use_engine, errors=errors, fill=args.fill
        )
        print(
            f"  movielens user {user} ({n}/{len(users)}), {len(points)} points, "
            f"{time.perf_counter() - t0:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    table, means = report.movielens_table(points)
    verdict = report.movielens_verdict(means)
    seen = sum(p.engine_seen for p in points)
    head = (
        f"{len(users)} of {len(eligible)} users with >= 50 ratings (seed {args.seed}), library fill"
        f" {args.fill}, {len(points)} cut points with something rated >= 4 next, {time.perf_counter() - t0:.0f} s"
    )
    print("\n## MovieLens replay\n\n" + head + "\n\n" + table + "\n")
    if verdict:
        print("- " + verdict)
    if use_engine:
        short = sum(1 for p in points if p.engine_len < 20)
        print(
            f"- engine recommended already-watched movies {seen} times; rows shorter than 20: {short};"
            f" engine errors: {len(errors)}"
        )
        for e in errors[:5]:
            print("  - " + e)
    return {
        "table": table,
        "head": head,
        "verdict": verdict,
        "seen": seen,
        "errors": errors,
        "short": sum(1 for p in points if p.engine_len < 20),
        "use_engine": use_engine,
        "fill": args.fill,
        "points": points,
    }


def run_history(args: argparse.Namespace, work: Path, use_engine: bool) -> dict:
    if args.profile is None:
        return run_history_exports(args, work, use_engine)
    from benchmarks.eval.history_replay import K, replay_history
    from benchmarks.eval.recent_baseline import PlayedLastDays
    from companion.core.paths import resolve_profile

    sources = [b(seed=args.seed) for b in ALL_MUSIC_BASELINES] + [PlayedLastDays(seed=args.seed)]
    if use_engine:
        sources.insert(0, EngineSource())
    scores = replay_history(resolve_profile(args.profile), sources, work, last=args.sessions)
    rows = [
        [name, f"{sum(v) / len(v):.4f}", f"{sum(scores.recall[name]) / len(v):.4f}"]
        for name, v in scores.ndcg.items()
    ]
    table = report.markdown_table(["source", f"NDCG@{K} of now", f"recall@{K} of now"], rows)
    habit = report.pct(scores.album_share) + (" (an album listener)" if scores.album_listener else "")
    print(f"\n## Real history replay\n\n{scores.sessions} sessions; album sessions {habit}\n\n{table}\n")
    return {"table": table, "sessions": scores.sessions}


def run_history_exports(args: argparse.Namespace, work: Path, use_engine: bool) -> dict:
    """Issue 14, parts 6 and 7, on the real Last.fm exports in ``--exports`` (skipped when there are none)."""
    from benchmarks.eval import history_exports as hx

    t0 = time.perf_counter()
    results = hx.run_exports(
        args.exports,
        args.export,
        work,
        sessions=args.sessions,
        seed=args.seed,
        use_engine=use_engine,
        smoke=args.smoke,
    )
    if isinstance(results, str):
        print(f"\nReal history replay skipped: {results}")
        return {"skipped": results}
    head = (
        f"{len(results)} Last.fm exports from {args.exports}, last {args.sessions if not args.smoke else 2}"
        f" sessions each, {time.perf_counter() - t0:.0f} s"
    )
    tables = [hx.replay_table(results), hx.baselines_table(results), hx.import_table(results)]
    verdicts = hx.verdicts(results)
    print("\n## Real history replay\n\n" + head + "\n\n" + "\n\n".join(tables) + "\n")
    for v in verdicts:
        print("- " + v)
    return {"head": head, "tables": tables, "verdicts": verdicts}


def run_next_track(args: argparse.Namespace) -> dict:
    """Issue 17 part 5: next-track hit rate at 10, radio with and without the person's sequences."""
    from benchmarks.eval import next_track as nt
    from benchmarks.eval.lastfm_exports import find_exports, read_export

    listeners, queries = (1, 150) if args.smoke else (3, 600)
    window = args.window
    out: dict[str, dict] = {}
    for family in ("routine", "journey", "shuffle"):
        res = []
        for seed in range(args.seed, args.seed + listeners):
            listener = nt.simulated(family, seed)
            res.append((listener.name, *nt.hit_rates(listener, queries, window)))
        out[family] = nt.summary(res)
    exports = find_exports(args.exports, args.export)[: 1 if args.smoke else None]
    res, per_export = [], {}
    for path in exports:
        listener = nt.from_export(read_export(path))
        if len(listener.sessions) >= 10:  # too short a history to hold any sessions out
            res.append((listener.name, *nt.hit_rates(listener, queries, window)))
            per_export[listener.name] = {**nt.summary([res[-1]]), **nt.ceilings(listener, queries, window)}
    out["lastfm"] = nt.summary(res) if res else {"skipped": f"no Last.fm exports in {args.exports}"}
    if per_export:
        out["lastfm"]["lowest_ratio"] = min(r["ratio"] for r in per_export.values())
    rows = [_next_row(g, r) for g, r in [*out.items(), *((f"lastfm: {n}", r) for n, r in per_export.items())]]
    table = report.markdown_table(
        [
            "listeners",
            "queries",
            "radio hit@10",
            "radio + sequences hit@10",
            "ratio",
            "heard / followed / repeat",
        ],
        rows,
    )
    print("\n## Next track: the radio with the person's sequences\n\n" + table + "\n")
    return {"groups": out, "exports": per_export, "table": table}


def _window(text: str) -> tuple[float, float] | None:
    """``--next-window`` as (train, end) shares of the history, or None when it is not 0 < train < end <= 1."""
    try:
        train, end = (float(x) for x in text.split(","))
    except ValueError:
        return None
    return (train, end) if 0 < train < end <= 1 else None


def _next_row(group: str, r: dict) -> list[str]:
    """One table row; Last.fm exports also say how much their history can know (``next_track.ceilings``)."""
    known = " / ".join(str(r[k]) for k in ("heard", "followed", "repeat") if k in r)
    return [
        group,
        str(r.get("queries", "")),
        str(r.get("radio", "")),
        str(r.get("sequences", "")),
        str(r.get("ratio", r.get("skipped", ""))),
        known,
    ]


def next_figures(bench: Bench, nxt: dict | None) -> None:
    groups = (nxt or {}).get("groups", {})
    for g in NEXT_GROUPS:
        r = groups.get(g)
        if not r or "skipped" in r:
            bench.skip_all(f"next_{g}_", (r or {}).get("skipped", "not asked (--part nexttrack)"))
            continue
        bench.add(f"next_{g}_radio", r["radio"])
        bench.add(f"next_{g}_seq", r["sequences"])
        bench.add(f"next_{g}_ratio", r["ratio"])
    lowest = groups.get("lastfm", {}).get("lowest_ratio")
    if lowest is None:
        bench.skip("next_lastfm_lowest_ratio", "no Last.fm exports measured")
    else:
        bench.add("next_lastfm_lowest_ratio", lowest)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if (
        args.part == "history"
        and args.profile is not None
        and not (args.profile / "library.sqlite3").is_file()
    ):
        print("taste_eval: --profile DIR must be a profile data dir holding library.sqlite3", file=sys.stderr)
        return 2
    from benchmarks.eval.listener import VARIANTS

    unknown = [v for v in args.variants if v not in VARIANTS]
    if unknown or not args.variants:
        print(
            f"taste_eval: unknown listener family {', '.join(unknown) or '(none)'}; known: {', '.join(VARIANTS)}",
            file=sys.stderr,
        )
        return 2
    if min(args.days, args.sessions, args.listeners) < 1:
        print("taste_eval: --days, --sessions and --listeners must be at least 1", file=sys.stderr)
        return 2
    missing = None if args.no_engine else engine_missing_reason()
    use_engine = not args.no_engine and missing is None
    if missing:
        print(f"note: {missing}; running the baselines only", file=sys.stderr)
    bench = Bench("taste_eval", FIGURES, args)  # its machine line: the code that produced the figures
    out: dict = {"engine_note": missing, "argv": " ".join(sys.argv[1:] if argv is None else argv)}
    # with --json the tables go to stderr, as every benchmark's human output does
    with bench.scratch() as tmp, redirect_stdout(sys.stderr) if args.json else nullcontext():
        if args.part in ("all", "sim"):
            out["sim"] = run_sim(args, tmp, use_engine)
        if args.part in ("all", "movielens"):
            out["movielens"] = run_movielens(args, tmp, use_engine)
        if args.part == "history":
            out["history"] = run_history(args, tmp, use_engine)
        if args.part == "nexttrack":
            out["next"] = run_next_track(args)
    next_figures(bench, out.get("next"))
    sim_figures(bench, out.get("sim"), use_engine)
    movielens_figures(bench, out.get("movielens"))
    if args.write_docs:
        write_docs(REPO / "docs" / "taste_eval.md", out, bench.machine)
    return bench.finish()


def sim_figures(bench: Bench, sim: dict | None, use_engine: bool) -> None:
    """The engine's figures per listener family (the verdicts' numbers), and the best baseline's fit."""
    from benchmarks.eval.metrics import share

    results: dict[str, list] = sim["results"] if sim else {}
    for family in FAMILIES:
        if family not in results:
            bench.skip_all(f"{family}_", "not simulated (--part, --variants)")
            continue
        by = {r.source: r for r in results[family]}
        fits = [share(r.fit_week2) for name, r in by.items() if name != "engine"]
        values = {
            "best_baseline_fit": max((f for f in fits if f is not None), default=None),
            "most_played_skip": share(by["most played"].now_skips_week2) if "most played" in by else None,
        }
        engine = by.get("engine")
        if engine is not None:
            values |= {
                "now_fit": share(engine.fit_week2),
                "skip_now": share(engine.now_skips_week2),
                "genre_c": share(engine.c_after_all_rows),
                "disliked_shown": engine.dislike_hits,
            }
        for key in (k for k in bench.figures if k.startswith(f"{family}_")):
            value = values.get(key.removeprefix(f"{family}_"))
            if value is not None:
                bench.add(key, value)
            else:
                bench.skip(
                    key, "the engine did not run" if engine is None else "nothing measured (--days < 8?)"
                )
    leak = sim.get("leak") if sim else None
    if leak is None:
        bench.skip(
            "no_future_leak", "the engine's simulation did not run" if sim else "not simulated (--part)"
        )
    else:
        bench.add("no_future_leak", leak)


def movielens_figures(bench: Bench, ml: dict | None) -> None:
    if not ml or "points" not in ml:
        bench.skip_all("ml_", (ml or {}).get("skipped", "not asked (--part)"))
        return
    points = ml["points"]
    bench.add("ml_points", len(points))
    for key, name in RANKERS.items():
        for measure in ("ndcg", "recall"):
            values = [getattr(p, measure)[name] for p in points if name in getattr(p, measure)]
            if values:
                bench.add(f"ml_{key}_{measure}", sum(values) / len(values))
            else:
                bench.skip(f"ml_{key}_{measure}", f"{name} did not rank (--no-engine?)")


if __name__ == "__main__":
    sys.exit(cli(main))
