"""Flow on analysed audio (issue 17): arcs and mixes played as a flow, measured on files that Companion
decoded and analysed itself, through the commands a person runs.

    python benchmarks/flow_real.py [--tracks 120] [--seconds 45] [--arc-share 0.4] [--media DIR] [--smoke] [--json]

Libraries (each in a profile of its own under --work, made once and reused):

- ``demo``: ``companion --demo`` (48 generated 15 s tracks by 8 artists; each artist keeps one tempo band).
- ``varied``: ``--tracks`` generated tracks (``synth.music_like``) whose tempo (60-170 BPM), level
  (-24..-2 dB), brightness, key and mode are drawn independently, by 24 artists, as FLAC, MP3 and Ogg.
- ``media``: the other projects' test files in ``--media`` (default ../shared/data/media), when present:
  how many of them the analysis places at all (most are seconds of silence or broken on purpose).

For ``demo`` and ``varied``: ``companion analyze``, then ``companion flow --from calm --to energetic
--minutes M --json`` (M: ``--arc-share`` of the library's playing time, so the arc chooses among more
tracks than it takes) and ``companion mix ROW --flow --json`` for each of the home's music rows of 8
tracks or more. Goals
(docs/analysis.md, "Flow"): neighbouring tempo jumps (|log2| ratio, half and double time folded) and
Camelot key distances at least 2x smaller than the same items shuffled (mean of 50 shuffles); for the
arc, Spearman of energy (or BPM) with position at least 0.7. Features are read from the commands' JSON,
so what is measured is what the person gets.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common.bench import Bench, Figure, bench_parser, cli, parse
from benchmarks.common.procs import run_companion
from benchmarks.eval import report
from companion.core.flow.arc import spearman
from companion.core.flow.order import Sound, key_distance
from companion.core.flow.transition import tempo_distance

REPO = Path(__file__).resolve().parents[1]
MEDIA_DIR = REPO.parent / "shared" / "data" / "media"
LIBRARIES = ("demo", "varied")
SHUFFLES = 50
FORMATS = (".flac", ".mp3", ".ogg")
PITCHES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")

FIGURES = (
    *(
        figure
        for lib in LIBRARIES
        for figure in (
            Figure(f"{lib}_analysed", f"{lib}: tracks analysed"),
            Figure(f"{lib}_arc_tracks", f"{lib}: calm to energetic, tracks"),
            Figure(f"{lib}_arc_energy_rho", f"{lib}: calm to energetic, Spearman of energy with position"),
            Figure(f"{lib}_arc_bpm_rho", f"{lib}: calm to energetic, Spearman of BPM with position"),
            Figure(f"{lib}_arc_tempo_x", f"{lib}: calm to energetic, tempo jumps shuffled / arc", "x"),
            Figure(f"{lib}_arc_key_x", f"{lib}: calm to energetic, key distances shuffled / arc", "x"),
            Figure(f"{lib}_mix_rows", f"{lib}: home music rows played as a flow"),
            Figure(f"{lib}_mix_tempo_x", f"{lib}: rows as a flow, tempo jumps shuffled / flow (mean)", "x"),
            Figure(f"{lib}_mix_key_x", f"{lib}: rows as a flow, key distances shuffled / flow (mean)", "x"),
        )
    ),
    Figure("media_files", "shared media: files in the library"),
    Figure("media_analysed", "shared media: music tracks analysed with an energy"),
    Figure("media_with_tempo", "shared media: of those, with a tempo"),
)


# ---------------------------------------------------------------- measures
def sounds(items: list[dict]) -> list[Sound]:
    """What ordering reads of each JSON item (``key`` is "F# minor"); items without energy are left out."""
    out = []
    for i in items:
        key, _, mode = (i.get("key") or "").partition(" ")
        if i.get("energy") is not None:
            out.append(Sound(int(i["item_id"]), i.get("bpm"), key or None, mode or None, None, i["energy"]))
    return out


def jumps(order: list[Sound]) -> tuple[float, float]:
    """Mean neighbouring tempo distance (octaves, half/double folded) and mean Camelot key distance."""
    pairs = list(zip(order, order[1:], strict=False))
    tempo = [tempo_distance(a.bpm, b.bpm) for a, b in pairs if a.bpm and b.bpm]
    keys = [k for k in (key_distance(a, b) for a, b in pairs) if k is not None]
    return sum(tempo) / max(1, len(tempo)), sum(keys) / max(1, len(keys))


def against_shuffled(order: list[Sound], shuffles: int = SHUFFLES) -> tuple[float, float]:
    """(tempo, key): the same items' mean jump over ``shuffles`` random orders / this order's."""
    tempo, key = jumps(order)
    got = []
    for seed in range(shuffles):
        other = order[:]
        random.Random(seed).shuffle(other)
        got.append(jumps(other))
    t_s = sum(t for t, _ in got) / shuffles
    k_s = sum(k for _, k in got) / shuffles
    return round(t_s / max(tempo, 1e-9), 2), round(k_s / max(key, 1e-9), 2)


def arc_figures(order: list[Sound]) -> dict[str, float]:
    pos = list(range(len(order)))
    tempo_x, key_x = against_shuffled(order)
    return {
        "arc_tracks": len(order),
        "arc_energy_rho": round(spearman(pos, [s.energy or 0.0 for s in order]), 3),
        "arc_bpm_rho": round(spearman(pos, [s.bpm or 0.0 for s in order]), 3),
        "arc_tempo_x": tempo_x,
        "arc_key_x": key_x,
    }


# ---------------------------------------------------------------- libraries
def make_varied(folder: Path, tracks: int, seconds: float, seed: int = 17) -> None:
    """``tracks`` generated files whose tempo, level, brightness, key and mode are drawn independently."""
    import numpy as np

    from companion.core.media import synth

    rng = random.Random(seed)
    for n in range(tracks):
        bpm = 60 * 2 ** rng.uniform(0, 1.5)
        pitch = rng.randrange(12)
        samples = synth.music_like(
            seconds,
            bpm=bpm,
            root_hz=220.0 * 2 ** (pitch / 12),
            minor=rng.random() < 0.5,
            brightness=rng.uniform(0.1, 0.9),
            seed=seed * 1000 + n,
        ) * np.float32(10 ** (rng.uniform(-24, -2) / 20))
        artist = f"Artist {n % 24:02d}"
        path = folder / artist / f"{n:03d} Track {n}{FORMATS[n % len(FORMATS)]}"
        path.parent.mkdir(parents=True, exist_ok=True)
        synth.write_audio(path, samples)
        synth.write_tags(path, {"title": f"Track {n}", "artist": artist, "album": f"{artist} sessions"})


def analysed_profile(bench: Bench, lib: str, args) -> tuple[Path, list[str]]:
    """The profile of ``lib`` with its tracks analysed, and the options that select it."""
    if lib == "demo":
        data = bench.cached("flow-demo", {"demo": 1}, lambda d: None, version=1)
        prefix = ["--demo"]
    else:
        files = bench.cached(
            "flow-varied",
            {"tracks": args.tracks, "seconds": args.seconds},
            lambda d: make_varied(d, args.tracks, args.seconds),
        )
        data = bench.cached(
            "flow-varied-profile", {"tracks": args.tracks, "seconds": args.seconds}, lambda d: None
        )
        prefix = []
        run_companion(data, "scan", str(files), "--json")
    done = run_companion(data, *prefix, "analyze", "--json", timeout=3600)
    bench.note(f"{lib}: {done.stdout.strip()[:200]}")
    return data, prefix


def library_items(data: Path, prefix: list[str]) -> list[dict]:
    return run_companion(data, *prefix, "library", "--json").json()


def music_rows(data: Path, prefix: list[str], smallest: int = 8) -> list[str]:
    """The ids of the home's music rows with at least ``smallest`` items."""
    rows = run_companion(data, *prefix, "home", "--json").json()
    return [r["id"] for r in rows if r["kind"] == "music" and len(r["items"]) >= smallest]


