"""Startup time of Companion with a large library: the bundle (or the installed command) to a painted window.

    python benchmarks/startup.py [--exe dist/companion/companion] [--tracks 20000] [--runs 5] [--no-x11] [--cold]

Figures printed:
- ``self-test``: wall time of ``companion --self-test`` (offscreen: opens the window, renders the
  home, checks player and database, exits). An upper bound for "to a painted window".
- ``x11 window``: under Xvfb (when installed), time from launch until the Companion window is
  mapped and viewable on the X server (``xwininfo``), then the app is stopped.
The library is made once per size in the temp dir: ``--tracks`` items with tags, and a month of
listening events, written straight into a fresh profile's database. The page cache is not dropped
(the machine is shared), so these are warm-cache figures; the first run after a build is the cold one.
With ``--cold`` (and ``--exe``) the bundle's own files are evicted from the page cache before every run
(``posix_fadvise(DONTNEED)``, nothing else on the machine is touched): a cold start of the bundle, with
the system's libraries (libc, X11, fonts) still cached as they would be on a running desktop.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_library(base: Path, tracks: int) -> Path:
    """A profile with ``tracks`` music items over 1,000 artists and about 30 days of plays."""
    profile_dir = base / f"startup-{tracks}"
    if (profile_dir / ".ready").exists():
        return profile_dir
    sys.path.insert(0, str(ROOT))
    from companion.core.db import open_profile_db
    from companion.core.paths import resolve_profile

    shutil.rmtree(profile_dir, ignore_errors=True)
    profile = resolve_profile(profile_dir).ensure()
    conn = open_profile_db(profile)
    rng = random.Random(1)
    now = time.time()
    genres = ["rock", "pop", "jazz", "ambient", "folk", "electronic", "hip hop", "classical"]
    with conn:
        conn.execute("INSERT INTO folders(path, added_at) VALUES (?, ?)", ("/music", now))
        conn.executemany(
            "INSERT INTO items(path, folder_id, kind, size, mtime_ns, added_at, updated_at, title, artist, album,"
            " genres, year, track_no, duration) VALUES (?, 1, 'music', 1000000, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    f"/music/Artist {i % 1000}/Album {i % 2000}/{i:05d} Track {i}.flac",
                    now - i,
                    now,
                    f"Track {i}",
                    f"Artist {i % 1000}",
                    f"Album {i % 2000}",
                    f'["{genres[i % len(genres)]}"]',
                    1970 + i % 55,
                    i % 12 + 1,
                    120.0 + i % 240,
                )
                for i in range(tracks)
            ],
        )
        events = []
        for _ in range(tracks // 4):
            item = rng.randrange(1, tracks + 1)
            ts = now - rng.uniform(0, 30 * 86400)
            events.append((item, rng.choice(["play", "completed", "completed", "skip"]), ts, 60))
        conn.executemany("INSERT INTO events(item_id, type, ts, tz_offset_min) VALUES (?, ?, ?, ?)", events)
    conn.close()
    (profile_dir / ".ready").write_text("ok")
    return profile_dir


def command(exe: str | None) -> list[str]:
    return [exe] if exe else [sys.executable, "-m", "companion"]


def evict(folder: Path | None) -> None:
    """Drop ``folder``'s files from the page cache (no-op for None)."""
    for path in folder.rglob("*") if folder else ():
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def time_self_test(cmd: list[str], profile: Path, runs: int, cold: Path | None = None) -> list[float]:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1"
    )  # keep the report if exit crashes
    times, failures = [], []
    for _ in range(runs):
        evict(cold)
        started = time.perf_counter()
        result = subprocess.run(
            [*cmd, "--data-dir", str(profile), "--self-test"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        elapsed = time.perf_counter() - started
        if result.returncode == 0:
            times.append(elapsed)
            report = result.stdout.strip()[-200:]
        else:  # counted and shown, never folded into the timings
            failures.append(
                f"exit {result.returncode} after {elapsed:.2f} s"
                f"{' (had reported ok)' if 'self-test: ok' in result.stdout else ''}"
            )
    if failures:
        print(f"  WARNING: {len(failures)} of {runs} runs failed: {'; '.join(failures)}")
    if not times:
        raise SystemExit("no self-test run succeeded")
    print(f"  self-test says: {report}")
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
                    raise SystemExit(
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


def summary(name: str, times: list[float]) -> None:
    print(
        f"{name:<12} first {times[0]:.2f} s   median {statistics.median(times):.2f} s   best {min(times):.2f} s"
        f"   ({len(times)} runs)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", help="the bundle's executable (default: this Python's `-m companion`)")
    parser.add_argument("--tracks", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-x11", action="store_true", help="skip the Xvfb window timing")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="with --exe: evict the bundle from the page cache before every run",
    )
    args = parser.parse_args()
    cmd = command(args.exe)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"command: {' '.join(cmd)}")
    if args.exe:
        bundle = Path(args.exe).resolve().parent
        size = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file())
        print(
            f"bundle folder: {bundle} ({size / 1e6:.0f} MB){', evicted from the page cache before every run' if args.cold else ''}"
        )
    started = time.perf_counter()
    profile = make_library(Path(tempfile.gettempdir()), args.tracks)
    print(
        f"library: {args.tracks} tracks, {args.tracks // 4} events ({time.perf_counter() - started:.1f} s to make)"
    )
    cold = Path(args.exe).resolve().parent if args.cold and args.exe else None
    summary("self-test", time_self_test(cmd, profile, args.runs, cold))
    if not args.no_x11:
        x = start_xvfb()
        if x is None:
            print("x11 window: skipped (Xvfb or xwininfo not installed)")
        else:
            proc, display = x
            try:
                summary("x11 window", time_x11_window(cmd, profile, display, args.runs, cold))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
