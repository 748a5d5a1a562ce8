"""Speed of the player and of listening-event recording.

    python benchmarks/playback.py [--tracks 6] [--items 20000] [--events 100000]

Figures printed:
- ``transition gap``: wall time between the end of one track and the start of the next, each
  extrapolated from the position reports nearest to it (real files, FFmpeg backend, offscreen,
  no audio device), with the next track prepared in the spare player (the default) and without
  (a cold open);
- ``finish``: ``Recorder.finish`` per playback (event + resume point + checkpoint removal, one
  transaction, file database in WAL mode);
- ``checkpoint``: one in-flight position write;
- ``item_stats`` / ``history``: statistics for every item, and the latest 50 events, on a
  library of ``--items`` items with ``--events`` events.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def transition_gaps(tmp: Path, tracks: int, prepared: bool) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from companion.core.media.synth import tone, write_audio
    from companion.core.paths import resolve_profile
    from companion.core.playqueue import QueueEntry
    from companion.core.store import Store
    from companion.playback.player import Player

    app = QApplication.instance() or QApplication([])
    store = Store(resolve_profile(tmp / ("prep" if prepared else "cold")).ensure())
    entries = []
    for i in range(tracks):
        path = write_audio(tmp / f"t{i}-{prepared}.mp3", tone(1.5, freq=300 + 40 * i))
        entries.append(QueueEntry(item_id=i + 1, path=str(path), duration=1.5))
    player = Player(store, recover=False)
    if not prepared:
        player._prepare_next = lambda: None  # type: ignore[method-assign]
    marks: list[tuple[int, float, float]] = []  # (queue index, position, wall time)
    player.positionChanged.connect(lambda s: marks.append((player.queue.index, s, time.perf_counter())))
    # no library rows: events would fail the foreign key, so keep this session private
    from companion.core.settings import Settings

    player._settings = lambda: Settings(private_session=True)  # type: ignore[method-assign]
    player.play_entries(entries)
    deadline = time.monotonic() + tracks * 3 + 10
    while player.current() is not None or player.queue.index < tracks - 1:
        app.processEvents()
        time.sleep(0.001)
        if time.monotonic() > deadline:
            break
    player.close()
    store.close_all()
    gaps = []
    for i in range(1, tracks):
        prev = [(s, t) for q, s, t in marks if q == i - 1]
        nxt = [(s, t) for q, s, t in marks if q == i and s > 0]
        if prev and nxt:
            # when the previous track's last sample played, and when the next one's first did
            prev_end = prev[-1][1] + (1.5 - prev[-1][0])
            next_start = nxt[0][1] - nxt[0][0]
            gaps.append((next_start - prev_end) * 1000)
    return gaps


def recording(tmp: Path, items: int, events: int) -> dict[str, float]:
    import random

    from companion.core.db import open_profile_db
    from companion.core.events.history import recent_events
    from companion.core.events.recorder import Recorder
    from companion.core.events.stats import item_stats
    from companion.core.paths import resolve_profile

    conn = open_profile_db(resolve_profile(tmp / "rec").ensure())
    now = time.time()
    with conn:
        conn.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at, duration) VALUES (?, ?, ?, ?, ?)",
            [
                (f"/m/{i}.flac", "video" if i % 10 == 0 else "music", now, now, 200.0 + i % 3000)
                for i in range(items)
            ],
        )
    rng = random.Random(3)
    with conn:
        conn.executemany(
            "INSERT INTO events(item_id, type, ts, position, duration) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    rng.randrange(1, items + 1),
                    rng.choice(("play", "completed", "skip")),
                    now - rng.random() * 3e7,
                    30.0,
                    200.0,
                )
                for _ in range(events)
            ],
        )
    rec = Recorder(conn)
    finish, checkpoint = [], []
    for n in range(300):
        pb = rec.begin(rng.randrange(1, items + 1), duration=200.0)
        for t in range(0, 61, 3):
            pb.progress(float(t))
        t0 = time.perf_counter()
        rec.checkpoint(pb, force=True)
        checkpoint.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        rec.finish(pb, "next" if n % 2 else "stop")
        finish.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    stats = item_stats(conn)
    stats_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    recent_events(conn, 50)
    history_s = time.perf_counter() - t0
    conn.close()
    assert len(stats) == items
    return {
        "finish_ms": statistics.median(finish) * 1000,
        "finish_p95_ms": sorted(finish)[284] * 1000,
        "checkpoint_ms": statistics.median(checkpoint) * 1000,
        "checkpoint_p95_ms": sorted(checkpoint)[284] * 1000,
        "stats_s": stats_s,
        "history_ms": history_s * 1000,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=6)
    ap.add_argument("--items", type=int, default=20000)
    ap.add_argument("--events", type=int, default=100000)
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for prepared in (True, False):
            gaps = transition_gaps(tmp, args.tracks, prepared)
            label = "prepared next track" if prepared else "cold open"
            print(
                f"transition gap ({label}): median {statistics.median(gaps):.1f} ms, "
                f"max {max(gaps):.1f} ms over {len(gaps)} transitions"
            )
        r = recording(tmp, args.items, args.events)
        print(
            f"finish (event + resume + checkpoint removal): median {r['finish_ms']:.2f} ms, "
            f"p95 {r['finish_p95_ms']:.2f} ms"
        )
        print(f"checkpoint write: median {r['checkpoint_ms']:.2f} ms, p95 {r['checkpoint_p95_ms']:.2f} ms")
        print(f"item_stats for {args.items} items / {args.events} events: {r['stats_s']:.2f} s")
        print(f"history (latest 50 of {args.events} events): {r['history_ms']:.2f} ms")


if __name__ == "__main__":
    main()