def measure(bench: Bench, lib: str, args) -> dict:
    """The arc's and the flow mixes' figures on one analysed library; the rows' table lines."""
    data, prefix = analysed_profile(bench, lib, args)
    items = library_items(data, prefix)
    bench.add(
        f"{lib}_analysed", sum(1 for i in items if i["kind"] == "music" and i.get("energy") is not None)
    )
    music = [i for i in items if i["kind"] == "music" and i.get("duration")]
    minutes = max(5.0, round(args.arc_share * sum(i["duration"] for i in music) / 60, 1))
    bench.note(f"{lib}: calm to energetic in {minutes:g} minutes")
    arc = run_companion(
        data, *prefix, "flow", "--from", "calm", "--to", "energetic", "--minutes", str(minutes), "--json"
    ).json()
    for key, value in arc_figures(sounds(arc["items"])).items():
        bench.add(f"{lib}_{key}", value)
    lines = []
    ratios = []
    for row in music_rows(data, prefix)[: args.rows or None]:
        mix = run_companion(data, *prefix, "mix", row, "--flow", "--json").json()
        order = sounds(mix["items"])
        if len(order) >= 4:
            ratios.append(against_shuffled(order))
            lines.append([lib, row, str(len(order)), f"{ratios[-1][0]:.2f}", f"{ratios[-1][1]:.2f}"])
    if ratios:
        bench.add(f"{lib}_mix_rows", len(ratios))
        bench.add(f"{lib}_mix_tempo_x", round(sum(t for t, _ in ratios) / len(ratios), 2))
        bench.add(f"{lib}_mix_key_x", round(sum(k for _, k in ratios) / len(ratios), 2))
    else:
        bench.skip_all(f"{lib}_mix_", "the home has no music row of 8 tracks or more")
    return {"arc": arc, "rows": lines}


