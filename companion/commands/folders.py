"""``companion folders [list|add|remove] [PATH]``: the folders the library is made of."""

from __future__ import annotations

import argparse

from companion.commands.context import Context
from companion.core.errors import UsageError

NAME = "folders"
HELP = "list library folders, or add / remove one (removing keeps play history; items become missing)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=["list", "add", "remove"], default="list")
    p.add_argument("path", nargs="?", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the folders as JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.library import folders as folder_db
    from companion.core.library.pathcodec import display

    if args.action in ("add", "remove") and not args.path:
        raise UsageError(f"usage: companion folders {args.action} PATH")
    if args.action == "add":
        folder_db.add_folder(ctx.db, args.path)
        print(
            f"added {display(folder_db.normalise(args.path))} (run 'companion scan' to read it)",
            file=ctx.stdout,
        )
        return 0
    if args.action == "remove":
        n = folder_db.remove_folder(ctx.db, args.path)
        print(f"removed {display(folder_db.normalise(args.path))}; {n} items marked missing", file=ctx.stdout)
        return 0
    rows = folder_db.list_folders(ctx.db)
    if args.json:
        ctx.print_json(
            [
                {
                    "path": display(f.path),
                    "status": f.status,
                    "reason": f.status_reason,
                    "last_scan_at": f.last_scan_at,
                }
                for f in rows
            ]
        )
        return 0
    for f in rows:
        extra = f" ({f.status}: {f.status_reason})" if f.status != "ok" else ""
        print(f"{display(f.path)}{extra}", file=ctx.stdout)
    if not rows:
        print("no library folders yet: 'companion scan FOLDER' adds one", file=ctx.stdout)
    return 0
