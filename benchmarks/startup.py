"""Startup time of Companion with a large library: the bundle (or the installed command) to a painted window.

    python benchmarks/startup.py [--exe dist/companion/companion] [--tracks 20000] [--runs 5] [--no-x11] [--cold]
                                 [--smoke] [--json] [--work DIR]

Figures printed:
- ``self-test``: wall time of ``companion --self-test`` (offscreen: opens the window, renders the
  home, checks player and database, exits). An upper bound for "to a painted window".
- ``x11 window``: under Xvfb (when installed), time from launch until the Companion window is
  mapped and viewable on the X server (``xwininfo``), then the app is stopped.
The library is made once per size in the work dir (default: the user cache dir): ``--tracks`` items
with tags, and a month of listening events, written straight into a fresh profile's database; each
run of this benchmark starts from a copy of it, so its first start also fits the taste model. The
page cache is not dropped (the machine is shared), so these are warm-cache figures; the first run
after a build is the cold one.
With ``--cold`` (and ``--exe``) the bundle's own files are evicted from the page cache before every run
(``posix_fadvise(DONTNEED)``, nothing else on the machine is touched): a cold start of the bundle, with
the system's libraries (libc, X11, fonts) still cached as they would be on a running desktop.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: benchmarks.common
from benchmarks.common import profiles
from benchmarks.common.bench import Bench, BenchError, Figure, bench_parser, cli, parse
from benchmarks.common.cache import copy_of
from benchmarks.common.procs import run

FIGURES = (
    Figure("self_test_first_s", "self-test: first run", "s"),
    Figure("self_test_median_s", "self-test: median", "s"),
    Figure("self_test_best_s", "self-test: best", "s"),
    Figure("self_test_failures", "self-test: runs that failed"),
    Figure("x11_first_s", "x11 window mapped: first run", "s"),
    Figure("x11_median_s", "x11 window mapped: median", "s"),
    Figure("x11_best_s", "x11 window mapped: best", "s"),
    Figure("bundle_mb", "bundle folder size", "MB"),
)


def command(exe: str | None) -> list[str]:
    return [exe] if exe else [sys.executable, "-m", "companion"]


def evict(folder: Path | None) -> None:
    """Drop ``folder``'s files from the page cache (no-op for None)."""
    for path in folder.rglob("*") if folder else ():
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def time_self_test(bench: Bench, cmd: list[str], profile: Path, runs: int, cold: Path | None) -> list[float]:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1"
    )  # keep the report if exit crashes
    times, failures, report = [], [], ""
    for _ in range(runs):
        evict(cold)
        result = run([*cmd, "--data-dir", str(profile), "--self-test"], env=env, check=False, timeout=300)
        if result.returncode == 0:
            times.append(result.wall)
            report = result.stdout.strip()[-200:]
        else:  # counted and shown, never folded into the timings
            failures.append(
                f"exit {result.returncode} after {result.wall:.2f} s"
                f"{' (had reported ok)' if 'self-test: ok' in result.stdout else ''}"
            )
    bench.add("self_test_failures", len(failures))
    if failures:
        bench.say(f"  WARNING: {len(failures)} of {runs} runs failed: {'; '.join(failures)}")
    if not times:
        raise BenchError(f"no self-test run succeeded: {'; '.join(failures)}")
    bench.say(f"  self-test says: {report}")
    return times


def start_xvfb(size: str = "1280x800x24") -> tuple[subprocess.Popen, str] | None:
    """A private Xvfb on a random high display number (other jobs on this machine use the low ones)."""
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        return None
    for number in random.Random().sample(range(300, 1000), 20):
        if os.path.exists(f"/tmp/.X{number}-lock") or os.path.exists(f"/tmp/.X11-unix/X{number}"):
            continue
        display = f":{number}"
        proc = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", size, "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        env = dict(os.environ, DISPLAY=display)
        deadline = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < deadline:
            if subprocess.run(["xwininfo", "-root"], env=env, capture_output=True).returncode == 0:
                return proc, display  # the server answers: timings may start
            time.sleep(0.05)
        proc.kill()
        proc.wait()
    return None


def time_x11_window(
    cmd: list[str], profile: Path, display: str, runs: int, cold: Path | None = None
) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    times = []
    for _ in range(runs):
        evict(cold)
        started = time.perf_counter()
        app = subprocess.Popen(
            [*cmd, "--data-dir", str(profile)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while True:
                if _window_viewable(env):
                    times.append(time.perf_counter() - started)
                    break
                if app.poll() is not None or time.perf_counter() - started > 60:
                    raise BenchError(
                        f"the window never appeared (exit {app.poll()}): {app.stderr.read()[-500:]}"
                    )
                time.sleep(0.01)
        finally:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
    return times


def _window_viewable(env: dict[str, str]) -> bool:
    """True when a window of class "Companion" bigger than 200x200 is mapped (Qt's helper windows are 1x1)."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
    for match in re.finditer(r'(0x[0-9a-f]+) .*\("[^"]*" "Companion"\)\s+(\d+)x(\d+)', tree):
        if int(match.group(2)) > 200 and int(match.group(3)) > 200:
            info = subprocess.run(
                ["xwininfo", "-id", match.group(1)], env=env, capture_output=True, text=True
            )
            if "IsViewable" in info.stdout:
                return True
    return False


def summary(bench: Bench, key: str, name: str, times: list[float]) -> None:
    bench.add(f"{key}_first_s", times[0])
    bench.add(f"{key}_median_s", statistics.median(times))
    bench.add(f"{key}_best_s", min(times))
    bench.say(
        f"{name:<12} first {times[0]:.2f} s   median {statistics.median(times):.2f} s   best {min(times):.2f} s"
        f"   ({len(times)} runs)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--exe", help="the bundle's executable (default: this Python's `-m companion`)")
    ap.add_argument("--tracks", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-x11", action="store_true", help="skip the Xvfb window timing")
    ap.add_argument(
        "--cold",
        action="store_true",
        help="with --exe: evict the bundle from the page cache before every run",
    )
    args = parse(ap, argv, smoke={"tracks": 500, "runs": 1})
    bench = Bench("startup", FIGURES, args)
    cmd = command(args.exe)
    bench.say(f"command: {' '.join(cmd)}")
    bundle = Path(args.exe).resolve().parent if args.exe else None
    if bundle is not None:
        size = bench.add("bundle_mb", sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file()) / 1e6)
        evicted = ", evicted from the page cache before every run" if args.cold else ""
        bench.say(f"bundle folder: {bundle} ({size:.0f} MB){evicted}")
    else:
        bench.skip("bundle_mb", "no bundle (--exe not given)")
    made = bench.cached(
        "rows-profile",
        {"tracks": args.tracks, "events": args.tracks // 4},
        lambda d: profiles.make_rows_profile(d, args.tracks, args.tracks // 4),
    )
    bench.say(f"library: {args.tracks} tracks, {args.tracks // 4} events")
    cold = bundle if args.cold else None
    with bench.scratch() as tmp:
        profile = copy_of(made, tmp / "profile")
        summary(bench, "self_test", "self-test", time_self_test(bench, cmd, profile, args.runs, cold))
        x = None if args.no_x11 else start_xvfb()
        if x is None:
            why = "not asked (--no-x11)" if args.no_x11 else "Xvfb or xwininfo not installed"
            bench.say(f"x11 window: skipped ({why})")
            bench.skip_all("x11_", why)
        else:
            proc, display = x
            try:
                summary(bench, "x11", "x11 window", time_x11_window(cmd, profile, display, args.runs, cold))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    return bench.finish()


if __name__ == "__main__":
    sys.exit(cli(main))
