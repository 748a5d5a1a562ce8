"""``companion rate PATH STARS`` / ``companion rate PATH --like|--dislike|--clear``."""

from __future__ import annotations

import argparse
import os

from companion.commands.context import Context
from companion.core.errors import CompanionError, UsageError

NAME = "rate"
HELP = "rate a file 0-5 stars, or like / dislike it (a dislike keeps it out of mixes), or clear that"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="a file in the library")
    p.add_argument("stars", metavar="STARS", nargs="?", help="0 to 5 (halves allowed: 3.5)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--like", action="store_true", help="like it")
    how.add_argument("--dislike", action="store_true", help="never play it in mixes (undo with --clear)")
    how.add_argument("--clear", action="store_true", help="forget its stars and like / dislike")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.events import ratings
    from companion.core.settings import load_settings

    flags = args.like or args.dislike or args.clear
    if flags and args.stars is not None:
        raise UsageError("give either STARS or one of --like, --dislike, --clear, not both")
    if not flags and args.stars is None:
        raise UsageError("give STARS (0-5) or one of --like, --dislike, --clear")
    stars = ratings.check_stars(args.stars) if args.stars is not None else None
    item = find_item(ctx, args.path)
    conn = ctx.db
    if args.like or args.dislike:
        state = ratings.set_liked(conn, item["id"], 1 if args.like else -1)
    elif args.clear:
        state = ratings.clear(conn, item["id"])
    else:
        state = ratings.set_stars(conn, item["id"], stars)
    name = item.get("title") or item["path"]
    print(f"{name}: {_describe(state)}", file=ctx.stdout)
    if load_settings(conn).write_ratings_to_files and not (args.like or args.dislike):
        # loaded when this command runs, not when the command line starts
        from companion.core.events.writeback import write_item_rating

        warning = write_item_rating(conn, item["id"], state.stars)
        if warning:
            print(f"companion: the rating is saved, but not in the file: {warning}", file=ctx.stderr)
    return 0


def find_item(ctx: Context, path: str) -> dict:
    """The library item for a path as typed (relative, ~, or through a symlink)."""

    # loaded when this command runs, not when the command line starts
    from companion.core.library.queries import get_item_by_path

    expanded = os.path.expanduser(path)
    for candidate in dict.fromkeys((os.path.abspath(expanded), os.path.realpath(expanded))):
        item = get_item_by_path(ctx.db, candidate)
        if item is not None:
            return item
    if not os.path.exists(expanded):
        raise CompanionError(f"no such file: {path}")
    if os.path.isdir(expanded):
        raise CompanionError(f"{path} is a folder; give one music or video file")
    raise CompanionError(f"not in the library: {path} (add its folder and run 'companion scan')")


def _describe(state) -> str:
    parts = []
    if state.stars is not None:
        parts.append(f"{state.stars:g} star{'s' if state.stars != 1 else ''}")
    if state.liked:
        parts.append("liked" if state.liked > 0 else "disliked (kept out of mixes)")
    return ", ".join(parts) or "no rating"
