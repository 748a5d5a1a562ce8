"""Library scan speed on a realistic library, against a bare mutagen loop as the yardstick.

    python benchmarks/scan.py [--tracks 20000] [--videos 300] [--workers 2] [--repeat 5] [--cpu]
                              [--smoke] [--json] [--work DIR]

The library (``Artist/Album (Year)/NN - Title.ext`` over mp3, flac, ogg, opus and m4a with full
tags, some ratings, embedded covers or cover.jpg, plus videos as episodes and movies) is made once
per size in the work dir (default: the user cache dir) and reused.

Figures printed (warm page cache: every file was read just before; the machine may be shared, so the
load average is printed, and ``--repeat N`` keeps the best of N alternating runs of each measure):
- the yardstick, a bare ``mutagen.File()`` loop over the same files as the scan it is compared with (the
  music files; for the full scan, the music and video files): in 1 process (music), and in a pool of 2
  run two ways: as a fresh ``python`` process timed from outside (interpreter start, ``import mutagen``
  and the pool's start included), and inside this process (none of that included). The pool is the
  scan's own (``companion.core.jobs.pool._Pool``: the standard pool minus a busy loop), 64 files a message;
- full scan of a fresh profile with ``companion scan`` timed from outside (process start included):
  the time until every library row is in the database (the whole run minus the thumbnail pass, which
  ``--json`` reports as ``thumbnail_seconds``), and the whole run with the video thumbnails; each as files/s
  and as a share of the yardstick's files/s with process start included on both sides; also the scan's
  own ``seconds`` (no interpreter start) against the in-process yardstick;
- the same for the music only (no videos);
- ``companion scan`` with nothing changed, process start included (best of 3);
- ``companion scan`` after touching 1% of the files;
- CPU seconds of all processes of each timed run (yardstick and scans), which a busy machine disturbs
  less than wall time;
- peak memory (VmHWM) of the scan's main process and of its largest worker (Linux /proc), from one more,
  untimed full scan (watching /proc takes CPU the timed runs should not lose);
- CPU time per music file, all in one process (``--cpu``): bare ``mutagen.File()`` against the whole
  scan (walk, tags, fingerprint, covers, database). On a shared machine wall times swing with the
  load; CPU time says what the scan itself costs.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: benchmarks.common
from benchmarks.common import libraries, product, yardsticks
from benchmarks.common.bench import Bench, BenchError, Figure, bench_parser, cli, parse
from benchmarks.common.procs import Samples, alternate, run, run_companion

FIGURES = (
    Figure("bare1_s", "yardstick: bare mutagen.File(), 1 process, music", "s"),
    Figure("bare2_inproc_s", "yardstick: pool of 2 in this process, music", "s"),
    Figure("bare2_process_s", "yardstick: pool of 2 as a new process, music", "s"),
    Figure("bare2_process_files_per_s", "yardstick: pool of 2 as a new process, music", "files/s"),
    Figure("bare2_process_cpu_s", "yardstick CPU, all processes, music", "s"),
    Figure("bare2_all_process_s", "yardstick over the full scan's files, new process", "s"),
    Figure("bare2_all_inproc_s", "yardstick over the full scan's files, in this process", "s"),
    Figure("music_rows_s", "scan, music only: library rows in the database", "s"),
    Figure("music_rows_share", "scan, music only: share of the yardstick's files/s", "share"),
    Figure(
        "music_inside_share", "scan, music only, inside the process: share of the in-process pool", "share"
    ),
    Figure("music_cpu_per_file_us", "scan, music only: CPU per file, all processes", "us"),
    Figure("full_rows_s", "full scan: library rows in the database", "s"),
    Figure("full_rows_files_per_s", "full scan: library rows in the database", "files/s"),
    Figure("full_rows_share", "full scan: share of the yardstick's files/s", "share"),
    Figure("full_inside_share", "full scan, inside the process: share of the in-process pool", "share"),
    Figure("full_thumbs_s", "full scan with the video thumbnails", "s"),
    Figure("full_thumbs_share", "full scan with the video thumbnails: share of the yardstick", "share"),
    Figure("full_cpu_per_file_us", "full scan: CPU per file, all processes (thumbnails too)", "us"),
    Figure("yardstick_cpu_per_file_us", "yardstick: CPU per file, all processes", "us"),
    Figure("failures", "full scan: files that failed"),
    Figure("thumbnails", "full scan: video thumbnails made"),
    Figure("peak_main_mib", "full scan: peak memory of the main process", "MiB"),
    Figure("peak_worker_mib", "full scan: peak memory of the largest worker", "MiB"),
    Figure("rescan_unchanged_s", "rescan, nothing changed (best of the rescans)", "s"),
    Figure("rescan_touched_s", "rescan after touching 1% of the files", "s"),
    Figure("cpu_bare_us", "CPU per music file in one process: bare mutagen", "us"),
    Figure("cpu_scan_us", "CPU per music file in one process: the whole scan", "us"),
)


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=20_000)
    ap.add_argument("--videos", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cpu", action="store_true", help="also compare CPU time per file in one process")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the yardsticks and the scans N times, alternating, and keep the best of each "
        "(steadier on a shared machine)",
    )
    ap.add_argument("--rescans", type=int, default=3, help="unchanged rescans, the best kept")
    args = parse(ap, argv, smoke={"tracks": 200, "videos": 6, "cpu": True, "rescans": 1})
    bench = Bench("scan", FIGURES, args)
    size = {"tracks": args.tracks, "videos": args.videos}
    lib = bench.cached(
        "scan-library",
        size,
        lambda d: libraries.make_scan_library(d, args.tracks, args.videos),
        version=libraries.SCAN_LIBRARY_VERSION,
    )
    files = libraries.music_files(lib)
    everything = files + libraries.video_files(lib)  # the full scan's files: its yardstick runs over them
    bench.say(f"library: {len(files)} tracks + {len(everything) - len(files)} videos in {lib}")
    bare1 = bench.add("bare1_s", yardsticks.bare_loop(files, 1))
    bench.say(f"bare mutagen.File(), 1 process : {bare1:6.2f} s  {len(files) / bare1:7.0f} files/s")
    with bench.scratch() as tmp:
        profile = tmp / "profile"
        lists = {}
        for name, chosen in (("music", files), ("all", everything)):
            lists[name] = tmp / f"{name}.files"
            lists[name].write_text("\n".join(chosen), encoding="utf-8", errors="surrogateescape")
        best = alternate(
            args.repeat,
            [
                _yardstick_step(files, everything, lists),
                _scan_step("music", lib / "Music", len(files), profile, args.workers),
                _scan_step("full", lib, len(everything), profile, args.workers),
            ],
        )
        _report_speed(bench, best, len(files), len(everything), args.workers)
        _memory_and_rescans(bench, lib, profile, files, args)
    if args.cpu:
        cpu_per_file(bench, lib, files)
    else:
        bench.skip_all("cpu_", "not asked (--cpu)")
    return bench.finish()


def _yardstick_step(files: list[str], everything: list[str], lists: dict[str, Path]):
    def step(s: Samples) -> None:
        s.add("bare2", yardsticks.bare_loop(files, 2))
        s.add("bare2_all", yardsticks.bare_loop(everything, 2))
        fresh = run(yardsticks.command(str(lists["music"])))
        s.add("bare2_process", fresh.wall)
        s.add("bare2_cpu", fresh.cpu)
        s.add("bare2_all_process", run(yardsticks.command(str(lists["all"]))).wall)

    return step


def _scan_step(name: str, target: Path, count: int, profile: Path, workers: int):
    def step(s: Samples) -> None:
        shutil.rmtree(profile, ignore_errors=True)  # every full scan starts from an empty profile
        profile.mkdir()
        r = run_companion(profile, "scan", str(target), "--workers", str(workers), "--json")
        result = r.json()
        if result["added"] != count:
            raise BenchError(f"the {name} scan added {result['added']} files, not {count}: {result}")
        thumbs = result.get("thumbnail_seconds", 0.0)
        s.add(f"{name}_total", r.wall)
        s.add(f"{name}_rows", r.wall - thumbs)
        s.add(f"{name}_inside", result["seconds"] - thumbs)
        s.add(f"{name}_cpu", r.cpu)

    return step


def _report_speed(bench: Bench, best: Samples, music: int, total: int, workers: int) -> None:
    b = best.best
    rate2, rate2p = music / b("bare2"), music / b("bare2_process")
    bench.add("bare2_inproc_s", b("bare2"))
    bench.add("bare2_process_s", b("bare2_process"))
    bench.add("bare2_process_files_per_s", rate2p)
    bench.add("bare2_process_cpu_s", b("bare2_cpu"))
    bench.add("bare2_all_process_s", b("bare2_all_process"))
    bench.add("bare2_all_inproc_s", b("bare2_all"))
    yard_cpu = b("bare2_cpu") / music
    bench.add("yardstick_cpu_per_file_us", yard_cpu * 1e6)
    bench.say(f"bare mutagen.File(), pool of 2, in this process  : {b('bare2'):6.2f} s  {rate2:7.0f} files/s")
    bench.say(
        f"bare mutagen.File(), pool of 2, as a new process : {b('bare2_process'):6.2f} s  {rate2p:7.0f} "
        f"files/s (yardstick: process start included); CPU {b('bare2_cpu'):.2f} s"
    )
    rates = {"music": (rate2, rate2p), "full": (total / b("bare2_all"), total / b("bare2_all_process"))}
    bench.say(
        f"the same over the full scan's {total} files (videos too: mutagen reads an MP4's header, and "
        f"gives up on an MKV): {b('bare2_all_process'):6.2f} s  {rates['full'][1]:7.0f} files/s "
        f"(in this process {b('bare2_all'):.2f} s)"
    )
    for name, count, what in (("music", music, "music only"), ("full", total, "music + videos")):
        rate2, rate2p = rates[name]
        rows, whole, inside, cpu = (b(f"{name}_{k}") for k in ("rows", "total", "inside", "cpu"))
        bench.add(f"{name}_rows_s", rows)
        bench.add(f"{name}_rows_share", count / rows / rate2p)
        bench.add(f"{name}_inside_share", count / inside / rate2)
        bench.add(f"{name}_cpu_per_file_us", cpu / count * 1e6)
        bench.say(f"companion scan, {what} ({count} files), {workers} workers:")
        bench.say(
            f"  library rows in the database: {rows:6.2f} s  {count / rows:7.0f} files/s = "
            f"{count / rows / rate2p:.0%} of the yardstick (process start included on both sides)"
        )
        bench.say(
            f"  the same inside the process : {inside:6.2f} s  {count / inside:7.0f} files/s = "
            f"{count / inside / rate2:.0%} of the in-process pool (no process start on either side)"
        )
        if name == "full":
            bench.add("full_rows_files_per_s", count / rows)
            bench.add("full_thumbs_s", whole)
            bench.add("full_thumbs_share", count / whole / rate2p)
            bench.say(
                f"  with the video thumbnails   : {whole:6.2f} s  {count / whole:7.0f} files/s = "
                f"{count / whole / rate2p:.0%} of the yardstick"
            )
        bench.say(
            f"  CPU, all processes{' (thumbnails too)' if name == 'full' else ''}: {cpu:5.2f} s; per file "
            f"{cpu / count * 1e6:.0f} us against {yard_cpu * 1e6:.0f} us for the yardstick "
            f"({yard_cpu / (cpu / count):.0%})"
        )


def _memory_and_rescans(bench: Bench, lib: Path, profile: Path, files: list[str], args) -> None:
    shutil.rmtree(profile, ignore_errors=True)  # once more, untimed, watching memory
    profile.mkdir()
    r = run_companion(profile, "scan", str(lib), "--workers", str(args.workers), "--json", watch_memory=True)
    result = r.json()
    peaks = list(r.peaks_kib.values())
    main_peak = bench.add("peak_main_mib", (peaks[0] if peaks else 0) / 1024)
    worker_peak = bench.add("peak_worker_mib", max(peaks[1:] or [0]) / 1024)
    bench.add("failures", len(result["failed"]))
    bench.add("thumbnails", result.get("thumbnails", 0))
    bench.say(
        f"  failures: {len(result['failed'])}; thumbnails: {result.get('thumbnails')}; peak memory: main "
        f"{main_peak:.0f} MiB, largest worker {worker_peak:.0f} MiB"
    )
    rescans = max(1, args.rescans)
    unchanged = min(run_companion(profile, "scan", "--json").wall for _ in range(rescans))
    bench.add("rescan_unchanged_s", unchanged)
    bench.say(f"rescan, nothing changed (process start included, best of {rescans}): {unchanged:6.2f} s")
    touched = random.Random(3).sample(files, max(1, len(files) // 100))
    now = time.time()
    for f in touched:
        os.utime(f, (now, now))
    r = run_companion(profile, "scan", "--json")
    if r.json()["updated"] != len(touched):
        raise BenchError(f"the rescan updated {r.json()['updated']} files, not the {len(touched)} touched")
    bench.add("rescan_touched_s", r.wall)
    bench.say(f"rescan after touching 1% ({len(touched)} files): {r.wall:6.2f} s")


def cpu_per_file(bench: Bench, lib: Path, files: list[str]) -> None:
    """CPU seconds per music file in this one process: bare mutagen, then the whole scan (workers=1)."""
    t = time.process_time()
    for f in files:
        yardsticks.mutagen_one(f)
    bare = (time.process_time() - t) / len(files)
    with bench.scratch("cpu") as tmp:
        conn = product.open_db(tmp)
        t = time.process_time()
        result = product.run_scan(conn, product.profile_of(tmp), [str(lib / "Music")], workers=1)
        scan = (time.process_time() - t) / result.added
        conn.close()
    bench.add("cpu_bare_us", bare * 1e6)
    bench.add("cpu_scan_us", scan * 1e6)
    bench.say(
        f"CPU per music file, one process: bare mutagen {bare * 1e6:.0f} us, whole scan {scan * 1e6:.0f} us "
        f"(bare is {bare / scan:.0%} of the scan's cost)"
    )


if __name__ == "__main__":
    sys.exit(cli(main))
