"""Speed of history import, playlist import and playlist export on a large library.

    python benchmarks/import_export.py [--tracks 20000] [--history 50000] [--playlist 10000]
                                       [--smoke] [--json] [--work DIR]

Figures printed:
- ``history import``: a Spotify extended history (``--history`` records, 80 % of them in the
  library, the rest kept as unmatched) imported into a fresh profile, records per second;
- ``history re-import``: the same file again (every record a duplicate);
- ``rematch``: the unmatched rows checked again against the library (none match);
- ``playlist import``: an M3U8 of ``--playlist`` entries: a third by exact path, a third by
  Windows paths matched on their last folders, a third by tags only;
- ``export``: ``--playlist`` items written as each format.
The library (rows only, as benchmarks/startup.py makes it) is made once per size in the work dir and
copied; the history and playlist files are written in a scratch folder. The database is a real
SQLite file in WAL mode.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: benchmarks.common
from benchmarks.common import product, profiles
from benchmarks.common.bench import Bench, Figure, bench_parser, cli, parse
from benchmarks.common.cache import copy_of

FIGURES = (
    Figure("history_import_s", "history import", "s"),
    Figure("history_import_per_s", "history import", "records/s"),
    Figure("history_matched", "history import: records matched"),
    Figure("history_unmatched", "history import: records kept unmatched"),
    Figure("history_reimport_s", "history re-import (every record a duplicate)", "s"),
    Figure("rematch_s", "rematch of the unmatched records", "s"),
    Figure("rematch_rows", "rematch: rows checked"),
    Figure("playlist_import_s", "playlist import", "s"),
    Figure("playlist_matched", "playlist import: entries matched"),
    Figure("export_m3u8_s", "export .m3u8", "s"),
    Figure("export_pls_s", "export .pls", "s"),
    Figure("export_xspf_s", "export .xspf", "s"),
)


def spotify_history(path: Path, records: int, tracks: int) -> None:
    rng = random.Random(7)
    t0 = 1_600_000_000
    out = []
    for n in range(records):
        i = rng.randrange(tracks)
        known = rng.random() < 0.8
        out.append(
            {
                "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0 + n * 200)),
                "ms_played": rng.choice([5_000, 60_000, 200_000]),
                "master_metadata_track_name": f"Track {i}" if known else f"Elsewhere {n}",
                "master_metadata_album_artist_name": f"Artist {i % 1000}",
                "master_metadata_album_album_name": f"Album {i % 2000}",
                "reason_start": "clickrow",
                "reason_end": rng.choice(["trackdone", "fwdbtn", "endplay"]),
                "skipped": None,
                "shuffle": False,
            }
        )
    path.write_text(json.dumps(out), encoding="utf-8")


def big_playlist(path: Path, entries: int, tracks: int) -> None:
    lines = ["#EXTM3U"]
    for n in range(entries):
        i = (n * 7919) % tracks
        if n % 3 == 0:
            lines.append(f"/music/Artist {i % 1000}/Album {i % 2000}/{i:05d} Track {i}.flac")
        elif n % 3 == 1:
            lines.append(f"D:\\Muziek\\Album {i % 2000}\\{i:05d} Track {i}.flac")
        else:
            lines += [f"#EXTINF:200,Artist {i % 1000} - Track {i}", f"/gone/{n}.mp3"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(bench: Bench, key: str, label: str, fn: Callable[[], Any], count: int, unit: str) -> Any:
    start = time.perf_counter()
    result = fn()
    took = bench.add(key, time.perf_counter() - start)
    bench.say(f"{label:<22} {took:8.2f} s   {count / took:10.0f} {unit}/s")
    return result


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=20000)
    ap.add_argument("--history", type=int, default=50000)
    ap.add_argument("--playlist", type=int, default=10000)
    args = parse(ap, argv, smoke={"tracks": 500, "history": 1000, "playlist": 300})
    bench = Bench("import_export", FIGURES, args)
    bench.say(f"{args.tracks} tracks, {args.history} history records, {args.playlist} playlist entries")
    made = bench.cached(
        "rows-profile",
        {"tracks": args.tracks, "events": 0},
        lambda d: profiles.make_rows_profile(d, args.tracks, 0),
    )
    with bench.scratch() as base:
        conn = product.open_db(copy_of(made, base / "profile"))
        history = base / "Streaming_History_Audio_2020.json"
        spotify_history(history, args.history, args.tracks)
        s = timed(
            bench,
            "history_import_s",
            "history import",
            lambda: product.import_history(conn, [history]),
            args.history,
            "records",
        )
        bench.add("history_import_per_s", args.history / bench.values["history_import_s"])
        bench.add("history_matched", s.matched)
        bench.add("history_unmatched", s.unmatched)
        bench.say(
            f"{'':<22} read {s.read}, matched {s.matched}, unmatched {s.unmatched}, ignored {s.ignored}"
        )
        timed(
            bench,
            "history_reimport_s",
            "history re-import",
            lambda: product.import_history(conn, [history]),
            args.history,
            "records",
        )
        unmatched = bench.add("rematch_rows", product.unmatched_count(conn))
        timed(
            bench, "rematch_s", "rematch", lambda: product.rematch_unmatched(conn), max(1, unmatched), "rows"
        )
        _playlists(bench, conn, base, args.playlist, args.tracks)
        conn.close()
    return bench.finish()


def _playlists(bench: Bench, conn, base: Path, entries: int, tracks: int) -> None:
    pl = base / "big.m3u8"
    big_playlist(pl, entries, tracks)
    r = timed(
        bench,
        "playlist_import_s",
        "playlist import",
        lambda: product.import_playlist(conn, pl),
        entries,
        "entries",
    )
    bench.add("playlist_matched", r.matched)
    bench.say(f"{'':<22} matched {r.matched} of {r.entries}")
    ids = product.item_ids(conn, "music")[:entries]
    for fmt in ("m3u8", "pls", "xspf"):
        timed(
            bench,
            f"export_{fmt}_s",
            f"export .{fmt}",
            lambda f=fmt: product.export_items(conn, ids, base / f"out.{f}", relative=True),
            len(ids),
            "entries",
        )


if __name__ == "__main__":
    sys.exit(cli(main))
