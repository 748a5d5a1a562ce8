"""Taste engine speed on a large profile: 20,000 tracks, 300 videos, 100,000 events.

    python benchmarks/taste_speed.py [--tracks N] [--videos N] [--events N] [--smoke] [--json] [--work DIR]

The profile (one listener's year: favourite artists by time of day, sessions, skips) is made once per
size in the work dir and copied for each run. Measures (and prints):
- full refit (tuning, embeddings, listening modes) in-process;
- ``companion home --json`` as a new process with the cached model (process start included);
- a refreshed home after one new event, in-process, as the window does it (record, refresh, build);
- a search.
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
from benchmarks.common.procs import run, run_companion

FIGURES = (
    Figure("refit_first_s", "full refit, first in a process (reads the database)", "s"),
    Figure("refit_first_cpu_s", "full refit, first in a process: CPU", "s"),
    Figure("refit_s", "full refit (tune + embed + modes)", "s"),
    Figure("refit_cpu_s", "full refit: CPU", "s"),
    Figure("peak_mib", "peak memory of this process after the refits", "MiB"),
    Figure("home_process_s", "companion home --json, new process, cached model: median", "s"),
    Figure("home_process_best_s", "companion home --json, new process, cached model: best", "s"),
    Figure("home_process_cpu_s", "companion home --json, new process: median CPU", "s"),
    Figure("home_rows", "home rows"),
    Figure("cli_import_s", "Python start + CLI import", "s"),
    Figure("first_home_s", "first home in a process (library and events loaded, cached model)", "s"),
    Figure("refresh_ms", "refreshed home after a new event (record + refresh + build): median", "ms"),
    Figure("refresh_worst_ms", "refreshed home after a new event: worst", "ms"),
    Figure("refresh_cpu_ms", "refreshed home after a new event: median CPU", "ms"),
    Figure("search_first_ms", "search, first (builds the word index)", "ms"),
    Figure("search_ms", "search, then", "ms"),
)


def clocks() -> tuple[float, float]:
    """(wall, CPU of this process): on a shared machine the CPU time says what the code costs."""
    return time.perf_counter(), time.process_time()


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=20_000)
    ap.add_argument("--videos", type=int, default=300)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--homes", type=int, default=5, help="`home --json` runs (median and best)")
    ap.add_argument("--refreshes", type=int, default=10, help="refreshed homes after a new event")
    args = parse(ap, argv, smoke={"tracks": 1000, "videos": 10, "events": 3000, "homes": 1, "refreshes": 3})
    bench = Bench("taste_speed", FIGURES, args)
    made = profiles.cached_listener_profile(bench, args.tracks, args.videos, args.events)
    with bench.scratch() as tmp:
        data = copy_of(made, tmp / "profile")
        profile = product.profile_of(data)
        conn = product.open_db(data)
        _refits(bench, conn, profile)
        _home_processes(bench, data, args.homes)
        _refreshes(bench, conn, profile, max(1, args.refreshes))
        _search(bench, conn, profile)
        conn.close()
    return bench.finish()


def _refits(bench: Bench, conn, profile) -> None:
    import resource

    w, c = clocks()
    product.refit(conn, profile)
    w1, c1 = clocks()
    model = product.refit(conn, profile)
    w2, c2 = clocks()
    bench.add("refit_first_s", w1 - w)
    bench.add("refit_first_cpu_s", c1 - c)
    bench.add("refit_s", w2 - w1)
    bench.add("refit_cpu_s", c2 - c1)
    peak = bench.add("peak_mib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    bench.say(f"full refit, first in a process (reads the database): {w1 - w:.2f} s wall, {c1 - c:.2f} s CPU")
    bench.say(f"full refit (tune + embed + modes): {w2 - w1:.2f} s wall, {c2 - c1:.2f} s CPU  (target < 5 s)")
    bench.say(f"  peak RSS of this process so far: {peak:.0f} MiB")
    bench.say(f"  tuned: {model.report}")


def _home_processes(bench: Bench, data: Path, homes: int) -> None:
    runs = [run_companion(data, "home", "--json") for _ in range(max(1, homes))]
    walls, cpus = [r.wall for r in runs], [r.cpu for r in runs]
    rows = bench.add("home_rows", len(runs[-1].json()))
    bench.add("home_process_s", statistics.median(walls))
    bench.add("home_process_best_s", min(walls))
    bench.add("home_process_cpu_s", statistics.median(cpus))
    bench.say(
        f"'companion home --json' new process, cached model: median {statistics.median(walls):.2f} s wall "
        f"(best {min(walls):.2f} s), median {statistics.median(cpus):.2f} s CPU  (target < 1 s; {rows} rows)"
    )
    cli_import = bench.add("cli_import_s", run([sys.executable, "-c", "import companion.cli"]).wall)
    bench.say(f"  of which Python start + CLI import: {cli_import:.2f} s")


def _refreshes(bench: Bench, conn, profile, count: int) -> None:
    product.forget_state()
    t0 = time.perf_counter()
    product.build_home(conn, profile)
    first = bench.add("first_home_s", time.perf_counter() - t0)
    bench.say(f"first home in a process (load library + events, cached model): {first:.2f} s")
    music = product.item_ids(conn, "music")
    item = music[min(500, len(music) - count - 1)]  # count items in a row from here get a new event
    refresh, refresh_cpu = [], []
    for k in range(count):
        w, c = clocks()
        eid = product.record_event(conn, item + k, "completed", position=200.0, duration=200.0)
        product.refresh_after_event(conn, profile, eid)
        product.build_home(conn, profile)
        w1, c1 = clocks()
        refresh.append((w1 - w) * 1000)
        refresh_cpu.append((c1 - c) * 1000)
    bench.add("refresh_ms", statistics.median(refresh))
    bench.add("refresh_worst_ms", max(refresh))
    bench.add("refresh_cpu_ms", statistics.median(refresh_cpu))
    bench.say(
        f"refreshed home after a new event (record + refresh + build): median "
        f"{statistics.median(refresh):.0f} ms wall (worst {max(refresh):.0f} ms), "
        f"median {statistics.median(refresh_cpu):.0f} ms CPU  (target < 100 ms)"
    )


def _search(bench: Bench, conn, profile) -> None:
    t0 = time.perf_counter()
    product.search(conn, profile, "artist 12")
    first = bench.add("search_first_ms", (time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    res = product.search(conn, profile, "chill vibes")
    then = bench.add("search_ms", (time.perf_counter() - t0) * 1000)
    bench.say(
        f"search: first {first:.0f} ms (builds the word index), then {then:.0f} ms "
        f"('chill vibes': {len(res.items)} items)"
    )


if __name__ == "__main__":
    sys.exit(cli(main))
