"""``companion replay``: a month's or a year's listening, kept on this device."""

from __future__ import annotations

import argparse
import re

from companion.commands.context import Context
from companion.core.errors import UsageError

NAME = "replay"
HELP = "your Replay: top artists, tracks, albums, genres and shows, hours, persona, what changed (a month or a year)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    which = p.add_mutually_exclusive_group()
    which.add_argument("--month", metavar="YYYY-MM", help="this month (default: last month with listening)")
    which.add_argument("--year", metavar="YYYY", help="this year")
    p.add_argument("--json", action="store_true", help="print the Replay as JSON")


def _top(label: str, tops, out) -> None:
    if tops:
        print(label, file=out)
        for k, t in enumerate(tops, 1):
            who = f" - {t.artist}" if t.artist else ""
            imported = f", {t.imported} imported" if t.imported else ""
            print(f"  {k:2d}. {t.name}{who}  ({t.plays} plays, {t.hours:g} h{imported})", file=out)


def run(args: argparse.Namespace, ctx: Context) -> int:

    # loaded when this command runs, not when the command line starts
    from companion.core.taste import replay

    if args.year is not None and not re.fullmatch(r"\d{4}", args.year):
        raise UsageError(f"--year must be YYYY, not {args.year!r}")
    if args.month is not None and not re.fullmatch(r"\d{4}-\d{2}", args.month):
        raise UsageError(f"--month must be YYYY-MM, not {args.month!r}")
    period = args.year or args.month or replay.default_period(ctx.db)
    got = replay.compute(ctx.db, period) if period else None
    if args.json:
        ctx.print_json(got.to_json() if got else None)
        return 0
    out = ctx.stdout
    if got is None:
        print(f"No listening in {period}." if period else "No listening yet.", file=out)
        return 0
    print(f"Your Replay: {got.title}", file=out)
    print(f"{got.plays} plays, {got.hours:g} hours, {got.tracks} tracks, {got.artists} artists", file=out)
    if got.imported.get("plays"):
        print(f"(of which imported from other services: {got.imported['plays']:g} plays)", file=out)
    if got.kept_out.get("plays"):
        print(f"Kept out of your taste, not counted: {got.kept_out['plays']:g} plays", file=out)
    print(got.persona, file=out)
    for name, tops in (
        ("Top artists", got.top_artists),
        ("Top tracks", got.top_tracks),
        ("Top albums", got.top_albums),
        ("Top genres", got.top_genres),
        ("Top shows", got.top_shows),
    ):
        _top(name, tops[:5], out)
    for line in got.changes:
        print(f"Changed: {line}", file=out)
    _top(f"On this day a year ago ({got.on_this_day_date})", got.on_this_day, out)
    return 0
