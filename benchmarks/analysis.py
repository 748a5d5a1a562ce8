"""Audio analysis speed and accuracy: Companion's analyser against bliss-audio and librosa.

    python benchmarks/analysis.py [--tracks 8] [--seconds 240] [--format mp3] [--copies 8]
                                  [--tools companion,bliss,librosa] [--smoke] [--json] [--work DIR]

The same generated tracks (made once per size and format in the work dir; pads playing I-IV-V-I in a known key and mode, kick on the beat, hats
off the beat, a bass line; 44.1 kHz stereo, ``--seconds`` long) go to every tool. Each tool runs in
its own process, one file after another (one core), after a warm-up file that is not counted:
- tracks/s and real-time factor per core (audio seconds / CPU seconds of that process);
- peak memory (max RSS of that process);
- tempo agreement with the ground truth (within 2%; "octave" also accepts exactly half/double);
- key agreement (tonic and mode exact).
Then Companion's real background runner (``analyze_pending``, 2 worker processes, one writer)
over the same files, and a 10,000-track extrapolation from it.

bliss-audio (PyPI) is the Python binding of bliss-rs. It reports tempo only as a normalised
value in [-1, 1] (``2 * bpm / 206 - 1``, bliss-rs ``src/temporal.rs``), which is converted back to
BPM here; it has no key estimate (chroma interval features instead), so its key column is n/a.
librosa: ``librosa.load`` (whole file, 22,050 Hz mono), ``librosa.feature.tempo`` and
``librosa.feature.chroma_stft``; its chroma goes through Companion's key-profile matcher, since
librosa has no key estimator of its own. Neither is a dependency of Companion.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: benchmarks.common
from benchmarks.common import product
from benchmarks.common.bench import Bench, Figure, bench_parser, cli, parse
from benchmarks.common.machine import load, load_text
from benchmarks.common.procs import run

ROOT = Path(__file__).resolve().parents[1]
TOOL_NAMES = {"companion": "Companion", "bliss": "bliss-audio", "librosa": "librosa tempo + chroma"}
FIGURES = (
    *(
        figure
        for tool, name in TOOL_NAMES.items()
        for figure in (
            Figure(f"{tool}_tracks_per_s", f"{name}: tracks/s, one process", "tracks/s"),
            Figure(f"{tool}_cpu_tracks_per_s", f"{name}: tracks per CPU-second", "tracks/s"),
            Figure(f"{tool}_realtime", f"{name}: real-time factor per core", "x"),
            Figure(f"{tool}_peak_mib", f"{name}: peak memory", "MiB"),
            Figure(f"{tool}_tempo_ok", f"{name}: tempo within 2%"),
            Figure(f"{tool}_octave_ok", f"{name}: tempo within 2% incl. octave"),
            Figure(f"{tool}_key_ok", f"{name}: key and mode right"),
        )
    ),
    Figure("tracks", "tracks analysed by each tool"),
    Figure("runner_tracks", "analyze_pending with 2 workers: tracks"),
    Figure("runner_s", "analyze_pending with 2 workers: wall time", "s"),
    Figure("runner_tracks_per_s", "analyze_pending with 2 workers", "tracks/s"),
    Figure("runner_writer_ms", "analyze_pending: the writer's CPU per track", "ms"),
    Figure("eta_10k_wall_min", "10,000 tracks at this wall rate", "min"),
    Figure("eta_10k_cores_min", "10,000 tracks with 2 free cores", "min"),
    Figure("vs_bliss", "per-core speed against bliss-audio", "x"),
    Figure("vs_librosa", "per-core speed against librosa", "x"),
)
KEYS = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
TRUTH = [
    (72, "D", "minor"),
    (90, "G", "major"),
    (100, "A", "minor"),
    (120, "C", "major"),
    (128, "F", "minor"),
    (140, "E", "major"),
    (165, "B", "minor"),
    (174, "A#", "major"),
    (84, "F#", "minor"),
    (110, "D#", "major"),
    (132, "C#", "minor"),
    (150, "G#", "major"),
]


# ---------------------------------------------------------------- the tracks


def make_track(seconds: float, bpm: float, key: str, mode: str, rate: int = 44100, seed: int = 0):
    """One bar per chord (I-IV-V-I), drums on every beat; built bar by bar and tiled (cheap)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    bar_n = int(round(4 * beat * rate))
    t = np.arange(bar_n) / rate
    tonic = 48 + KEYS.index(key)
    third = 4 if mode == "major" else 3
    chords = [(0, third, 7), (5, 5 + (4 if mode == "major" else 3), 12), (7, 11, 14), (0, third, 7)]

    def note(midi: float, decay: float) -> np.ndarray:
        f = 440.0 * 2 ** ((midi - 69) / 12)
        return sum((0.5**k) * np.sin(2 * np.pi * f * (k + 1) * t) for k in range(5)) * np.exp(-t / decay)

    kick_t = np.arange(int(0.15 * rate)) / rate
    kick = np.sin(2 * np.pi * (45 + 90 * np.exp(-kick_t / 0.03)) * kick_t) * np.exp(-kick_t / 0.07)
    hat = rng.standard_normal(int(0.03 * rate)) * np.exp(-np.arange(int(0.03 * rate)) / (0.006 * rate))
    bars = []
    for chord in chords:
        bar = sum(note(tonic + 12 + iv, 2.5) for iv in chord) * 0.25 + 0.4 * note(tonic + chord[0] - 12, 1.0)
        for b in range(4):
            i = int(b * beat * rate)
            bar[i : i + len(kick)] += kick[: bar_n - i]
            j = int((b + 0.5) * beat * rate)
            bar[j : j + len(hat)] += 0.25 * hat[: max(0, bar_n - j)]
        bars.append(bar)
    pattern = np.concatenate(bars)
    total = int(seconds * rate)
    signal = np.tile(pattern, total // len(pattern) + 1)[:total]
    return (0.8 * signal / np.max(np.abs(signal))).astype(np.float32)


def track_list(folder: Path, count: int, seconds: float, ext: str) -> list[dict]:
    """Each track's file and ground truth (tempo, key, mode), cycling through ``TRUTH``."""
    out = []
    for i in range(count):
        bpm, key, mode = TRUTH[i % len(TRUTH)]
        path = folder / f"track{i:02d}-{bpm}-{key.replace('#', 's')}-{mode}{ext}"
        out.append({"path": str(path), "bpm": bpm, "key": key, "mode": mode, "seconds": seconds, "seed": i})
    return out


def make_tracks(folder: Path, count: int, seconds: float, ext: str) -> None:
    for t in track_list(folder, count, seconds, ext):
        signal = make_track(seconds, t["bpm"], t["key"], t["mode"], seed=t["seed"])
        product.write_audio(t["path"], signal, rate=44100, channels=2)


# ---------------------------------------------------------------- one tool, in its own process


def _analyse_companion():
    analyse_file = product.analyse_file

    def run(path: str) -> dict:
        f = analyse_file(path)
        return {"bpm": f["bpm"], "key": f["key"], "mode": f["mode"], "flag": f["tempo_flag"]}

    return run


def _analyse_bliss():
    from bliss_audio import Song

    def run(path: str) -> dict:
        analysis = Song(path).analysis_dict
        return {"bpm": (analysis["tempo"] + 1.0) / 2.0 * 206.0, "key": None, "mode": None}

    return run


def _analyse_librosa():
    import librosa
    import numpy as np

    estimate_key = product.estimate_key

    def run(path: str) -> dict:
        y, sr = librosa.load(path, sr=22050, mono=True)
        tempo = float(np.atleast_1d(librosa.feature.tempo(y=y, sr=sr))[0])
        chroma = librosa.feature.chroma_stft(y=y, sr=sr).mean(axis=1)
        k = estimate_key(chroma)
        return {"bpm": tempo, "key": k.key, "mode": k.mode}

    return run


TOOLS = {"companion": _analyse_companion, "bliss": _analyse_bliss, "librosa": _analyse_librosa}


def child(tool: str, files: list[str]) -> None:
    run = TOOLS[tool]()
    run(files[0])  # warm-up: imports, caches, JIT (not counted)
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    results = [run(f) for f in files]
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    print(json.dumps({"results": results, "wall": wall, "cpu": cpu, "maxrss_mb": _peak_mb()}))


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM (Linux; reset at exec, unlike ru_maxrss), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_tool(tool: str, files: list[str]) -> dict | str:
    """What ``child`` measured for ``tool`` in its own process, or the last line of why it could not run."""
    proc = run(
        [sys.executable, __file__, "--child", tool, "--files", json.dumps(files)], cwd=ROOT, check=False
    )
    if proc.returncode in (-signal.SIGILL, 128 + signal.SIGILL):  # a wheel built for another CPU
        return "stopped with Illegal instruction on this CPU (cannot run on this machine)"
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or ["failed"])[-1]
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the background runner on 2 cores


