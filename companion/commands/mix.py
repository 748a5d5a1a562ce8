"""``companion mix ROW_ID``: one whole mix from the home (e.g. up to 50 tracks for ``now``)."""

from __future__ import annotations

import argparse

from companion.commands.context import Context, check_limit
from companion.core.errors import UsageError

NAME = "mix"
HELP = "show one mix of the home in full, e.g. 'mix now', 'mix daily-2', 'mix mood-chill'"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "row_id", metavar="ROW_ID", help="a row id from 'companion home' (now, daily-1, discover, ...)"
    )
    p.add_argument("--at", metavar="ISO-8601", help="the moment to compute for, using only events before it")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N items (default 50)")
    p.add_argument(
        "--flow",
        action="store_true",
        help="order it to flow: close tempo, neighbouring keys, similar energy (JSON items get bpm, key, "
        "energy and the transition score to the next)",
    )
    p.add_argument("--json", action="store_true", help="print the row as JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.taste.context import parse_moment
    from companion.core.taste.home import get_row
    from companion.core.taste.rows import row_text

    at = parse_moment(args.at)
    if args.limit is not None:
        check_limit(args.limit)
    row = get_row(ctx.db, ctx.profile, args.row_id, at=at, limit=args.limit)
    if row is None:
        raise UsageError(f"no row {args.row_id!r} right now; 'companion home' lists the rows there are")
    if args.flow:
        # loaded when this command runs, not when the command line starts
        from companion.core.taste.flow_mixes import flow_row, flow_row_json, flow_text

        row, items = flow_row(ctx.db, row)
        if args.json:
            ctx.print_json(flow_row_json(row, items))
        else:
            print(flow_text(row, items), file=ctx.stdout)
    elif args.json:
        ctx.print_json(row.to_json())
    else:
        print(row_text(row), file=ctx.stdout)
    return 0
