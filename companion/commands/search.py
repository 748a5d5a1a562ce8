"""``companion search TEXT``: find music and videos by words or intent, ranked by taste."""

from __future__ import annotations

import argparse

from companion.commands.context import Context, check_limit
from companion.core.errors import UsageError

NAME = "search"
HELP = (
    "search titles, artists, albums, shows, genres and tags (typos and accents forgiven); "
    "intent words like 'chill vibes', 'workout' or 'movies about space' give a ready mix"
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="+", metavar="TEXT", help="what to look for")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N items (default 50)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.taste.rows import row_text
    from companion.core.taste.search import search

    text = " ".join(args.text).strip()
    if not text:
        raise UsageError("search needs some words, e.g. companion search 'chill vibes'")
    check_limit(args.limit)
    res = search(ctx.db, ctx.profile, text, limit=args.limit)
    if args.json:
        ctx.print_json(res.to_json())
        return 0
    out = ctx.stdout
    if res.artists:
        print("Artists: " + ", ".join(res.artists), file=out)
    if res.albums:
        print("Albums: " + ", ".join(f"{a} ({b})" if b else a for a, b in res.albums), file=out)
    if res.shows:
        print("Shows: " + ", ".join(res.shows), file=out)
    for item in res.items:
        who = f"{item.artist} - " if item.artist else ""
        print(f"{who}{item.title or item.path}    ({item.reason})", file=out)
    if res.mix is not None:
        print(file=out)
        print(row_text(res.mix), file=out)
    if not res.items and res.mix is None:
        print(f"Nothing matches {text!r}.", file=out)
    return 0
