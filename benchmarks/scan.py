"""Library scan speed on a realistic library, against a bare mutagen loop as the yardstick.

    python benchmarks/scan.py [--tracks 20000] [--videos 300] [--workers 2] [--out benchmarks/out]

The library (``Artist/Album (Year)/NN - Title.ext`` over mp3, flac, ogg, opus and m4a with full
tags, some ratings, embedded covers or cover.jpg, plus videos as episodes and movies) is made once
per size under ``--out`` from a handful of synthesised templates, copied and retagged with mutagen.

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
- the same for the music only (20,000 files, no videos);
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

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = (".mp3", ".flac", ".ogg", ".opus", ".m4a")
GENRES = ["Rock", "Pop", "Jazz", "Ambient", "Folk", "Electronic", "Hip Hop", "Classical", "Soul", "Metal"]


# ---------------------------------------------------------------- making the library


def _templates(tmp: Path) -> dict[str, Path]:
    from companion.core.media import synth

    out = {}
    for i, ext in enumerate(FORMATS):
        out[ext] = synth.write_audio(tmp / f"t{ext}", synth.music_like(4.0, bpm=90 + 10 * i, seed=i), 22050)
    out[".mkv"] = synth.write_video(tmp / "v.mkv", seconds=2.0, size=(160, 90), black_frames=4)
    out[".mp4"] = synth.write_video(tmp / "v.mp4", seconds=2.0, size=(160, 90))
    return out


def _track_jobs(lib: Path, tracks: int, covers_dir: Path) -> list[tuple]:
    rng = random.Random(7)
    jobs = []
    per_album, n = 10, 0
    album_no = 0
    while n < tracks:
        artist = f"Artist {album_no // 4:04d}"
        year = 1960 + album_no % 60
        album = f"Album {album_no:05d}"
        ext = FORMATS[album_no % len(FORMATS)]
        folder = lib / "Music" / artist / f"{album} ({year})"
        art = album_no % 3  # 0: embedded cover, 1: cover.jpg beside, 2: none
        cover = str(covers_dir / f"c{album_no % 40}.jpg")
        for t in range(1, per_album + 1):
            if n >= tracks:
                break
            rating = rng.choice([None] * 8 + [1, 2, 3, 4, 5])
            tags = {
                "title": f"Song {n}",
                "artist": artist,
                "albumartist": artist,
                "album": album,
                "genre": [GENRES[album_no % 10], GENRES[(album_no + 3) % 10]],
                "date": str(year),
                "tracknumber": f"{t}/{per_album}",
                "discnumber": "1/1",
            }
            jobs.append(
                (
                    str(folder / f"{t:02d} - Song {n}{ext}"),
                    ext,
                    tags,
                    rating,
                    cover if art == 0 else None,
                    cover if art == 1 else None,
                )
            )
            n += 1
        album_no += 1
    return jobs


def _make_track(job: tuple) -> None:
    path, ext, tags, rating, embed, beside = job
    import mutagen

    from companion.core.media.synth import write_tags

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_TEMPLATE_DIR / f"t{ext}", p)
    write_tags(p, tags, cover=Path(embed).read_bytes() if embed else None)
    if beside and not (p.parent / "cover.jpg").exists():
        shutil.copyfile(beside, p.parent / "cover.jpg")
    if rating:
        f = mutagen.File(p)
        if ext == ".mp3":
            from mutagen.id3 import POPM

            f.tags.add(
                POPM(email="Windows Media Player 9 Series", rating=[0, 1, 64, 128, 196, 255][rating], count=3)
            )
        elif ext == ".m4a":
            from mutagen.mp4 import MP4FreeForm

            f.tags["----:com.apple.iTunes:rate"] = [MP4FreeForm(str(rating * 20).encode())]
        else:
            f["FMPS_RATING"] = [str(rating / 5)]
        f.save()


_TEMPLATE_DIR = Path()


def _init_maker(template_dir: str) -> None:
    global _TEMPLATE_DIR
    _TEMPLATE_DIR = Path(template_dir)


def make_library(out: Path, tracks: int, videos: int) -> Path:
    lib = out / f"scan-lib-{tracks}-{videos}"
    if (lib / ".ready").exists():
        return lib
    shutil.rmtree(lib, ignore_errors=True)
    lib.mkdir(parents=True)
    tmp = Path(tempfile.mkdtemp(prefix="scan-templates-"))
    from companion.core.media import synth

    t0 = time.monotonic()
    templates = _templates(tmp)
    for i in range(40):
        (tmp / f"c{i}.jpg").write_bytes(synth.cover_jpeg(i, size=300))
    jobs = _track_jobs(lib, tracks, tmp)
    with mp.get_context("fork").Pool(2, initializer=_init_maker, initargs=(str(tmp),)) as pool:
        for i, _ in enumerate(pool.imap_unordered(_make_track, jobs, chunksize=64)):
            if i % 2000 == 0:
                print(f"  making tracks: {i}/{len(jobs)}", file=sys.stderr)
    for v in range(videos):
        if v % 3 == 2:
            p = lib / "Videos" / "Movies" / f"Film {v:04d} ({1950 + v % 70}).mp4"
            src = templates[".mp4"]
        else:
            show, ep = v // 30, v % 30
            p = (
                lib
                / "Videos"
                / "Shows"
                / f"Show {show}"
                / f"Season {ep // 10 + 1:02d}"
                / f"Show {show} S{ep // 10 + 1:02d}E{ep % 10 + 1:02d}.mkv"
            )
            src = templates[".mkv"]
        p.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, p)
    shutil.rmtree(tmp, ignore_errors=True)
    (lib / ".ready").write_text(json.dumps({"tracks": tracks, "videos": videos}))
    print(f"  made the library in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    return lib


# ---------------------------------------------------------------- measuring


def _music_files(lib: Path) -> list[str]:
    return sorted(str(p) for p in (lib / "Music").rglob("*") if p.suffix in FORMATS)


def _video_files(lib: Path) -> list[str]:
    return sorted(str(p) for p in (lib / "Videos").rglob("*") if p.suffix in (".mp4", ".mkv"))


def _mutagen_one(path: str) -> bool:
    import mutagen

    try:
        return mutagen.File(path) is not None
    except Exception:
        return False


def bare_loop(files: list[str], processes: int) -> float:
    import mutagen  # noqa: F401 - imported before timing, as the scan's workers preload it

    from companion.core.jobs.pool import _Pool

    t = time.monotonic()
    if processes == 1:
        for f in files:
            _mutagen_one(f)
    else:
        with _Pool(processes, context=mp.get_context("fork")) as pool:
            for _ in pool.imap_unordered(_mutagen_one, files, chunksize=64):
                pass
    return time.monotonic() - t


_BARE_CHILD = """
import multiprocessing as mp, sys
import mutagen
from companion.core.jobs.pool import _Pool
sys.path.insert(0, sys.argv[1])
from scan import _mutagen_one
files = open(sys.argv[2], encoding="utf-8", errors="surrogateescape").read().split("\\n")
with _Pool(2, context=mp.get_context("fork")) as pool:
    for _ in pool.imap_unordered(_mutagen_one, files, chunksize=64):
        pass
