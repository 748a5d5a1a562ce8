"""``companion home``: the home's rows of mixes, as the window shows them at that moment."""

from __future__ import annotations

import argparse
import json

from companion.commands.context import Context

NAME = "home"
HELP = "show the home: rows of mixes for now (or --at a moment), each item with its reason"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--at",
        metavar="ISO-8601",
        help="the moment to compute for, using only events before it "
        "(e.g. 2026-03-01T08:30+01:00; no zone means local time)",
    )
    p.add_argument("--json", action="store_true", help="print the rows as JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.taste.context import parse_moment
    from companion.core.taste.home import build_home
    from companion.core.taste.rows import row_text

    at = parse_moment(args.at)
    rows = build_home(ctx.db, ctx.profile, at=at)
    if args.json:
        # one write: 20 rows x 50 items as many small writes costs more than building the home
        ctx.stdout.write(json.dumps([r.to_json() for r in rows], ensure_ascii=False) + "\n")
        return 0
    if not rows:
        print("Your home is empty: add music or videos with 'companion scan'.", file=ctx.stdout)
    for row in rows:
        print(row_text(row), file=ctx.stdout)
        print(file=ctx.stdout)
    return 0
