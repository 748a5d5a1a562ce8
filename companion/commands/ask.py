"""``companion ask TEXT``: a question about your own listening answered with a mix and how it was read."""

from __future__ import annotations

import argparse

from companion.commands.context import Context, check_limit
from companion.core.errors import UsageError

NAME = "ask"
HELP = (
    "ask in plain words: 'songs I loved last summer but haven't played lately', 'new to me', "
    "'no metal, something calm', 'what I play on Sunday mornings', 'like Blue Hour but calmer'"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="+", metavar="TEXT", help="the question")
    p.add_argument(
        "--at",
        metavar="ISO-8601",
        help="answer as of this moment, from the events before it (no zone means local time)",
    )
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N items (default 50)")
    p.add_argument("--json", action="store_true", help="print the reading and the items as JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.taste.ask import ask
    from companion.core.taste.context import parse_moment

    text = " ".join(args.text).strip()
    if not text:
        raise UsageError("ask needs a question, e.g. companion ask 'new to me'")
    check_limit(args.limit)
    res = ask(ctx.db, ctx.profile, text, at=parse_moment(args.at), limit=args.limit)
    if args.json:
        ctx.print_json(res.to_json())
        return 0
    out = ctx.stdout
    if res.clauses:
        print("Read as: " + " · ".join(c.label for c in res.clauses), file=out)
    if res.message:
        print(res.message, file=out)
    for item in res.items:
        who = f"{item.artist} - " if item.artist else ""
        print(f"{who}{item.title or item.path}    ({item.reason})", file=out)
    if not res.items and not res.message:
        print("Nothing fits.", file=out)
    return 0