"""


def bare_loop_process(list_file: Path) -> tuple[float, float]:
    """The bare pool of 2 as a fresh Python process, timed from outside (process start included, as for
    ``companion scan``): wall and CPU seconds."""
    cpu = _children_cpu()
    t = time.monotonic()
    subprocess.run(
        [sys.executable, "-c", _BARE_CHILD, str(Path(__file__).parent), str(list_file)], check=True
    )
    return time.monotonic() - t, _children_cpu() - cpu


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                parents[int(d)] = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found += kids
        frontier += kids
    return found


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_companion(
    profile: Path, *args: str, watch_memory: bool = False
) -> tuple[float, dict, dict[int, int], float]:
    """Wall time, --json output, peak RSS (KiB) per process (only when ``watch_memory``: polling /proc costs
    CPU the scan would otherwise have, so timed runs do not) and CPU seconds of one ``companion`` run."""
    cmd = [sys.executable, "-m", "companion", "--data-dir", str(profile), *args, "--json"]
    cpu = _children_cpu()
    t = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    while watch_memory and proc.poll() is None:
        if sys.platform.startswith("linux"):
            for pid in [proc.pid, *_descendants(proc.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), _hwm_kib(pid))
        time.sleep(0.05)
    out, err = proc.communicate()
    elapsed = time.monotonic() - t
    if proc.returncode != 0:
        raise SystemExit(f"companion failed: {err.strip()}")
    return elapsed, json.loads(out), {proc.pid: peaks.pop(proc.pid, 0), **peaks}, _children_cpu() - cpu


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} "
        f"{platform.release()}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=20_000)
    ap.add_argument("--videos", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    ap.add_argument("--cpu", action="store_true", help="also compare CPU time per file in one process")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the bare 2-process loop and the full scan N times, "
        "alternating, and keep the best of each (steadier on a shared machine)",
    )
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    lib = make_library(args.out, args.tracks, args.videos)
    files = _music_files(lib)
    everything = files + _video_files(lib)  # the full scan's files: its yardstick runs over the same ones
    total = len(everything)
    print(f"machine: {machine()}")
    print(f"library: {len(files)} tracks + {args.videos} videos in {lib}")
    print(f"load average before: {_load()}")
    bare1 = bare_loop(files, 1)
    print(f"bare mutagen.File(), 1 process : {bare1:6.2f} s  {len(files) / bare1:7.0f} files/s")
    best: dict[str, float] = {}

    def keep(name: str, value: float) -> None:
        best[name] = min(best.get(name, float("inf")), value)

    profile = Path(tempfile.mkdtemp(prefix="scan-bench-profile-"))
    list_file = profile.parent / f"{profile.name}.files"
    list_file.write_text("\n".join(files), encoding="utf-8", errors="surrogateescape")
    all_file = profile.parent / f"{profile.name}.all"
    all_file.write_text("\n".join(everything), encoding="utf-8", errors="surrogateescape")
    try:
        for _ in range(max(1, args.repeat)):
            keep("bare2", bare_loop(files, 2))
            keep("bare2_all", bare_loop(everything, 2))
            wall, cpu = bare_loop_process(list_file)
            keep("bare2_process", wall)
            keep("bare2_cpu", cpu)
            keep("bare2_all_process", bare_loop_process(all_file)[0])
            for name, target, count in (("music", lib / "Music", len(files)), ("full", lib, total)):
                shutil.rmtree(profile, ignore_errors=True)  # every full scan starts from an empty profile
                profile.mkdir()
                elapsed, result, _, cpu = run_companion(
                    profile, "scan", str(target), "--workers", str(args.workers)
                )
                assert result["added"] == count, result
                thumbs = result.get("thumbnail_seconds", 0.0)
                keep(f"{name}_total", elapsed)
                keep(f"{name}_rows", elapsed - thumbs)
                keep(f"{name}_inside", result["seconds"] - thumbs)
                keep(f"{name}_cpu", cpu)
        shutil.rmtree(profile, ignore_errors=True)  # once more, untimed, watching memory
        profile.mkdir()
        _, result, peaks, _ = run_companion(
            profile, "scan", str(lib), "--workers", str(args.workers), watch_memory=True
        )
        rate2, rate2p = len(files) / best["bare2"], len(files) / best["bare2_process"]
        print(
            f"bare mutagen.File(), pool of 2, in this process  : {best['bare2']:6.2f} s  {rate2:7.0f} files/s"
        )
        print(
            f"bare mutagen.File(), pool of 2, as a new process : {best['bare2_process']:6.2f} s  {rate2p:7.0f} "
            f"files/s (yardstick: process start included); CPU {best['bare2_cpu']:.2f} s"
        )
        rates = {
            "music": (rate2, rate2p),
            "full": (total / best["bare2_all"], total / best["bare2_all_process"]),
        }
        print(
            f"the same over the full scan's {total} files (videos too: mutagen reads an MP4's header, and "
            f"gives up on an MKV): {best['bare2_all_process']:6.2f} s  {rates['full'][1]:7.0f} files/s "
            f"(in this process {best['bare2_all']:.2f} s)"
        )
        for name, count, what in (("music", len(files), "music only"), ("full", total, "music + videos")):
            rate2, rate2p = rates[name]
            rows, whole, inside = best[f"{name}_rows"], best[f"{name}_total"], best[f"{name}_inside"]
            print(f"companion scan, {what} ({count} files), {args.workers} workers:")
            print(
                f"  library rows in the database: {rows:6.2f} s  {count / rows:7.0f} files/s = "
                f"{count / rows / rate2p:.0%} of the yardstick (process start included on both sides)"
            )
            print(
                f"  the same inside the process : {inside:6.2f} s  {count / inside:7.0f} files/s = "
                f"{count / inside / rate2:.0%} of the in-process pool (no process start on either side)"
            )
            if name == "full":
                print(
                    f"  with the video thumbnails   : {whole:6.2f} s  {count / whole:7.0f} files/s = "
                    f"{count / whole / rate2p:.0%} of the yardstick"
                )
            cpu = best[f"{name}_cpu"]
            print(
                f"  CPU, all processes{' (thumbnails too)' if name == 'full' else ''}: {cpu:5.2f} s; per file "
                f"{cpu / count * 1e6:.0f} us against {best['bare2_cpu'] / len(files) * 1e6:.0f} us for the yardstick "
                f"({best['bare2_cpu'] / len(files) / (cpu / count):.0%})"
            )
        main_peak = next(iter(peaks.values())) / 1024
        worker_peak = max(list(peaks.values())[1:] or [0]) / 1024
        print(
            f"  failures: {len(result['failed'])}; thumbnails: {result.get('thumbnails')}; peak memory: main "
            f"{main_peak:.0f} MiB, largest worker {worker_peak:.0f} MiB"
        )
        unchanged = min(run_companion(profile, "scan")[0] for _ in range(3))
        print(f"rescan, nothing changed (process start included, best of 3): {unchanged:6.2f} s")
        rng = random.Random(3)
        touched = rng.sample(files, max(1, len(files) // 100))
        now = time.time()
        for f in touched:
            os.utime(f, (now, now))
        t1, r1, _, _ = run_companion(profile, "scan")
        assert r1["updated"] == len(touched), r1
        print(f"rescan after touching 1% ({len(touched)} files): {t1:6.2f} s")
        print(f"load average after: {_load()}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        list_file.unlink(missing_ok=True)
        all_file.unlink(missing_ok=True)
    if args.cpu:
        cpu_per_file(lib, files)
    return 0


def cpu_per_file(lib: Path, files: list[str]) -> None:
    """CPU seconds per music file in this one process: bare mutagen, then the whole scan (workers=1)."""
    from companion.core.db import open_profile_db
    from companion.core.jobs.scan import run_scan
    from companion.core.paths import resolve_profile

    t = time.process_time()
    for f in files:
        _mutagen_one(f)
    bare = (time.process_time() - t) / len(files)
    base = Path(tempfile.mkdtemp(prefix="scan-bench-cpu-"))
    try:
        profile = resolve_profile(base).ensure()
        conn = open_profile_db(profile)
        t = time.process_time()
        result = run_scan(conn, profile, [str(lib / "Music")], workers=1)
        scan = (time.process_time() - t) / result.added
        conn.close()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(
        f"CPU per music file, one process: bare mutagen {bare * 1e6:.0f} us, whole scan {scan * 1e6:.0f} us "
        f"(bare is {bare / scan:.0%} of the scan's cost)"
    )


if __name__ == "__main__":
    sys.exit(main())
