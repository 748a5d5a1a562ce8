"""A benchmark's command line and report: the figures it promises, and how they are printed.

Every script declares ``FIGURES`` (a key, a label and a unit for each figure it measures) and then:

    ap = bench_parser(__doc__)                     # adds --smoke, --json and --work
    ap.add_argument("--tracks", type=int, default=20_000)
    args = parse(ap, argv, smoke={"tracks": 200})  # --smoke: these sizes unless given on the line
    bench = Bench("scan", FIGURES, args)
    bench.say("...")                               # the human output, as the script always printed it
    bench.add("scan_s", 1.94)                      # every promised figure: a value,
    bench.skip("vs_bliss", "bliss-audio is not installed")   # or why it was not measured
    return bench.finish()

``finish`` ends the human output with a table of every figure; with ``--json`` the human output goes to
stderr and stdout holds one JSON document with the figures, their labels and units; a promised figure that was neither measured nor
skipped makes the run fail (exit 1), as does one marked ``fail``: a benchmark that stops measuring
something fails its smoke test the day it does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import cache
from benchmarks.common.cache import BenchError
from benchmarks.common.machine import load, load_text, machine

Value = float | int | str | bool


@dataclass(frozen=True)
class Figure:
    """One figure a benchmark promises. ``unit``: "s", "ms", "us", "MiB", "share" (a fraction printed as a
    percentage), a rate such as "files/s", or "" for a count or a yes/no."""

    key: str
    label: str
    unit: str = ""


def bench_parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser with the options every benchmark has; the script adds its own sizes."""
    ap = argparse.ArgumentParser(
        description=(doc or "").strip(), formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny size and one run (seconds): checks that the benchmark runs, its figures mean little",
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (human output to stderr)")
    ap.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        help="keep generated libraries and profiles in DIR (default: the user cache dir, "
        f"e.g. ~/.cache/{cache.CACHE_NAME}); reused when their parameters match",
    )
    return ap


def parse(
    ap: argparse.ArgumentParser, argv: Sequence[str] | None, smoke: Mapping[str, object]
) -> argparse.Namespace:
    """Parse ``argv``; with ``--smoke`` the ``smoke`` values replace the defaults (explicit options win)."""
    first, _ = ap.parse_known_args(argv)
    if first.smoke:
        ap.set_defaults(**smoke)
    return ap.parse_args(argv)


