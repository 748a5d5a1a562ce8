"""Window benchmarks: cold start to the first painted home, and the longest UI-thread stall during a scan.

    python benchmarks/ui.py [--tracks 20000] [--files 2000] [--runs 3] [--compare]

1. Cold start: a new process opens the window over a library of ``--tracks`` synthetic
   tracks (rows only) with a history of plays, and reports the time from process start to
   the first paint of the home **the taste engine built for now** (its rows, in its order; the
   first two strips laid out, so that paint shows them).
   Three situations, ``--runs`` times each:
   - very first start: nothing cached (the taste model is fitted before that home exists);
   - warm start: the model and library snapshot cached by an earlier start;
   - after a library change (one item re-tagged): the model must be refitted, but the last
     session's home is kept on disk, so the window paints that first. Both times are printed: "last home" (the taste
     engine's rows from the previous run, replaced in place when the new ones come) and
     "home for now" (what the target is about).
   CPU seconds of the window's process (to that paint) and of the taste worker are printed too.
2. Scan stall: the window is open while a scan of ``--files`` real audio files runs in the
   background (and the home is rebuilt as they arrive); a 2 ms timer on the UI thread records the
   longest gap between its ticks; then the same window idle for as long (the machine's noise floor).
``--compare`` also measures the old layout (taste engine in a thread of the window's process).
Targets (issue 6): cold start under 1.5 s, longest stall under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, sys, time
t_start = float(sys.argv[2])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from companion.app import build, wait_for
from companion.core.paths import resolve_profile
parts = build(resolve_profile(sys.argv[1]), taste_process=sys.argv[3] == "1")
w, c = parts.window, parts.controller
w.resize(1280, 820)
w.show()
def laid_out():
    # the first strips are on the page with their real size (not only created: laid out, so a paint shows them)
    top = [w.home.strips[r.id] for r in w.home.rows[:2] if r.id in w.home.strips]
    return bool(top) and all(s.isVisible() and s.geometry().height() > 50 for s in top)
ok = wait_for(lambda: c.home_data is not None and laid_out(), 120)
w.home.repaint()
first = time.time()
first_was_last_home = c.home_provisional
ok = ok and wait_for(lambda: c.home_data is not None and not c.home_provisional and not c._home_busy and laid_out(), 120)
w.home.repaint()
fresh = time.time()
cpu = time.process_time()
rows = len(w.home.rows)
sk = "sklearn" in sys.modules
child_cpu = c.backend.worker.call("cpu", timeout=60) if c.backend.worker is not None else 0.0
parts.close()
print(f"{first - t_start:.3f} {fresh - t_start:.3f} {int(first_was_last_home)} {rows} {ok} {cpu:.3f} {child_cpu:.3f} {int(sk)}")
"""


def machine() -> str:
    cpus = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.system()} {platform.machine()}, {cpus} CPUs, load {load:.1f}, Python {platform.python_version()}"


def make_big_profile(root: Path, tracks: int):
    from companion.core.db import open_profile_db
    from companion.core.demo.bulk import add_bulk_library
    from companion.core.paths import resolve_profile

    profile = resolve_profile(root).ensure()
    conn = open_profile_db(profile)
    add_bulk_library(conn, tracks, plays=tracks)
    conn.close()
    return profile


def cold_start(profile_dir: Path, taste_process: bool = True) -> dict:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(profile_dir), f"{t0}", "1" if taste_process else "0"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    if not lines:
        raise RuntimeError(f"the window did not start: {out.stderr[-800:]}")
    first, fresh, was_last, rows, ok, cpu, child_cpu, sk = lines[-1].split()
    if ok != "True":
        raise RuntimeError(f"the home did not arrive: {out.stderr[-500:]}")
    return {
        "first": float(first),
        "fresh": float(fresh),
        "last_home_first": was_last == "1",
        "rows": int(rows),
        "cpu": float(cpu),
        "child_cpu": float(child_cpu),
        "sklearn_in_window": sk == "1",
    }


