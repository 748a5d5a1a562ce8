"""``companion export ROW_ID FILE``: a home row (a mix) as a playlist file other players open."""

from __future__ import annotations

import argparse

from companion.commands.context import Context
from companion.core.errors import UsageError

NAME = "export"
HELP = "write a home row (a mix) to a playlist file; the extension picks the format: .m3u8 .m3u .xspf .pls"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "row_id", metavar="ROW_ID", help="the row's id, as 'companion home' shows it (now, daily-1, ...)"
    )
    p.add_argument("file", metavar="FILE", help="the playlist to write (.m3u8, .m3u, .xspf or .pls)")
    p.add_argument("--at", metavar="ISO-8601", help="the row as it is at this moment (default: now)")
    p.add_argument(
        "--relative",
        action="store_true",
        help="write paths relative to the playlist's folder (to copy music and playlist together)",
    )
    p.add_argument("--limit", type=int, metavar="N", help="at most N entries (default: the whole mix)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.library.pathcodec import display
    from companion.core.playlists.export import export_row
    from companion.core.playlists.model import PlaylistError
    from companion.core.playlists.writers import format_for
    from companion.core.taste.context import parse_moment
    from companion.core.taste.home import get_row

    try:
        format_for(args.file)
    except PlaylistError as e:
        raise UsageError(str(e)) from None
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    at = parse_moment(args.at)
    row = get_row(ctx.db, ctx.profile, args.row_id, at=at, limit=args.limit)
    if row is None:
        raise UsageError(f"no row {args.row_id!r} on the home now; 'companion home' lists the rows")
    path, count, note = export_row(row, args.file, relative=args.relative, conn=ctx.db)
    print(f"wrote {count} entries of '{row.title}' to {display(str(path))}", file=ctx.stdout)
    if note:
        print(f"note: {note}", file=ctx.stdout)
    return 0