def runner_two_workers(bench: Bench, tracks: list[dict], copies: int) -> tuple[int, float, float, float]:
    """(tracks, wall s, CPU s of this process, i.e. the writer, tracks/s) of analyze_pending with 2 workers in
    a fresh profile, over ``copies`` hard links of each track (so the pool's start-up does not dominate).
    The workers are forkserver children, so their CPU time is not visible here."""
    with bench.scratch("runner") as tmp:
        paths = []
        for c in range(copies):
            for t in tracks:
                link = tmp / f"{c:03d}-{Path(t['path']).name}"
                os.link(t["path"], link)
                paths.append(str(link))
        conn = product.open_db(tmp / "p")
        now = time.time()
        rows = [(product.to_db(p), "music", now, now) for p in paths]
        product.insert_rows(conn, "items", ("path", "kind", "added_at", "updated_at"), rows)
        conn.close()
        before = time.process_time()
        started = time.perf_counter()
        for _ in product.analyze_pending(product.profile_of(tmp / "p"), workers=2):
            pass
        wall = time.perf_counter() - started
        after = time.process_time()
    cpu = after - before
    return len(paths), wall, cpu, len(paths) / wall


# ---------------------------------------------------------------- report


def _tempo_ok(bpm: float | None, truth: float, octave: bool) -> bool:
    if not bpm:
        return False
    factors = (1.0, 0.5, 2.0) if octave else (1.0,)
    return any(abs(bpm - truth * f) <= 0.02 * truth * f for f in factors)


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=240.0)
    ap.add_argument("--format", default="mp3", choices=["mp3", "flac", "ogg", "m4a"])
    ap.add_argument("--tools", default="companion,bliss,librosa")
    ap.add_argument("--copies", type=int, default=8, help="hard links of each track for the 2-worker run")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--files", help=argparse.SUPPRESS)
    args = parse(ap, argv, smoke={"tracks": 2, "seconds": 10.0, "copies": 2})
    if args.child:
        child(args.child, json.loads(args.files))
        return 0
    bench = Bench("analysis", FIGURES, args)
    ext = f".{args.format}"
    size = {"tracks": args.tracks, "seconds": args.seconds, "format": args.format}
    folder = bench.cached("analysis-tracks", size, lambda d: make_tracks(d, args.tracks, args.seconds, ext))
    tracks = track_list(folder, args.tracks, args.seconds, ext)
    bench.add("tracks", len(tracks))
    bench.say(f"{len(tracks)} tracks of {args.seconds:.0f} s ({args.format}, 44.1 kHz stereo) in {folder}\n")
    per_core = _tools(bench, args.tools.split(","), tracks)
    bench.say("\nground truth BPM: " + ", ".join(str(t["bpm"]) for t in tracks))
    if "companion" in per_core:
        _runner(bench, tracks, args.copies, per_core)
    else:
        bench.skip_all("runner_", "Companion's analyser did not run")
        bench.skip_all("eta_", "Companion's analyser did not run")
        bench.skip_all("vs_", "Companion's analyser did not run")
    return bench.finish()