def forget_taste_cache(profile_dir: Path) -> None:
    """Nothing cached: the model, the library snapshot and the last home go (a very first start)."""
    import shutil

    from companion.core.paths import resolve_profile

    shutil.rmtree(resolve_profile(profile_dir).model_dir, ignore_errors=True)


def change_library(profile_dir: Path) -> None:
    """One item re-tagged: the library's fingerprint changes, so the taste model must be refitted."""
    from companion.core.db import connect
    from companion.core.paths import resolve_profile

    conn = connect(resolve_profile(profile_dir).db_path)
    with conn:
        conn.execute("UPDATE items SET updated_at = updated_at + 1 WHERE id = (SELECT min(id) FROM items)")
    conn.close()


def summary(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.2f} s, best {min(values):.2f} s (runs: "
        + ", ".join(f"{v:.2f}" for v in values)
        + ")"
    )


def cold_starts(profile_dir: Path, runs: int, taste_process: bool = True) -> None:
    label = "taste worker process" if taste_process else "old layout: taste engine in a window thread"
    print(f"cold start to the first painted home ({label}):")
    cases = {
        "very first start (nothing cached)": [],
        "warm start (model cached)": [],
        "after a library change (refit; last home kept)": [],
    }
    for _ in range(runs):
        forget_taste_cache(profile_dir)
        cases["very first start (nothing cached)"].append(cold_start(profile_dir, taste_process))
        cases["warm start (model cached)"].append(cold_start(profile_dir, taste_process))
        change_library(profile_dir)
        cases["after a library change (refit; last home kept)"].append(cold_start(profile_dir, taste_process))
    for name, results in cases.items():
        fresh = [r["fresh"] for r in results]
        print(f"  {name}: home for now {summary(fresh)}; {results[0]['rows']} rows")
        lasts = [r["first"] for r in results if r["last_home_first"]]
        if lasts:
            print(
                f"      painted the last session's home first in {len(lasts)} of {len(results)} runs: "
                f"{summary(lasts)}"
            )
        print(
            f"      CPU: window process {statistics.median(r['cpu'] for r in results):.2f} s, "
            f"taste worker {statistics.median(r['child_cpu'] for r in results):.2f} s; "
            f"scikit-learn imported in the window: {any(r['sklearn_in_window'] for r in results)}"
        )


def make_files(folder: Path, n: int) -> None:
    """``n`` real FLAC files: one encoded tone copied, each copy tagged differently."""
    import shutil

    from companion.core.media import synth

    base = synth.write_audio(folder / "base.flac.tmp.flac", synth.tone(2.0, 22050, 330.0))
    for k in range(n):
        path = folder / f"artist {k // 40}" / f"album {k // 10}" / f"{k:04d} song.flac"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(base, path)
        synth.write_tags(
            path,
            {
                "title": f"Song {k}",
                "artist": f"Artist {k // 40}",
                "album": f"Album {k // 10}",
                "genre": ["Rock", "Jazz", "Folk", "Ambient"][k % 4],
            },
        )
    base.unlink()


