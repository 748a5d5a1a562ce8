"""Companion at scale: 100,000 tracks, 2,000 videos, 1,000,000 events.

Measures, on real generated files: full scan, rescan with nothing changed, home (first
with a refit, then from the cached model), search, the library table (load, sort by every
column), and the whole window offscreen (``--self-test``), with peak memory of each.

    python benchmarks/scale.py                      # the full size (generation takes a while, cached)
    python benchmarks/scale.py --tracks 5000 --videos 100 --events 50000   # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scan import machine, make_library, run_companion

ROOT = Path(__file__).resolve().parents[1]


def add_events(db_path: Path, n: int, seed: int = 3) -> float:
    """Append ``n`` listening events spread over two years (plays, completions, skips, a few ratings)."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM items WHERE kind = 'music'")]
    videos = [r[0] for r in conn.execute("SELECT id FROM items WHERE kind = 'video'")]
    favourites = rng.sample(ids, max(1, len(ids) // 20))
    start = time.time() - 2 * 365 * 86400
    t0 = time.monotonic()
    batch = []
    ts = start
    step = (time.time() - start) / n
    for _k in range(n):
        ts += rng.expovariate(1 / step)
        if videos and rng.random() < 0.03:
            item = rng.choice(videos)
        else:
            item = rng.choice(favourites) if rng.random() < 0.6 else rng.choice(ids)
        kind = rng.choices(("completed", "play", "skip"), (0.6, 0.2, 0.2))[0]
        pos = rng.uniform(1, 25) if kind == "skip" else rng.uniform(60, 240)
        batch.append(
            (item, kind, ts, 60, pos, 240.0, "user", "ended" if kind == "completed" else "next", "app")
        )
        if len(batch) >= 50_000:
            _flush(conn, batch)
    _flush(conn, batch)
    conn.close()
    return time.monotonic() - t0


def _flush(conn: sqlite3.Connection, batch: list[tuple]) -> None:
    with conn:
        conn.executemany(
            "INSERT INTO events(item_id, type, ts, tz_offset_min, position, duration, start_reason,"
            " end_reason, source) VALUES (?,?,?,?,?,?,?,?,?)",
            batch,
        )
    batch.clear()


TABLE_PROBE = textwrap.dedent("""
    import json, resource, sys, time  # noqa: E401
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from companion.core.paths import resolve_profile
    from companion.core.store import Store
    from companion.ui.backend import Backend
    from companion.ui.library.page import LibraryPage
    app = QApplication([])
    backend = Backend(Store(resolve_profile(sys.argv[1])))
    t = time.perf_counter(); table = backend.table("tracks"); load = time.perf_counter() - t
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


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, str, int]:
    """Wall time, stdout and the peak RSS (KiB) of the largest process of ``cmd`` and its children."""
    t = time.monotonic()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *cmd] if Path("/usr/bin/time").exists() else cmd,
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.monotonic() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:6])} failed: {proc.stderr[-800:]}")
    peak = 0
    if Path("/usr/bin/time").exists():
        peak = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, proc.stdout, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=100_000)
    ap.add_argument("--videos", type=int, default=2_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    t = time.monotonic()
    lib = make_library(args.out, args.tracks, args.videos)
    print(
        f"library: {args.tracks} tracks, {args.videos} videos in {lib} (ready in {time.monotonic() - t:.0f} s)"
    )
    profile = args.out / f"scale-profile-{args.tracks}-{args.videos}"
    if profile.exists():
        import shutil

        shutil.rmtree(profile)
    py = sys.executable
    base = [py, "-m", "companion", "--data-dir", str(profile)]
    rows = []

    secs, out, peaks = run_companion(profile, "scan", str(lib))
    rows.append(
        ("full scan", secs, max(peaks.values()) / 1024, f"{out['added']} added, {len(out['failed'])} failed")
    )
    secs, out, peaks = run_companion(profile, "scan")
    rows.append(
        ("rescan, nothing changed", secs, max(peaks.values()) / 1024, f"{out['unchanged']} unchanged")
    )

    secs = add_events(profile / "library.sqlite3", args.events)
    rows.append((f"append {args.events:,} events (generator)", secs, 0, ""))

    for label in ("home (refit after new events)", "home (cached model)"):
        secs, out, peak = timed([*base, "home", "--json"])
        home = json.loads(out)
        rows.append((label, secs, peak / 1024, f"{len(home)} rows"))
    secs, out, peak = timed([*base, "search", "night", "--json"])
    rows.append(("search 'night'", secs, peak / 1024, ""))
    secs, out, peak = timed([*base, "library", "--json"])
    rows.append(("library --json", secs, peak / 1024, f"{len(json.loads(out))} items"))

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    secs, out, peak = timed([py, "-c", TABLE_PROBE, str(profile)], env=env)
    probe = json.loads(out)
    rows.append(("library table: load", probe["load_s"], probe["peak_mib"], f"{probe['rows']} rows"))
    rows.append(
        ("library table: worst sort + repaint", probe["worst_sort_s"], 0, "every column, both orders")
    )
    rows.append(("library table: filter", probe["filter_s"], 0, ""))
    try:
        secs, out, peak = timed([*base, "--self-test"], env=env)
        rows.append(("whole window offscreen (--self-test)", secs, peak / 1024, out.strip()[:60]))
    except SystemExit as e:
        rows.append(("whole window offscreen (--self-test)", 0, 0, f"FAILED: {str(e)[-120:]}"))

    print("\n| step | seconds | peak MiB | note |\n|---|---:|---:|---|")
    for name, s, mib, note in rows:
        print(f"| {name} | {s:.2f} | {mib:.0f} | {note} |" if mib else f"| {name} | {s:.2f} | | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
