"""Speed of history import, playlist import and playlist export on a large library.

    python benchmarks/import_export.py [--tracks 20000] [--history 50000] [--playlist 10000]

Figures printed:
- ``history import``: a Spotify extended history (``--history`` records, 80 % of them in the
  library, the rest kept as unmatched) imported into a fresh profile, records per second;
- ``history re-import``: the same file again (every record a duplicate);
- ``rematch``: the unmatched rows checked again against the library (none match);
- ``playlist import``: an M3U8 of ``--playlist`` entries: a third by exact path, a third by
  Windows paths matched on their last folders, a third by tags only;
- ``export``: ``--playlist`` items written as each format.
Everything is made in a temp dir; the database is a real SQLite file in WAL mode.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_library(conn, tracks: int) -> None:
    now = time.time()
    with conn:
        conn.executemany(
            "INSERT INTO items(path, kind, added_at, updated_at, title, artist, album, duration)"
            " VALUES (?, 'music', ?, ?, ?, ?, ?, ?)",
            [
                (
                    f"/music/Artist {i % 1000}/Album {i % 2000}/{i:05d} Track {i}.flac",
                    now,
                    now,
                    f"Track {i}",
                    f"Artist {i % 1000}",
                    f"Album {i % 2000}",
                    120.0 + i % 240,
                )
                for i in range(tracks)
            ],
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


def timed(label: str, fn, count: int, unit: str) -> object:
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    print(f"{label:<22} {took:8.2f} s   {count / took:10.0f} {unit}/s")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=20000)
    ap.add_argument("--history", type=int, default=50000)
    ap.add_argument("--playlist", type=int, default=10000)
    args = ap.parse_args()

    from companion.core.db import open_profile_db
    from companion.core.importers.run import import_history
    from companion.core.importers.store import rematch_unmatched
    from companion.core.paths import resolve_profile
    from companion.core.playlists.export import export_items
    from companion.core.playlists.imports import import_playlist

    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus, "
        f"{args.tracks} tracks, {args.history} history records, {args.playlist} playlist entries"
    )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        conn = open_profile_db(resolve_profile(base / "profile").ensure())
        make_library(conn, args.tracks)
        history = base / "Streaming_History_Audio_2020.json"
        spotify_history(history, args.history, args.tracks)
        s = timed("history import", lambda: import_history(conn, [history]), args.history, "records")
        print(f"{'':<22} read {s.read}, matched {s.matched}, unmatched {s.unmatched}, ignored {s.ignored}")
        timed("history re-import", lambda: import_history(conn, [history]), args.history, "records")
        unmatched = conn.execute("SELECT COUNT(*) FROM import_unmatched").fetchone()[0]
        timed("rematch", lambda: rematch_unmatched(conn), unmatched, "rows")
        pl = base / "big.m3u8"
        big_playlist(pl, args.playlist, args.tracks)
        r = timed("playlist import", lambda: import_playlist(conn, pl), args.playlist, "entries")
        print(f"{'':<22} matched {r.matched} of {r.entries}")
        ids = [r[0] for r in conn.execute("SELECT id FROM items LIMIT ?", (args.playlist,))]
        for fmt in ("m3u8", "pls", "xspf"):
            timed(
                f"export .{fmt}",
                lambda f=fmt: export_items(conn, ids, base / f"out.{f}", relative=True),
                len(ids),
                "entries",
            )
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
