"""Curation report: does the home feel right on a real, messy library?

    python benchmarks/curation.py [--smoke] [--write-docs] [--keep DIR]

Three libraries, each in a scratch profile (nothing touches your own):
- the demo (``companion --demo``: its files and its simulated week);
- ``../shared/data/media`` when present (files from other projects' test suites: every format, broken
  files, the same test tone in many formats), with a generated fortnight of listening;
- a generated messy library (``companion.core.media.messy``: the same songs as FLAC/MP3/M4A, a compilation,
  junk genre tags, an audiobook with chapters, a 27-hour WAV, a damaged FLAC) with three weeks of habits
  (``companion.core.demo.messy_week``).
For each, the home at a weekday morning, a weekday evening and a Saturday morning, and every mix opened
whole: recordings repeated in a row, rows with equal titles, the largest Daily Mix overlap, name precision,
items in mixes that do not belong there; for the messy library also the "not now" goal. ``--smoke`` skips
the demo (the slowest to make) and makes shorter clips: a few seconds, for the test that runs it.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ["TZ"] = "UTC"  # the generated habits are in UTC hours
if hasattr(time, "tzset"):
    time.tzset()

from benchmarks.eval.curation_checks import (  # noqa: E402
    Facts,
    facts_from_library,
    largest_pair,
    measure,
    share,
    worst,
)

SHARED_MEDIA = REPO.parent / "shared" / "data" / "media"
GOALS = {
    "recordings repeated in a row": "0",
    "same song repeated in a row": "0",
    "rows with equal titles": "0",
    "largest Daily Mix overlap %": "<= 20",
    "largest now / Daily Mix overlap %": "<= 40",
    "because rows": "<= 3",
    "because rows from one artist": "0",
    "mixes under 8 items": "0",
    "name precision (worst) %": ">= 70",
    "placeholder names": "0",
    "reasons pointing at a mix": "0",
    "ineligible items in mixes": "0",
}
INFO = ("rows", "Daily Mixes", "genre-named mixes", "largest overlap of any two mixes %")
NOT_NOW = (
    "morning row: morning genre %",
    "morning row: skipped genre %",
    "evening row: evening genre %",
    "evening row: skipped genre %",
    "because rows seeded by an early skip or a dislike",
)
FIGURES = (*GOALS, *INFO)  # what every source prints (the test checks each appears with a number)


def _profile(root: Path, name: str):
    import shutil

    from companion.core.db import open_profile_db
    from companion.core.paths import resolve_profile

    shutil.rmtree(root / name, ignore_errors=True)  # a kept folder from an earlier run starts afresh
    profile = resolve_profile(root / name).ensure()
    return profile, open_profile_db(profile)


def _home(conn, profile, at: datetime) -> tuple[list[dict], dict[str, dict]]:
    from companion.core.taste.home import build_home, get_row

    rows = [r.to_json() for r in build_home(conn, profile, at=at)]
    full = {}
    for r in rows:
        mix = get_row(conn, profile, r["id"], at=at)
        if mix is not None:
            full[r["id"]] = mix.to_json()
    return rows, full


def _facts(conn) -> Facts:
    from companion.core.library.view import library_view

    return facts_from_library(library_view(conn))


def _moments(end: datetime) -> dict[str, datetime]:
    monday = end + timedelta(days=(7 - end.weekday()) % 7)
    return {
        "weekday morning": monday + timedelta(hours=8, minutes=30),
        "weekday evening": monday + timedelta(hours=19, minutes=30),
        "Saturday morning": monday + timedelta(days=5, hours=10, minutes=30),
    }


def demo(root: Path) -> tuple:
    from companion.core.demo import ensure_demo

    profile, conn = _profile(root, "demo")
    ensure_demo(conn, profile)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return profile, conn, _facts(conn), _moments(today), None


def shared_media(root: Path) -> tuple | None:
    if not SHARED_MEDIA.is_dir():
        return None
    from companion.core.events.record import record_event
    from companion.core.jobs.scan import run_scan

    profile, conn = _profile(root, "shared")
    run_scan(conn, profile, [str(SHARED_MEDIA)])
    facts = _facts(conn)
    music = sorted(i for i, k in facts.kind.items() if k == "music")
    rng = random.Random(5)
    end = datetime(2026, 3, 16, tzinfo=UTC)
    favourites = rng.sample(music, min(40, len(music)))
    for d in range(14):  # a fortnight of plays of what the person keeps (on whichever copy)
        for hour in (8, 13, 20):
            for k in range(5):
                ts = (end - timedelta(days=14 - d) + timedelta(hours=hour, minutes=4 * k)).timestamp()
                record_event(conn, rng.choice(favourites), "completed", ts=ts, tz_offset_min=0, position=180.0,
                             duration=180.0, session_id=f"s{d}-{hour}")  # fmt: skip
    return profile, conn, facts, _moments(end), None


def messy(root: Path, seconds: float) -> tuple:
    from companion.core.demo.messy_week import listen_to_messy
    from companion.core.jobs.scan import run_scan
    from companion.core.media.messy import make_messy_library

    lib = make_messy_library(root / "messy-files", seconds=seconds)
    profile, conn = _profile(root, "messy")
    run_scan(conn, profile, [str(lib.root)])
    end = datetime(2026, 3, 16, tzinfo=UTC)  # a Monday
    habits = listen_to_messy(conn, lib, end)
    facts = _facts(conn)
    from companion.core.library.queries import get_item_by_path

    for path, why in [(p, "spoken word") for p in lib.spoken] + [
        (lib.bogus_length, "27-hour WAV"),
        (lib.damaged, "damaged FLAC"),
    ]:
        item = get_item_by_path(conn, str(path))
        if item is not None:
            facts.ineligible[int(item["id"])] = why
    return profile, conn, facts, _moments(end), habits


def not_now_figures(conn, profile, facts: Facts, moments: dict[str, datetime], habits) -> dict[str, float]:
    morning, _ = _home(conn, profile, moments["weekday morning"])
    evening, _ = _home(conn, profile, moments["weekday evening"])
    m = next((r for r in morning if r["id"] == "now"), None)
    e = next((r for r in evening if r["id"] == "now"), None)
    seeded = 0
    for rows in (morning, evening):
        for r in rows:
            if r["id"].startswith("because-") and int(r["id"][8:]) in {
                habits.skipped_favourite,
                habits.disliked,
            }:
                seeded += 1
    return {
        NOT_NOW[0]: 100 * share(m, facts, habits.morning),
        NOT_NOW[1]: 100 * share(m, facts, habits.evening),
        NOT_NOW[2]: 100 * share(e, facts, habits.evening),
        NOT_NOW[3]: 100 * share(e, facts, habits.morning),
        NOT_NOW[4]: seeded,
    }


def report(name: str, made: tuple, lines: list[str]) -> dict[str, float]:
    profile, conn, facts, moments, habits = made
    per_moment = []
    for label, at in moments.items():
        rows, full = _home(conn, profile, at)
        per_moment.append(measure(rows, facts, full))
        lines.append(
            f"  {label} ({at:%a %H:%M}): "
            + " | ".join(f"{r['title']} ({len(full.get(r['id'], r)['items'])})" for r in rows)
        )
        pair = largest_pair(rows, full)
        if pair:
            lines.append(
                f"    most alike: {pair[0]} and {pair[1]} share {100 * pair[2]:.0f}% (of the smaller)"
            )
    figures = worst(per_moment)
    if habits is not None:
        figures.update(not_now_figures(conn, profile, facts, moments, habits))
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true", help="skip the demo, short clips: a few seconds")
    p.add_argument("--write-docs", action="store_true", help="write the figures into docs/taste_eval.md")
    p.add_argument(
        "--keep", metavar="DIR", help="make the profiles here and keep them (to look at the homes)"
    )
    args = p.parse_args(argv)
    started = time.monotonic()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="curation-"))
    root.mkdir(parents=True, exist_ok=True)
    sources: dict[str, dict[str, float]] = {}
    lines: list[str] = []
    makers = [
        ("messy", lambda: messy(root, 1.0 if args.smoke else 3.0)),
        ("shared media", lambda: shared_media(root)),
    ]
    if not args.smoke:
        makers.insert(0, ("demo", lambda: demo(root)))
    for name, make in makers:
        made = make()
        if made is None:
            print(f"{name}: skipped ({SHARED_MEDIA} is not present)")
            continue
        lines.append(f"{name}:")
        sources[name] = report(name, made, lines)
        made[1].close()
    table = render(sources)
    print("\n".join(lines))
    print(table)
    print(f"({time.monotonic() - started:.1f} s)")
    if args.write_docs:
        write_docs(table, lines)
    return 0


def render(sources: dict[str, dict[str, float]]) -> str:
    names = list(sources)
    head = "| figure | goal | " + " | ".join(names) + " |"
    out = [head, "|" + "---|" * (len(names) + 2)]
    for fig in (*FIGURES, *NOT_NOW):
        goal = GOALS.get(
            fig,
            {
                NOT_NOW[0]: ">= 80",
                NOT_NOW[1]: "< 5",
                NOT_NOW[2]: ">= 80",
                NOT_NOW[3]: "< 5",
                NOT_NOW[4]: "0",
            }.get(fig, ""),
        )
        cells = [f"{sources[n][fig]:.0f}" if fig in sources[n] else "" for n in names]
        if any(cells):
            out.append(f"| {fig} | {goal} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def write_docs(table: str, lines: list[str]) -> None:
    import platform
    import subprocess

    doc = REPO / "docs" / "taste_eval.md"
    text = doc.read_text(encoding="utf-8")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO
    ).stdout.strip()
    block = (
        "<!-- curation:start -->\n"
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python benchmarks/curation.py --write-docs` "
        f"(commit {commit}, Python {platform.python_version()}). Worst over the three moments; the not-now rows "
        "are the messy library's weekday morning and evening.\n\n"
        + table
        + "\n\nThe homes (title and whole-mix size of each row):\n\n```\n"
        + "\n".join(lines)
        + "\n```\n<!-- curation:end -->"
    )
    start, end = text.find("<!-- curation:start -->"), text.find("<!-- curation:end -->")
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len("<!-- curation:end -->") :]
    else:
        text = (
            text.rstrip()
            + "\n\n## 4. Curation on real, messy libraries (`benchmarks/curation.py`)\n\n"
            + block
            + "\n"
        )
    doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