def scan_stall(profile_dir: Path, music: Path, taste_process: bool = True) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from companion.app import build, wait_for
    from companion.core.paths import resolve_profile

    profile = resolve_profile(profile_dir).ensure()
    parts = build(profile, taste_process=taste_process)
    w, c = parts.window, parts.controller
    if taste_process:  # as the application does (companion.app.run_app)
        from companion.app import freeze_after_first_home

        freeze_after_first_home(c)
    w.resize(1280, 820)
    w.show()
    wait_for(
        lambda: (
            c.home_data is not None and not c.home_provisional and not c._home_busy
            if w.current_page == "home"
            else False
        ),
        60,
    )
    wait_for(lambda: False, 1.0)  # let the first paint happen: we measure the scan, not the start
    gaps: list[float] = []
    last = [time.perf_counter()]
    worst_at = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        if not gaps or now - last[0] > max(gaps):
            worst_at[0] = now
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    finished: list[bool] = []
    c.scanFinished.connect(finished.append)
    marks: list[tuple[str, float]] = []
    c.homeReady.connect(lambda _d: marks.append(("home", time.perf_counter())))
    c.scanFinished.connect(lambda _ok: marks.append(("scan done", time.perf_counter())))
    before = c.backend.counts()["music"]
    started = time.perf_counter()
    last[0] = started
    timer.start()
    c.scan([str(music)])
    wait_for(lambda: bool(finished), 600)
    wait_for(lambda: c.home_data is not None and not c._home_busy, 120)  # the home filled in as files arrived
    wait_for(lambda: False, 0.3)  # and was painted
    timer.stop()
    took = time.perf_counter() - started
    added = c.backend.counts()["music"] - before
    # the noise floor: the same window doing nothing for as long (other programs share the CPUs)
    idle: list[float] = []
    last[0] = time.perf_counter()
    timer.timeout.disconnect(tick)
    timer.timeout.connect(
        lambda: (idle.append(time.perf_counter() - last[0]), last.__setitem__(0, time.perf_counter()))
    )
    timer.start()
    wait_for(lambda: False, min(took, 10.0))
    timer.stop()
    parts.close()
    when = ", ".join(f"{name} {t - started:.2f}" for name, t in marks)
    return {
        "stall": max(gaps) * 1000,
        "took": took,
        "added": added,
        "idle": max(idle, default=0.0) * 1000,
        "where": f"worst gap ended at {worst_at[0] - started:.2f} s; {when}",
    }


def scan_stalls(
    root: Path, big: Path, music: Path, files: int, runs: int, taste_process: bool = True
) -> None:
    import shutil

    label = "taste worker process" if taste_process else "old layout: taste engine in a window thread"
    print(f"longest UI-thread stall while {files:,} files are scanned ({label}):")
    for name, template in (
        ("into an empty library (welcome, then the home fills in)", None),
        (f"into the {big.name} library (the home is refitted after the scan)", big),
    ):
        results = []
        for k in range(runs):
            target = root / f"stall-{int(taste_process)}-{k}-{template is not None}"
            if template is not None:
                shutil.copytree(template, target)
            results.append(scan_stall(target, music, taste_process))
            shutil.rmtree(target, ignore_errors=True)
        stalls = [r["stall"] for r in results]
        idle = ", ".join(f"{r['idle']:.0f}" for r in results)
        print(
            f"  {name}: median {statistics.median(stalls):.0f} ms, worst {max(stalls):.0f} ms, best "
            f"{min(stalls):.0f} ms (runs: {', '.join(f'{v:.0f}' for v in stalls)}); same window idle: "
            f"{idle} ms; {results[0]['added']:,} added in {statistics.median(r['took'] for r in results):.1f} s"
        )
        for r in results:
            print(f"      {r['where']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracks", type=int, default=20_000)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--compare", action="store_true", help="also measure the old layout (taste in a window thread)"
    )
    ap.add_argument("--skip-start", action="store_true")
    ap.add_argument("--skip-scan", action="store_true")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    layouts = [True, False] if args.compare else [True]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        big = root / f"{args.tracks // 1000}k"
        make_big_profile(big, args.tracks)
        print(
            f"made a {args.tracks:,}-track library with {args.tracks:,} plays in {time.perf_counter() - t:.1f} s"
        )
        if not args.skip_start:
            for layout in layouts:
                cold_starts(big, args.runs, layout)
                print(f"  (load average now {os.getloadavg()[0]:.1f})")
        if not args.skip_scan:
            music = root / "music"
            make_files(music, args.files)
            cold_start(big)  # leave the big library's taste cache warm for the scan into it
            for layout in layouts:
                scan_stalls(root, big, music, args.files, args.runs, layout)
                print(f"  (load average now {os.getloadavg()[0]:.1f})")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"this process: {usage.ru_utime + usage.ru_stime:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
