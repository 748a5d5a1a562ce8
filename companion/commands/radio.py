"""``companion radio PATH [--limit N] [--json]``: tracks that sound like a seed and fit your taste."""

from __future__ import annotations

import argparse

from companion.commands.context import Context, check_limit
from companion.core.errors import UsageError

NAME = "radio"
HELP = "an endless mix from a seed track (or several, or an artist): close in sound, fitting your taste"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="seed track(s); a file outside the library works too"
    )
    p.add_argument("--artist", metavar="NAME", help="seed with every analysed track by this artist")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="how many tracks (default 20)")
    p.add_argument("--json", action="store_true", help="print a JSON list of tracks on stdout")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.analysis.seeds import resolve_seeds

    # loaded when this command runs, not when the command line starts
    from companion.core.taste.radio import radio

    if not args.paths and not args.artist:
        raise UsageError("name a seed track (companion radio PATH) or an artist (--artist NAME)")
    check_limit(args.limit)
    seed = resolve_seeds(ctx.db, args.paths, args.artist)
    picks = radio(ctx.db, seed.item_ids, args.limit, seed_vector=seed.vector, seed_label=seed.label)
    if args.json:
        ctx.print_json([p.to_json() for p in picks])
        return 0
    out = ctx.stdout
    if not picks:
        print("nothing else in the library fits this seed yet", file=out)
    for i, p in enumerate(picks, 1):
        who = f"{p.artist} - " if p.artist else ""
        print(f"{i:3d}. {who}{p.title or p.to_json()['path']}  ({p.reason})", file=out)
    return 0
