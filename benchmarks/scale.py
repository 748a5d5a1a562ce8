"""Companion at scale: 100,000 tracks, 2,000 videos, 1,000,000 events.

    python benchmarks/scale.py [--tracks 100000] [--videos 2000] [--events 1000000]
                               [--smoke] [--json] [--work DIR]
    python benchmarks/scale.py --tracks 5000 --videos 100 --events 50000     # a quick run

Measures, on real generated files (made once per size in the work dir, as benchmarks/scan.py makes
them) and a fresh profile: full scan, rescan with nothing changed, 1,000,000 events appended, then
``home`` (first with a refit, then from the cached model), ``search``, ``ask`` (when the build has it),
``library --json``, the library table (load, sort by every column, filter), and the whole window
offscreen (``--self-test``) with the cached model and with the taste model refitted. Every step is
its own process timed from outside, with its peak memory: the largest single process (the kernel's
figure for the process and the children it waited for); for the window with a refit also each
process's own peak, summed (the window and its taste worker), which the 800 MB goal is about.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: benchmarks.common
from benchmarks.common import libraries, product, profiles
from benchmarks.common.bench import Bench, Figure, bench_parser, cli, parse
from benchmarks.common.machine import ROOT
from benchmarks.common.procs import Run, run, run_companion

STEPS = (
    ("scan", "full scan"),
    ("rescan", "rescan, nothing changed"),
    ("home_refit", "home --json right after the new events (full taste refit)"),
    ("home_cached", "home --json with the cached model"),
    ("search", "search night"),
    ("ask", "ask (a question in words)"),
    ("library", "library --json"),
    ("window", "the whole window offscreen (--self-test), cached model"),
    ("window_refit", "the whole window offscreen (--self-test), taste model refitted"),
)
FIGURES = (
    *(
        figure
        for key, label in STEPS
        for figure in (
            Figure(f"{key}_s", label, "s"),
            Figure(f"{key}_peak_mib", f"{label}: peak memory", "MiB"),
        )
    ),
    Figure("added", "full scan: files added"),
    Figure("failed", "full scan: files that failed"),
    Figure("events_s", "append the events (generator, in this process)", "s"),
    Figure("home_rows", "home rows"),
    Figure("library_items", "library --json: items"),
    Figure("table_rows", "library table: rows"),
    Figure("table_load_s", "library table: load", "s"),
    Figure("table_worst_sort_s", "library table: worst sort + repaint of any column", "s"),
    Figure("table_filter_s", "library table: filter", "s"),
    Figure("table_peak_mib", "library table: peak memory", "MiB"),
    Figure("window_refit_total_mib", "the whole window with a refit: peaks of its processes, summed", "MiB"),
)

TABLE_PROBE = textwrap.dedent("""
    import json, resource, sys, time  # noqa: E401
    sys.path.insert(0, sys.argv[2])
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from benchmarks.common.product import LibraryPage, Table, library_table, open_db
    from pathlib import Path
    app = QApplication([])
    conn = open_db(Path(sys.argv[1]))
    t = time.perf_counter(); table = Table(*library_table(conn, "tracks")); load = time.perf_counter() - t
    page = LibraryPage(); page.resize(1200, 700); page.show(); page.set_table("tracks", table)
    worst = 0.0
    for col in range(len(page.model.columns())):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            t = time.perf_counter(); page.table.sortByColumn(col, order); page.table.viewport().repaint()
            worst = max(worst, time.perf_counter() - t)
    t = time.perf_counter(); page.model.set_filter("night"); filt = time.perf_counter() - t
    print(json.dumps({"rows": len(table.rows), "load_s": load, "worst_sort_s": worst, "filter_s": filt,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
    import os; os._exit(0)  # skip interpreter teardown: PySide6 6.12 can crash while finalizing
""")


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=100_000)
    ap.add_argument("--videos", type=int, default=2_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    args = parse(ap, argv, smoke={"tracks": 200, "videos": 6, "events": 5000})
    bench = Bench("scale", FIGURES, args)
    lib = bench.cached(
        "scan-library",
        {"tracks": args.tracks, "videos": args.videos},
        lambda d: libraries.make_scan_library(d, args.tracks, args.videos),
        version=libraries.SCAN_LIBRARY_VERSION,
    )
    bench.say(f"library: {args.tracks:,} tracks, {args.videos:,} videos in {lib}")
    with bench.scratch() as tmp:
        profile = tmp / "profile"
        _scan_and_events(bench, lib, profile, args.events)
        _commands(bench, profile)
        _table(bench, profile)
        _windows(bench, profile)
    return bench.finish()


def _step(bench: Bench, key: str, r: Run, note: str = "") -> None:
    bench.add(f"{key}_s", r.wall)
    bench.add(f"{key}_peak_mib", r.peak_mib)
    label = dict(STEPS)[key]
    bench.say(f"{label}: {r.wall:.2f} s, peak {r.peak_mib:.0f} MiB{'; ' + note if note else ''}")


def _scan_and_events(bench: Bench, lib: Path, profile: Path, events: int) -> None:
    r = run_companion(profile, "scan", str(lib), "--json")
    out = r.json()
    bench.add("added", out["added"])
    bench.add("failed", len(out["failed"]))
    _step(bench, "scan", r, f"{out['added']:,} added, {len(out['failed'])} failed")
    r = run_companion(profile, "scan", "--json")
    _step(bench, "rescan", r, f"{r.json()['unchanged']:,} unchanged")
    t = time.monotonic()
    profiles.add_events(profile, events)
    secs = bench.add("events_s", time.monotonic() - t)
    bench.say(f"append {events:,} events (generator): {secs:.2f} s")


def _commands(bench: Bench, profile: Path) -> None:
    for key in ("home_refit", "home_cached"):
        r = run_companion(profile, "home", "--json")
        rows = bench.add("home_rows", len(r.json()))
        _step(bench, key, r, f"{rows} rows")
    _step(bench, "search", run_companion(profile, "search", "night", "--json"))
    if run_companion(profile, "ask", "--help", check=False).returncode != 0:
        bench.skip("ask_s", "no `ask` command in this build")
        bench.skip("ask_peak_mib", "no `ask` command in this build")
    else:
        _step(bench, "ask", run_companion(profile, "ask", "something calm for the evening", "--json"))
    r = run_companion(profile, "library", "--json")
    items = bench.add("library_items", len(r.json()))
    _step(bench, "library", r, f"{items:,} items")


def _table(bench: Bench, profile: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = run([sys.executable, "-c", TABLE_PROBE, str(profile), str(ROOT)], env=env)
    probe = json.loads(r.stdout.strip().splitlines()[-1])
    bench.add("table_rows", probe["rows"])
    for key in ("load_s", "worst_sort_s", "filter_s"):
        bench.add(f"table_{key}", probe[key])
    bench.add("table_peak_mib", probe["peak_mib"])
    bench.say(
        f"library table, {probe['rows']:,} rows: load {probe['load_s']:.2f} s, worst sort + repaint "
        f"{probe['worst_sort_s']:.2f} s (every column, both orders), filter {probe['filter_s']:.2f} s; "
        f"peak {probe['peak_mib']:.0f} MiB"
    )


def _windows(bench: Bench, profile: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = run_companion(profile, "--self-test", env=env, check=False)
    if r.returncode == 0:
        _step(bench, "window", r, r.stdout.strip()[:90])
    else:
        bench.fail("window_s", f"exit {r.returncode}: {r.stderr.strip()[-300:]}")
        bench.fail("window_peak_mib", "the self-test failed")
    product.forget_taste_cache(profile)  # the window's taste worker fits the model again
    r = run_companion(profile, "--self-test", env=env, check=False, watch_memory=True)
    if r.returncode == 0:
        total = bench.add("window_refit_total_mib", sum(r.peaks_kib.values()) / 1024)
        _step(bench, "window_refit", r, f"its processes' peaks summed {total:.0f} MiB (goal < 800 MB)")
    else:
        for key in ("window_refit_s", "window_refit_peak_mib", "window_refit_total_mib"):
            bench.fail(key, f"the self-test exited {r.returncode}: {r.stderr.strip()[-300:]}")


if __name__ == "__main__":
    sys.exit(cli(main))
