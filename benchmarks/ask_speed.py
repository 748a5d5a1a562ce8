"""Ask and Replay speed on the taste benchmark's profile: 20,000 tracks, 300 videos, 100,000 events.

    python benchmarks/ask_speed.py [--tracks N] [--videos N] [--events N] [--repeats N] [--smoke] [--json] [--work DIR]

The profile is taste_speed.py's (one listener's year, made once per size in the work dir and copied). With
the model fitted once, measures the issue's prompts as the taste service answers them (its state warm), the
first ask in a process (library, events and model loaded, the vocabulary and word index built), ``companion
ask --json`` as a new process, and a year's Replay. Target: an ask under 0.5 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: benchmarks.common
from benchmarks.common import product, profiles
from benchmarks.common.bench import Bench, Figure, bench_parser, cli, parse
from benchmarks.common.cache import copy_of
from benchmarks.common.procs import run_companion

PROMPTS = {
    "loved": "songs I loved last summer but haven't played lately",
    "new": "new to me",
    "no_metal": "no metal, something calm",
    "sunday": "what I play on Sunday mornings",
    "mixed": "short 90s songs without Artist 3, faster",
}
FIGURES = (
    Figure(
        "ask_first_ms", "first ask in a process (state and model loaded; vocabulary, word index, moods)", "ms"
    ),
    *(Figure(f"ask_{k}_ms", f"ask '{v}': median", "ms") for k, v in PROMPTS.items()),
    Figure("ask_median_ms", "ask, all prompts: median", "ms"),
    Figure("ask_worst_ms", "ask, all prompts: worst", "ms"),
    Figure("ask_median_cpu_ms", "ask, all prompts: median CPU", "ms"),
    Figure("ask_process_s", "companion ask --json, new process", "s"),
    Figure("replay_year_ms", "Replay of the last year with listening", "ms"),
    Figure("replay_year_cpu_ms", "Replay of the last year with listening: CPU", "ms"),
)


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=20_000)
    ap.add_argument("--videos", type=int, default=300)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=5, help="runs of each prompt (median)")
    args = parse(ap, argv, smoke={"tracks": 1000, "videos": 10, "events": 3000, "repeats": 1})
    bench = Bench("ask_speed", FIGURES, args)
    made = profiles.cached_listener_profile(bench, args.tracks, args.videos, args.events)
    with bench.scratch() as tmp:
        data = copy_of(made, tmp / "profile")
        profile = product.profile_of(data)
        conn = product.open_db(data)
        product.refit(conn, profile)
        product.forget_state()
        _asks(bench, conn, profile, max(1, args.repeats))
        run = run_companion(data, "ask", PROMPTS["loved"], "--json")
        bench.add("ask_process_s", run.wall)
        bench.say(f"'companion ask --json' new process: {run.wall:.2f} s ({len(run.json()['items'])} items)")
        _replay(bench, conn)
        conn.close()
    return bench.finish()


def _asks(bench: Bench, conn, profile, repeats: int) -> None:
    ask = product.ask
    t0 = time.perf_counter()
    ask(conn, profile, "something calm, zebra")  # a mood and a library word: what is built once per library
    first = bench.add("ask_first_ms", (time.perf_counter() - t0) * 1000)
    bench.say(
        f"first ask in a process (loads state and model, builds the vocabulary, word index and mood fits, "
        f"as the taste service does once): {first:.0f} ms"
    )
    every: list[float] = []
    cpus: list[float] = []
    for key, text in PROMPTS.items():
        times = []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            res = ask(conn, profile, text)
            times.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
        every += times
        median = bench.add(f"ask_{key}_ms", statistics.median(times))
        bench.say(
            f"ask '{text}': median {median:.0f} ms, {len(res.items)} items, read as {[c.label for c in res.clauses]}"
        )
    bench.add("ask_median_ms", statistics.median(every))
    worst = bench.add("ask_worst_ms", max(every))
    bench.add("ask_median_cpu_ms", statistics.median(cpus))
    bench.say(
        f"ask, all prompts: median {statistics.median(every):.0f} ms, worst {worst:.0f} ms  (target < 500 ms)"
    )


def _replay(bench: Bench, conn) -> None:
    years = [p for p in product.replay_periods(conn) if len(p) == 4]
    period = years[0] if years else "2026"
    t0, c0 = time.perf_counter(), time.process_time()
    got = product.replay(conn, period)
    ms = bench.add("replay_year_ms", (time.perf_counter() - t0) * 1000)
    cpu = bench.add("replay_year_cpu_ms", (time.process_time() - c0) * 1000)
    bench.say(f"Replay {period}: {ms:.0f} ms wall, {cpu:.0f} ms CPU ({got.plays if got else 0} plays)")


if __name__ == "__main__":
    sys.exit(cli(main))
