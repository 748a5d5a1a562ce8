"""The history part on real Last.fm exports (issue 14, parts 6 and 7), run by ``taste_eval.py --part history``.

For each export in the folder (never fetched: the exports have no licence and stay outside the
repository): a library of its played tracks (``lastfm_library.played_tracks``) and of tracks it never
played (``other_tracks``: by its most played artists and by as many others), the export imported,
then the replay of its last sessions (``history_replay``) with the engine, the usual baselines and
"what was played in the last 3 days"; and the part-7 check on a library of *other* tracks by the
person's artists (``import_taste``). A folder with no exports is skipped with a message.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.eval import report
from benchmarks.eval.history_replay import HistoryScores, K, replay_history
from benchmarks.eval.import_taste import GOAL, TOP_ARTISTS, ImportTaste, measure
from benchmarks.eval.lastfm_exports import Export, find_exports, read_export
from benchmarks.eval.lastfm_library import (
    library_root,
    make_profile,
    other_tracks,
    played_tracks,
    write_library,
)
from benchmarks.eval.mixsource import EngineSource
from benchmarks.eval.music_baselines import ALL_MUSIC_BASELINES
from benchmarks.eval.recent_baseline import PlayedLastDays

ALBUM_GOAL = 1.15  # album listener: engine recall@50 over "played in the last 3 days"
LAST_DAYS = PlayedLastDays().name
MIN_SCROBBLES = 500  # an export with fewer has no sessions worth replaying
SMOKE_SESSIONS = 2


@dataclass
class ExportResult:
    name: str
    scrobbles: int
    items: int
    scores: HistoryScores
    taste: ImportTaste | None
    seconds: float


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_exports(
    folder: Path,
    names: list[str] | None,
    workdir: Path,
    *,
    sessions: int,
    seed: int,
    use_engine: bool,
    smoke: bool = False,
) -> list[ExportResult] | str:
    """Every export replayed and checked; a string (why) when there is nothing to run on."""
    paths = find_exports(folder, names)
    if not paths:
        return f"no Last.fm exports (*.csv) in {folder}" + (f" named {', '.join(names)}" if names else "")
    exports = [read_export(p) for p in find_exports(folder)]  # all of them: the others' artists are strangers
    chosen = [e for e in exports if e.path in paths]
    usable = [e for e in chosen if len(e.scrobbles) >= MIN_SCROBBLES]
    for e in chosen:
        if len(e.scrobbles) < MIN_SCROBBLES:
            _say(f"  {e.name}: {len(e.scrobbles)} scrobbles, too few to replay: skipped")
    if smoke:
        usable, sessions = sorted(usable, key=lambda e: len(e.scrobbles))[:1], SMOKE_SESSIONS
    strangers_of = {e.name: [s.artist for o in exports if o is not e for s in o.scrobbles] for e in usable}
    return [
        one_export(e, strangers_of[e.name], workdir, sessions=sessions, seed=seed, use_engine=use_engine)
        for e in usable
    ]


def one_export(
    export: Export, strangers: list[str], workdir: Path, *, sessions: int, seed: int, use_engine: bool
) -> ExportResult:
    from companion.core.paths import resolve_profile

    t0 = time.perf_counter()
    _say(f"  {export.name}: {len(export.scrobbles)} scrobbles: library of its played tracks and others ...")
    # never-played tracks beside the played ones: else every unplayed track in the library is one the person
    # plays later, and whatever a source offers as "new to you" is a free hit
    tracks = played_tracks(export) + other_tracks(export, strangers)
    root = write_library(tracks, library_root(export, "replay", tracks))
    summary = make_profile(export, root, workdir / f"played-{export.name}")
    sources = [b(seed=seed) for b in ALL_MUSIC_BASELINES] + [PlayedLastDays(seed=seed)]
    if use_engine:
        sources.insert(0, EngineSource())
    _say(f"  {export.name}: replaying the last {sessions} sessions ...")
    scores = replay_history(
        resolve_profile(workdir / f"played-{export.name}"), sources, workdir, last=sessions
    )
    taste = None
    if use_engine:
        _say(f"  {export.name}: its history on a library of other tracks by its artists ...")
        taste = measure(export, strangers, workdir)
    return ExportResult(
        export.name, len(export.scrobbles), summary["items"], scores, taste, time.perf_counter() - t0
    )


def _x(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}x"


def replay_table(results: Sequence[ExportResult]) -> str:
    """Per export: album habit, recall@K of the engine and of the baselines, the ratios the goals name."""
    rows = []
    for r in results:
        s = r.scores
        best = s.best_baseline()
        rows.append(
            [
                r.name,
                f"{r.scrobbles:,}",
                f"{r.items:,}",
                str(s.sessions),
                report.pct(s.album_share) + (" (album listener)" if s.album_listener else ""),
                _f(s.mean_recall("engine")),
                _f(s.mean_recall(LAST_DAYS)),
                _x(s.ratio("engine", LAST_DAYS)),
                f"{best} {_f(s.mean_recall(best)) if best else ''}",
                _x(s.ratio("engine", best) if best else None),
            ]
        )
    header = ["export", "scrobbles", "library", "sessions", "album sessions", f"engine recall@{K}"]
    header += [f"last 3 days recall@{K}", "engine / last 3 days", "best baseline", "engine / best baseline"]
    return report.markdown_table(header, rows)


def _f(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.4f}"


def baselines_table(results: Sequence[ExportResult]) -> str:
    names = sorted({n for r in results for n in r.scores.recall}, key=lambda n: (n != "engine", n))
    rows = [[r.name, *(_f(r.scores.mean_recall(n)) for n in names)] for r in results]
    return report.markdown_table(["export", *(f"{n} recall@{K}" for n in names)], rows)


def import_table(results: Sequence[ExportResult]) -> str:
    """Part 7: what the import counted and how much of the home comes from the person's artists."""
    rows = []
    for r in results:
        t = r.taste
        if t is None:
            continue
        s = t.summary
        rows.append(
            [
                r.name,
                f"{s['matched']:,} of {s['matched'] + s['unmatched']:,}",
                f"{s.get('plays_counted', 0):,} by {s.get('artists_learned', 0):,}",
                report.pct(t.share(0, "now")),
                report.pct(t.share(0, "daily-")),
                str(sum(1 for k in t.rows if k.startswith("daily-"))),
                report.pct(t.share(0)),
                report.pct(t.share(1)),
            ]
        )
    header = ["export", "plays matched a file", "plays counted by artist", "now: person's artists"]
    header += ["Daily Mixes: person's artists", "Daily Mixes", "both", f"both: import's top {TOP_ARTISTS}"]
    return report.markdown_table(header, rows)


def verdicts(results: Sequence[ExportResult]) -> list[str]:
    out = []
    for r in results:
        s = r.scores
        if s.album_listener:
            ratio = s.ratio("engine", LAST_DAYS)
            ok = ratio is not None and ratio >= ALBUM_GOAL
            out.append(
                f"{r.name} (album listener): engine recall@{K} / last 3 days = {_x(ratio)}"
                f" (goal >= {ALBUM_GOAL:.2f}x) -> {'MET' if ok else 'MISSED'}"
            )
        elif s.sessions:
            best = s.best_baseline()
            out.append(
                f"{r.name} (radio-like): engine / best baseline ({best}) = {_x(s.ratio('engine', best))}"
            )
        if r.taste is not None:
            both = r.taste.share(0)
            ok = both is not None and both >= GOAL
            out.append(
                f"{r.name}: now + Daily Mixes from the person's artists {report.pct(both)}"
                f" (goal >= {GOAL:.0%}) -> {'MET' if ok else 'MISSED'}"
            )
    return out