def _tools(bench: Bench, tools: list[str], tracks: list[dict]) -> dict[str, float]:
    """Each tool over the tracks in its own process: the table, and tracks per CPU-second of each."""
    files = [t["path"] for t in tracks]
    audio = sum(t["seconds"] for t in tracks)
    n = len(tracks)
    per_core: dict[str, float] = {}
    bench.say(
        "| tool | tracks/s (1 core) | real-time factor per core | peak memory | tempo within 2% "
        "| tempo incl. octave | key + mode |"
    )
    bench.say("|---|---|---|---|---|---|---|")
    for tool in TOOL_NAMES:
        got = run_tool(tool, files) if tool in tools else "not asked (--tools)"
        if isinstance(got, str):
            bench.say(f"| {tool} | could not run: {got} | | | | | |")
            for figure in (f for f in FIGURES if f.key.startswith(f"{tool}_")):
                if tool != "companion" and any(
                    why in got for why in ("not asked", "ModuleNotFoundError", "Illegal instruction")
                ):
                    bench.skip(figure.key, got)  # a yardstick that is not installed here
                else:
                    bench.fail(figure.key, got)
            continue
        res = got["results"]
        tempo = sum(_tempo_ok(r["bpm"], t["bpm"], False) for r, t in zip(res, tracks, strict=True))
        octave = sum(_tempo_ok(r["bpm"], t["bpm"], True) for r, t in zip(res, tracks, strict=True))
        keys = sum(r["key"] == t["key"] and r["mode"] == t["mode"] for r, t in zip(res, tracks, strict=True))
        has_key = any(r["key"] for r in res)
        per_core[tool] = n / got["cpu"]
        bench.add(f"{tool}_tracks_per_s", n / got["wall"])
        bench.add(f"{tool}_cpu_tracks_per_s", per_core[tool])
        bench.add(f"{tool}_realtime", audio / got["cpu"])
        bench.add(f"{tool}_peak_mib", got["maxrss_mb"])
        bench.add(f"{tool}_tempo_ok", tempo)
        bench.add(f"{tool}_octave_ok", octave)
        if has_key:
            bench.add(f"{tool}_key_ok", keys)
        else:
            bench.skip(f"{tool}_key_ok", f"{TOOL_NAMES[tool]} has no key estimate")
        bench.say(
            f"| {tool} | {n / got['wall']:.2f} (CPU: {per_core[tool]:.2f}) | {audio / got['cpu']:.0f}x "
            f"| {got['maxrss_mb']:.0f} MB | {tempo}/{n} | {octave}/{n} | "
            f"{f'{keys}/{n}' if has_key else 'n/a (no key estimate)'} |"
        )
        if tool != "companion":
            found = ", ".join(f"{r['bpm']:.1f}" if r["bpm"] else "-" for r in res)
            bench.say(f"|   {tool} BPM found | {found} | | | | | |")
    return per_core


