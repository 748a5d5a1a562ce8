"""Audio analysis speed and accuracy: Companion's analyser against bliss-audio and librosa.

    python benchmarks/analysis.py [--tracks 8] [--seconds 240] [--format mp3] [--out benchmarks/out]
                                  [--tools companion,bliss,librosa]

The same generated tracks (pads playing I-IV-V-I in a known key and mode, kick on the beat, hats
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
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def make_tracks(folder: Path, count: int, seconds: float, ext: str) -> list[dict]:
    from companion.core.media.synth import write_audio

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        bpm, key, mode = TRUTH[i % len(TRUTH)]
        path = folder / f"track{i:02d}-{bpm}-{key.replace('#', 's')}-{mode}{ext}"
        if not path.exists():
            write_audio(path, make_track(seconds, bpm, key, mode, seed=i), rate=44100, channels=2)
        out.append({"path": str(path), "bpm": bpm, "key": key, "mode": mode, "seconds": seconds})
    return out


# ---------------------------------------------------------------- one tool, in its own process


def _analyse_companion():
    from companion.core.analysis.features import analyse_file

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

    from companion.core.analysis.key import estimate_key

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
    proc = subprocess.run(
        [sys.executable, __file__, "--child", tool, "--files", json.dumps(files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or ["failed"])[-1]
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the background runner on 2 cores


def runner_two_workers(tracks: list[dict], copies: int) -> tuple[int, float, float, float]:
    """(tracks, wall s, CPU s of this process, i.e. the writer, tracks/s) of analyze_pending with 2 workers in
    a fresh profile, over ``copies`` hard links of each track (so the pool's start-up does not dominate).
    The workers are forkserver children, so their CPU time is not visible here."""
    from companion.core.db import open_profile_db
    from companion.core.jobs.analysis import analyze_pending
    from companion.core.library.pathcodec import to_db
    from companion.core.paths import resolve_profile

    with tempfile.TemporaryDirectory(dir=Path(tracks[0]["path"]).parent) as tmp:
        paths = []
        for c in range(copies):
            for t in tracks:
                link = Path(tmp) / f"{c:03d}-{Path(t['path']).name}"
                os.link(t["path"], link)
                paths.append(str(link))
        profile = resolve_profile(Path(tmp) / "p").ensure()
        conn = open_profile_db(profile)
        now = time.time()
        with conn:
            conn.executemany(
                "INSERT INTO items(path, kind, added_at, updated_at) VALUES (?, 'music', ?, ?)",
                [(to_db(p), now, now) for p in paths],
            )
        conn.close()
        before = time.process_time()
        started = time.perf_counter()
        for _ in analyze_pending(profile, workers=2):
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


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load:.1f} at start (shared machine)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=240.0)
    ap.add_argument("--format", default="mp3", choices=["mp3", "flac", "ogg", "m4a"])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    ap.add_argument("--tools", default="companion,bliss,librosa")
    ap.add_argument("--copies", type=int, default=8, help="hard links of each track for the 2-worker run")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--files", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, json.loads(args.files))
        return 0
    folder = Path(args.out) / f"analysis-{args.tracks}x{int(args.seconds)}s-{args.format}"
    print(f"machine: {_machine()}")
    started = time.perf_counter()
    tracks = make_tracks(folder, args.tracks, args.seconds, f".{args.format}")
    print(
        f"{len(tracks)} tracks of {args.seconds:.0f} s ({args.format}, 44.1 kHz stereo) ready in "
        f"{time.perf_counter() - started:.1f} s under {folder}\n"
    )
    files = [t["path"] for t in tracks]
    audio = sum(t["seconds"] for t in tracks)
    rows = {}
    print(
        "| tool | tracks/s (1 core) | real-time factor per core | peak memory | tempo within 2% "
        "| tempo incl. octave | key + mode |"
    )
    print("|---|---|---|---|---|---|---|")
    for tool in args.tools.split(","):
        got = run_tool(tool, files)
        if isinstance(got, str):
            print(f"| {tool} | could not run: {got} | | | | | |")
            continue
        res = got["results"]
        tempo = sum(_tempo_ok(r["bpm"], t["bpm"], False) for r, t in zip(res, tracks, strict=True))
        octave = sum(_tempo_ok(r["bpm"], t["bpm"], True) for r, t in zip(res, tracks, strict=True))
        keys = sum(r["key"] == t["key"] and r["mode"] == t["mode"] for r, t in zip(res, tracks, strict=True))
        key_text = f"{keys}/{len(tracks)}" if any(r["key"] for r in res) else "n/a (no key estimate)"
        rows[tool] = len(tracks) / got["cpu"]
        print(
            f"| {tool} | {len(tracks) / got['wall']:.2f} (CPU: {rows[tool]:.2f}) | {audio / got['cpu']:.0f}x "
            f"| {got['maxrss_mb']:.0f} MB | {tempo}/{len(tracks)} | {octave}/{len(tracks)} | {key_text} |"
        )
        if tool != "companion":
            print(
                f"|   {tool} BPM found | "
                + ", ".join(f"{r['bpm']:.1f}" if r["bpm"] else "-" for r in res)
                + " | | | | | |"
            )
    print("\nground truth BPM:", ", ".join(str(t["bpm"]) for t in tracks))
    if "companion" in rows:
        count, wall, cpu, rate = runner_two_workers(tracks, args.copies)
        print(
            f"\ncompanion analyze_pending, 2 worker processes: {count} tracks in {wall:.2f} s wall "
            f"= {rate:.2f} tracks/s (pool start-up included; the writer used {cpu / count * 1000:.1f} ms CPU "
            f"per track; load average now {os.getloadavg()[0]:.1f})"
        )
        print(
            f"10,000 tracks on 2 cores: {10_000 / rate / 60:.1f} min at this wall rate on this shared machine; "
            f"{10_000 / (2 * rows['companion']) / 60:.1f} min with 2 cores to ourselves (from the per-core CPU "
            f"rate above); target < 15 min"
        )
        if "bliss" in rows:
            print(f"per-core speed vs bliss-audio: {rows['companion'] / rows['bliss']:.1f}x (target >= 3x)")
        if "librosa" in rows:
            print(f"per-core speed vs librosa tempo+chroma: {rows['companion'] / rows['librosa']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