class Bench:
    """One run of one benchmark: its options, where its data lives, and the figures it reports."""

    def __init__(self, name: str, figures: Sequence[Figure], args: argparse.Namespace) -> None:
        self.name = name
        self.args = args
        self.smoke: bool = args.smoke
        self.as_json: bool = args.json
        self.figures = {f.key: f for f in figures}
        if len(self.figures) != len(figures):
            raise ValueError(f"{name}: two figures share a key")
        self.values: dict[str, Value] = {}
        self.skipped: dict[str, str] = {}
        self.failed: dict[str, str] = {}
        self.started = time.monotonic()
        self.load_before = load()
        self.machine = machine()
        self.work = cache.work_root(args.work)
        self.say(f"machine: {self.machine}")
        self.say(f"load average before: {load_text(self.load_before)}")

    # ---------------------------------------------------------------- output
    def say(self, text: str) -> None:
        """A line of the human output (stdout; stderr with --json, so stdout holds only the JSON)."""
        print(text, file=sys.stderr if self.as_json else sys.stdout, flush=True)

    def note(self, text: str) -> None:
        """Progress while data is made or runs go on: always stderr."""
        print(f"  {text}", file=sys.stderr, flush=True)

    # ---------------------------------------------------------------- figures
    def add(self, key: str, value: Value) -> Value:
        self._known(key)
        self.values[key] = value
        return value

    def skip(self, key: str, reason: str) -> None:
        """``key`` was not measured in this run, for ``reason`` (an option not given, a tool not installed)."""
        self._known(key)
        self.skipped[key] = reason

    def skip_all(self, prefix: str, reason: str) -> None:
        for key in self.figures:
            if key.startswith(prefix) and key not in self.values:
                self.skip(key, reason)

    def fail(self, key: str, reason: str) -> None:
        """``key`` could not be measured because what it measures failed: the run goes on, then exits 1."""
        self._known(key)
        self.failed[key] = reason
        self.say(f"FAILED: {self.figures[key].label}: {reason}")

    def _known(self, key: str) -> None:
        if key not in self.figures:
            raise KeyError(f"{self.name}: {key!r} is not one of the figures this benchmark promises")

    # ---------------------------------------------------------------- data
    def cached(
        self, kind: str, params: Mapping[str, object], make: Callable[[Path], None], version: int = 1
    ) -> Path:
        """The folder made by ``make`` for these parameters under the work dir (made now if needed)."""
        started = time.monotonic()
        folder, reused = cache.cached(self.work, kind, params, make, version=version)
        took = "" if reused else f", made in {time.monotonic() - started:.1f} s"
        self.note(f"{kind} {dict(params)}: {folder}{' (reused)' if reused else took}")
        return folder

    def scratch(self, prefix: str = "run") -> AbstractContextManager[Path]:
        """A scratch folder under the work dir for this run's changes, removed afterwards."""
        return cache.scratch(self.work, f"{self.name}-{prefix}")

    # ---------------------------------------------------------------- the end
    def missing(self) -> list[str]:
        done = self.values.keys() | self.skipped.keys() | self.failed.keys()
        return [k for k in self.figures if k not in done]

    def finish(self) -> int:
        """Print the figures (table or JSON); 0 when every promised figure was measured or skipped."""
        missing = self.missing()
        for key in missing:
            self.failed[key] = "not measured (the benchmark never reported it)"
        load_after = load()
        self.say(f"load average after: {load_text(load_after)}")
        self.say("")
        for line in self.table():
            self.say(line)
        if self.as_json:
            print(json.dumps(self._document(load_after), indent=1))
        if self.failed:
            print(
                f"{self.name}: {len(self.failed)} figure(s) failed or missing: {', '.join(self.failed)}",
                file=sys.stderr,
            )
            return 1
        return 0

    def _document(self, load_after: list[float] | None) -> dict[str, object]:
        params = {k: str(v) if isinstance(v, Path) else v for k, v in vars(self.args).items()}
        return {
            "benchmark": self.name,
            "smoke": self.smoke,
            "machine": self.machine,
            "load_before": self.load_before,
            "load_after": load_after,
            "seconds": round(time.monotonic() - self.started, 3),
            "params": params,
            "figures": {k: _rounded(self.values.get(k)) for k in self.figures},
            "units": {k: f.unit for k, f in self.figures.items()},
            "labels": {k: f.label for k, f in self.figures.items()},
            "skipped": self.skipped,
            "failed": self.failed,
        }

    def table(self) -> Iterator[str]:
        yield f"| {self.name} figure | value |"
        yield "|---|---:|"
        for key, fig in self.figures.items():
            if key in self.values:
                shown = fmt(self.values[key], fig.unit)
            elif key in self.failed:
                shown = f"FAILED: {self.failed[key]}"
            else:
                shown = f"skipped: {self.skipped[key]}"
            yield f"| {fig.label} | {shown} |"


def _rounded(value: Value | None) -> Value | None:
    return round(value, 6) if isinstance(value, float) else value


def fmt(value: Value, unit: str) -> str:
    """A value as a person reads it: 1.94 s, 16 ms, 80%, 124 MiB, 10,441 files/s."""
    if isinstance(value, (bool, str)):
        return "yes" if value is True else "no" if value is False else value
    if unit == "share":
        return f"{value:.0%}"
    if isinstance(value, int):
        return f"{value:,}{' ' + unit if unit else ''}"
    digits = 3 if abs(value) < 1 else 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    return f"{value:,.{digits}f}{' ' + unit if unit else ''}"


def cli(main: Callable[[], int]) -> int:
    """Run a benchmark's ``main``: a ``BenchError`` is one line on stderr and exit status 2."""
    try:
        return main()
    except BenchError as e:
        print(f"benchmark: {e}", file=sys.stderr)
        return 2