def measure_media(bench: Bench, media: Path) -> None:
    """The shared test files: how many the analysis places (they are test cases, not music)."""
    if not media.is_dir():
        bench.skip_all("media_", f"no {media} (the shared real-world files are absent)")
        return
    data = bench.cached("flow-media-profile", {"media": str(media)}, lambda d: None)
    run_companion(data, "scan", str(media), "--json", check=False)  # broken files are reported, not fatal
    run_companion(data, "analyze", "--json", timeout=3600)
    items = [i for i in run_companion(data, "library", "--json").json() if i["kind"] == "music"]
    analysed = [i for i in items if i.get("energy") is not None]
    bench.add("media_files", len(items))
    bench.add("media_analysed", len(analysed))
    bench.add("media_with_tempo", sum(1 for i in analysed if i.get("bpm")))


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__)
    ap.add_argument("--tracks", type=int, default=120, help="varied: generated tracks")
    ap.add_argument("--seconds", type=float, default=45.0, help="varied: length of each track")
    ap.add_argument("--rows", type=int, default=0, help="at most this many home rows per library (0: all)")
    ap.add_argument(
        "--arc-share",
        type=float,
        default=0.4,
        help="the arc's length (flow --minutes) as a share of the library's playing time (at least 5 minutes)",
    )
    ap.add_argument("--media", type=Path, default=MEDIA_DIR, help="the shared real-world media files")
    # smoke: one mix row (a second runs the same command), from a home music row of 8 or more (a mix row
    # needs 8): 12 short tracks give one with room to spare
    args = parse(ap, argv, smoke={"tracks": 12, "seconds": 6.0, "rows": 1})
    bench = Bench("flow_real", FIGURES, args)
    table = []
    for lib in LIBRARIES:
        if args.smoke and lib == "demo":  # making and analysing the demo takes a minute or two
            bench.skip_all("demo_", "not in a smoke run (the varied library runs the same commands)")
            continue
        got = measure(bench, lib, args)
        table += got["rows"]
    if args.smoke:
        bench.skip_all("media_", "not in a smoke run (analysing ~270 test files takes minutes)")
    else:
        measure_media(bench, args.media)
    bench.say(
        "\n## Mixes played as a flow (shuffled / flow)\n\n"
        + report.markdown_table(["library", "row", "tracks", "tempo jumps", "key distances"], table)
    )
    return bench.finish()


if __name__ == "__main__":
    sys.exit(cli(main))