def _runner(bench: Bench, tracks: list[dict], copies: int, per_core: dict[str, float]) -> None:
    count, wall, cpu, rate = runner_two_workers(bench, tracks, copies)
    bench.add("runner_tracks", count)
    bench.add("runner_s", wall)
    bench.add("runner_tracks_per_s", rate)
    bench.add("runner_writer_ms", cpu / count * 1000)
    wall_min = bench.add("eta_10k_wall_min", 10_000 / rate / 60)
    cores_min = bench.add("eta_10k_cores_min", 10_000 / (2 * per_core["companion"]) / 60)
    bench.say(
        f"\ncompanion analyze_pending, 2 worker processes: {count} tracks in {wall:.2f} s wall "
        f"= {rate:.2f} tracks/s (pool start-up included; the writer used {cpu / count * 1000:.1f} ms CPU "
        f"per track; load average now {load_text(load())})"
    )
    bench.say(
        f"10,000 tracks on 2 cores: {wall_min:.1f} min at this wall rate on this shared machine; "
        f"{cores_min:.1f} min with 2 cores to ourselves (from the per-core CPU rate above); target < 15 min"
    )
    for tool, name in (("bliss", "bliss-audio"), ("librosa", "librosa tempo+chroma")):
        if tool in per_core:
            ratio = bench.add(f"vs_{tool}", per_core["companion"] / per_core[tool])
            bench.say(f"per-core speed vs {name}: {ratio:.1f}x{' (target >= 3x)' if tool == 'bliss' else ''}")
        else:
            bench.skip(f"vs_{tool}", f"{name} did not run")


if __name__ == "__main__":
    sys.exit(cli(main))
