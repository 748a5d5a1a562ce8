"""``companion flow [--from A] [--to B] [--via C ...] [--minutes N] [--json]``: an arc from one feel to another."""

from __future__ import annotations

import argparse

from companion.commands.context import Context

NAME = "flow"
HELP = "a mix from your taste whose energy and tempo move from one feel to another, e.g. 'flow --from calm --to energetic'"


def add_arguments(p: argparse.ArgumentParser) -> None:
    what = "a mood (calm, chill, focus, happy, energetic, party), a row id, or a track (id or path)"
    p.add_argument(
        "--from", dest="start", metavar="A", help=f"where it starts: {what} (default: what you played last)"
    )
    p.add_argument("--to", dest="end", metavar="B", help=f"where it ends: {what} (default: where it starts)")
    p.add_argument(
        "--via", action="append", default=[], metavar="C", help="a waypoint on the way (repeatable)"
    )
    p.add_argument("--minutes", type=float, default=60, metavar="N", help="about how long (default 60)")
    p.add_argument("--at", metavar="ISO-8601", help="the moment to compute for, using only events before it")
    p.add_argument(
        "--json", action="store_true", help="print the mix as JSON (items with bpm, key, energy, transition)"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.taste.context import parse_moment
    from companion.core.taste.flow_arcs import flow
    from companion.core.taste.flow_mixes import flow_row_json, flow_text

    result = flow(ctx.db, ctx.profile, args.start, args.end, args.via, args.minutes, at=parse_moment(args.at))
    if args.json:
        ctx.print_json(
            {**flow_row_json(result.row, result.items), "feels": [f.__dict__ for f in result.feels]}
        )
        return 0
    if not result.items:
        print("nothing analysed to make a flow from yet: run 'companion analyze' first", file=ctx.stdout)
        return 0
    print(flow_text(result.row, result.items).replace(" as a flow  [flow]", ""), file=ctx.stdout)
    return 0
