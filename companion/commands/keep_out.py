"""``companion keep-out``: keep a playlist, a track, an album or a time window out of your taste."""

from __future__ import annotations

import argparse

from companion.commands.context import Context

NAME = "keep-out"
HELP = (
    "keep listening out of your taste (a kids' playlist, sleep sounds, Saturday 14:00-18:00): "
    "the plays stay in your history but teach the home nothing; reversible"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add",
        help="add a rule",
        description="Keep one playlist, track, album or time window out of your taste, past plays included.",
    )
    what = add.add_mutually_exclusive_group(required=True)
    what.add_argument("--playlist", metavar="ID|NAME", help="plays started from this playlist")
    what.add_argument("--track", metavar="ITEM_ID|PATH", help="this track, wherever it was played from")
    what.add_argument("--album", metavar="NAME", help="this album's tracks")
    what.add_argument(
        "--time",
        metavar="WINDOW",
        help="a time window: 'Saturday 14:00-18:00', 'every night 22:00-06:00 in March'",
    )
    add.add_argument("--artist", metavar="NAME", help="with --album: the album's artist")
    add.add_argument("--json", action="store_true", help="print the rule as JSON")
    rm = sub.add_parser("remove", help="remove a rule (its plays teach again)", description="Remove a rule.")
    rm.add_argument("rule_id", type=int, metavar="ID", help="the rule's id (keep-out list)")
    ls = sub.add_parser("list", help="show the rules and what each hides", description="Show the rules.")
    ls.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.taste import keepout

    if args.action == "add":
        kind, value = next(
            (k, getattr(args, k)) for k in ("playlist", "track", "album", "time") if getattr(args, k)
        )
        rule = keepout.add_rule(ctx.db, kind, value, artist=args.artist)
        if args.json:
            ctx.print_json({"id": rule.id, "kind": rule.kind, "label": rule.label, "rule": rule.spec})
        else:
            print(f"Kept out of your taste: {rule.label} (rule {rule.id})", file=ctx.stdout)
        return 0
    if args.action == "remove":
        keepout.remove_rule(ctx.db, args.rule_id)
        print(f"Removed rule {args.rule_id}: its plays count for your taste again.", file=ctx.stdout)
        return 0
    hidden = keepout.describe(ctx.db)
    if args.json:
        ctx.print_json([h.to_json() for h in hidden])
        return 0
    if not hidden:
        print("Nothing is kept out of your taste.", file=ctx.stdout)
    for h in hidden:
        examples = f": {', '.join(h.examples)}" if h.examples else ""
        print(
            f"{h.rule.id}  {h.rule.label}  hides {h.events} plays of {h.tracks} tracks{examples}",
            file=ctx.stdout,
        )
    return 0
