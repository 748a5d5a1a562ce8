"""Taste engine speed on a large profile: 20,000 tracks, 300 videos, 100,000 events.

Measures (and prints):
- full refit (tuning, embeddings, listening modes) in-process;
- ``companion home --json`` as a new process with the cached model (process start included);
- a refreshed home after one new event, in-process, as the window does it (record, refresh, build);
- a search.

Usage: python benchmarks/taste_speed.py [--tracks N] [--videos N] [--events N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GENRES = [
    "rock",
    "jazz",
    "pop",
    "electronic",
    "classical",
    "hip hop",
    "folk",
    "metal",
    "ambient",
    "soul",
    "blues",
    "reggae",
    "punk",
    "house",
    "country",
    "latin",
]


def make_profile(data_dir: Path, tracks: int, videos: int, events: int, seed: int = 7) -> None:
    from companion.core.db import open_profile_db
    from companion.core.paths import resolve_profile

    rng = random.Random(seed)
    profile = resolve_profile(data_dir).ensure()
    conn = open_profile_db(profile)
    now = time.time()
    items = []
    n_artists = max(1, tracks // 25)
    for i in range(tracks):
        a = i // 25
        g = GENRES[(a * 7) % len(GENRES)]
        items.append(
            (
                f"/music/{g}/artist {a}/album {i // 10}/{i % 10:02d}.flac",
                "music",
                f"Track {i}",
                f"Artist {a}",
                f"Album {i // 10}",
                json.dumps([g]),
                1990 + a % 35,
                180.0 + i % 120,
                float(80 + (i * 13) % 100),
                now - rng.random() * 400 * 86400,
                now,
                None,
                None,
                None,
            )
        )
    for v in range(videos):
        show = v // 10
        items.append(
            (
                f"/video/Show {show}/S01E{v % 10 + 1:02d}.mkv",
                "video",
                f"Show {show} episode {v % 10 + 1}",
                None,
                None,
                json.dumps([["drama", "comedy", "sci-fi", "documentary"][show % 4]]),
                None,
                1500.0,
                None,
                now - rng.random() * 400 * 86400,
                now,
                f"Show {show}",
                1,
                v % 10 + 1,
            )
        )
    with conn:
        conn.executemany(
            "INSERT INTO items(path, kind, title, artist, album, genres, year, duration, bpm, added_at, updated_at,"
            " show, season, episode) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            items,
        )
    ids = [r[0] for r in conn.execute("SELECT id FROM items WHERE kind='music' ORDER BY id")]
    vids = [r[0] for r in conn.execute("SELECT id FROM items WHERE kind='video' ORDER BY id")]
    # a person: favourite artists by hour of day, Zipf-like taste, sessions of ~12 plays, some skips
    fav_by_part = {p: rng.sample(range(n_artists), 40) for p in range(4)}
    rows = []
    t = now - 365 * 86400
    session = 0
    while len(rows) < events:
        t += rng.expovariate(1 / (3.5 * 3600))
        hour = time.gmtime(t).tm_hour
        part = 0 if 5 <= hour < 12 else 1 if hour < 17 else 2 if hour < 22 else 3
        session += 1
        for _k in range(rng.randint(4, 20)):
            if rng.random() < 0.02 and vids:
                item = rng.choice(vids)
                rows.append((item, "completed", t, 60, 1500.0, 1500.0, f"s{session}", "app"))
                continue
            artist = rng.choice(fav_by_part[part]) if rng.random() < 0.8 else rng.randrange(n_artists)
            item = ids[min(len(ids) - 1, artist * 25 + int(rng.paretovariate(1.2)) % 25)]
            if rng.random() < 0.15:
                rows.append((item, "skip", t, 60, rng.random() * 40, 200.0, f"s{session}", "app"))
            else:
                rows.append(
                    (
                        item,
                        "completed",
                        t,
                        60,
                        200.0,
                        200.0,
                        f"s{session}",
                        "import:lastfm" if t < now - 200 * 86400 else "app",
                    )
                )
            t += 200
    with conn:
        conn.executemany(
            "INSERT INTO events(item_id, type, ts, tz_offset_min, position, duration, session_id,"
            " source) VALUES (?,?,?,?,?,?,?,?)",
            rows[:events],
        )
    conn.close()


def clocks() -> tuple[float, float]:
    """(wall, CPU of this process): on a shared machine the CPU time says what the code costs."""
    return time.perf_counter(), time.process_time()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=20_000)
    ap.add_argument("--videos", type=int, default=300)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--keep", metavar="DIR", help="build the profile in DIR and keep it")
    args = ap.parse_args()
    data_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="taste-speed-"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    t0 = time.perf_counter()
    make_profile(data_dir, args.tracks, args.videos, args.events)
    print(
        f"profile: {args.tracks} tracks, {args.videos} videos, {args.events} events "
        f"(generated in {time.perf_counter() - t0:.1f} s)"
    )

    from companion.core.db import open_profile_db
    from companion.core.events.record import record_event
    from companion.core.paths import resolve_profile
    from companion.core.taste.home import build_home, forget_state, refit, refresh_after_event
    from companion.core.taste.search import search

    profile = resolve_profile(data_dir)
    conn = open_profile_db(profile)
    w, c = clocks()
    refit(conn, profile)
    w1, c1 = clocks()
    model = refit(conn, profile)
    w2, c2 = clocks()
    print(f"full refit, first in a process (reads the database): {w1 - w:.2f} s wall, {c1 - c:.2f} s CPU")
    print(f"full refit (tune + embed + modes): {w2 - w1:.2f} s wall, {c2 - c1:.2f} s CPU  (target < 5 s)")
    print(
        f"  peak RSS of this process so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(f"  tuned: {model.report}")

    env = dict(os.environ, COMPANION_DATA_DIR=str(data_dir))
    cmd = [sys.executable, "-m", "companion", "home", "--json"]
    walls, cpus = [], []
    for _ in range(5):
        t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(time.perf_counter() - t0)
        cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    rows = json.loads(out.stdout)
    print(
        f"'companion home --json' new process, cached model: median {statistics.median(walls):.2f} s wall "
        f"(best {min(walls):.2f} s), median {statistics.median(cpus):.2f} s CPU  (target < 1 s; {len(rows)} rows)"
    )
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import companion.cli"], env=env, check=True)
    print(f"  of which Python start + CLI import: {time.perf_counter() - t0:.2f} s")

    forget_state()
    t0 = time.perf_counter()
    build_home(conn, profile)
    print(f"first home in a process (load library + events, cached model): {time.perf_counter() - t0:.2f} s")
    item = int(conn.execute("SELECT id FROM items WHERE kind='music' LIMIT 1 OFFSET 500").fetchone()[0])
    refresh, refresh_cpu = [], []
    for k in range(10):
        w, c = clocks()
        eid = record_event(conn, item + k, "completed", position=200.0, duration=200.0)
        refresh_after_event(conn, profile, eid)
        build_home(conn, profile)
        w1, c1 = clocks()
        refresh.append(w1 - w)
        refresh_cpu.append(c1 - c)
    print(
        f"refreshed home after a new event (record + refresh + build): median "
        f"{statistics.median(refresh) * 1000:.0f} ms wall (worst {max(refresh) * 1000:.0f} ms), "
        f"median {statistics.median(refresh_cpu) * 1000:.0f} ms CPU  (target < 100 ms)"
    )
    t0 = time.perf_counter()
    search(conn, profile, "artist 12")
    first_search = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = search(conn, profile, "chill vibes")
    print(
        f"search: first {first_search * 1000:.0f} ms (builds the word index), then "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms ('chill vibes': {len(res.items)} items)"
    )
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
