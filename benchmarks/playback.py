"""Speed of the player and of listening-event recording.

    python benchmarks/playback.py [--tracks 6] [--seconds 1.5] [--items 20000] [--events 100000]
                                  [--smoke] [--json] [--work DIR]

Figures printed:
- ``transition gap``: wall time between the end of one track and the start of the next, each
  extrapolated from the position reports nearest to it (real files, FFmpeg backend, offscreen,
  no audio device), with the next track prepared in the spare player (the default) and without
  (a cold open);
- ``finish``: ``Recorder.finish`` per playback (event + resume point + checkpoint removal, one
  transaction, file database in WAL mode);
- ``checkpoint``: one in-flight position write;
- ``item_stats`` / ``history``: statistics for every item, and the latest 50 events, on a
  library of ``--items`` items with ``--events`` events (made once per size in the work dir).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: benchmarks.common
from benchmarks.common import product, profiles
from benchmarks.common.bench import Bench, BenchError, Figure, bench_parser, cli, parse
from benchmarks.common.cache import copy_of

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIGURES = (
    Figure("gap_prepared_ms", "transition gap, next track prepared: median", "ms"),
    Figure("gap_prepared_max_ms", "transition gap, next track prepared: max", "ms"),
    Figure("gap_cold_ms", "transition gap, cold open: median", "ms"),
    Figure("gap_cold_max_ms", "transition gap, cold open: max", "ms"),
    Figure("finish_ms", "finish (event + resume + checkpoint removal): median", "ms"),
    Figure("finish_p95_ms", "finish: 95th percentile", "ms"),
    Figure("checkpoint_ms", "checkpoint write: median", "ms"),
    Figure("checkpoint_p95_ms", "checkpoint write: 95th percentile", "ms"),
    Figure("stats_s", "item_stats for every item", "s"),
    Figure("history_ms", "history: the latest 50 events", "ms"),
)


def transition_gaps(tmp: Path, tracks: int, seconds: float, prepared: bool) -> list[float]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    store = product.Store(product.profile_of(tmp / ("prep" if prepared else "cold")))
    entries = []
    for i in range(tracks):
        path = product.write_audio(tmp / f"t{i}-{prepared}.mp3", product.tone(seconds, freq=300 + 40 * i))
        entries.append(product.QueueEntry(item_id=i + 1, path=str(path), duration=seconds))
    player = product.quiet_player(store, prepare_next=prepared)
    marks: list[tuple[int, float, float]] = []  # (queue index, position, wall time)
    player.positionChanged.connect(lambda s: marks.append((player.queue.index, s, time.perf_counter())))
    player.play_entries(entries)
    deadline = time.monotonic() + tracks * (seconds + 1.5) + 10
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
            prev_end = prev[-1][1] + (seconds - prev[-1][0])
            next_start = nxt[0][1] - nxt[0][0]
            gaps.append((next_start - prev_end) * 1000)
    if not gaps:
        raise BenchError(f"no transition between {tracks} tracks was seen ({len(marks)} position reports)")
    return gaps


def recording(data_dir: Path, items: int, events: int) -> dict[str, float]:
    conn = product.open_db(data_dir)
    rng = random.Random(3)
    rec = product.Recorder(conn)
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
    stats = product.item_stats(conn)
    stats_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    product.recent_events(conn, 50)
    history_s = time.perf_counter() - t0
    conn.close()
    if len(stats) != items:
        raise BenchError(f"item_stats gave {len(stats)} items, not {items}")
    return {
        "finish_ms": statistics.median(finish) * 1000,
        "finish_p95_ms": sorted(finish)[284] * 1000,
        "checkpoint_ms": statistics.median(checkpoint) * 1000,
        "checkpoint_p95_ms": sorted(checkpoint)[284] * 1000,
        "stats_s": stats_s,
        "history_ms": history_s * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=6)
    ap.add_argument("--seconds", type=float, default=1.5, help="length of each track for the gaps")
    ap.add_argument("--items", type=int, default=20000)
    ap.add_argument("--events", type=int, default=100000)
    args = parse(ap, argv, smoke={"tracks": 2, "seconds": 0.8, "items": 500, "events": 3000})
    bench = Bench("playback", FIGURES, args)
    made = bench.cached(
        "event-profile",
        {"items": args.items, "events": args.events},
        lambda d: profiles.make_event_profile(d, args.items, args.events),
    )
    with bench.scratch() as tmp:
        for prepared, key, label in (
            (True, "gap_prepared", "prepared next track"),
            (False, "gap_cold", "cold open"),
        ):
            gaps = transition_gaps(tmp, max(2, args.tracks), args.seconds, prepared)
            bench.add(f"{key}_ms", statistics.median(gaps))
            bench.add(f"{key}_max_ms", max(gaps))
            bench.say(
                f"transition gap ({label}): median {statistics.median(gaps):.1f} ms, "
                f"max {max(gaps):.1f} ms over {len(gaps)} transitions"
            )
        r = recording(copy_of(made, tmp / "rec"), args.items, args.events)
    for key, value in r.items():
        bench.add(key, value)
    bench.say(
        f"finish (event + resume + checkpoint removal): median {r['finish_ms']:.2f} ms, "
        f"p95 {r['finish_p95_ms']:.2f} ms"
    )
    bench.say(f"checkpoint write: median {r['checkpoint_ms']:.2f} ms, p95 {r['checkpoint_p95_ms']:.2f} ms")
    bench.say(f"item_stats for {args.items} items / {args.events} events: {r['stats_s']:.2f} s")
    bench.say(f"history (latest 50 of {args.events} events): {r['history_ms']:.2f} ms")
    return bench.finish()


if __name__ == "__main__":
    sys.exit(cli(main))
