"""``companion scan [FOLDER ...] [--json]``: add folders to the library and scan every library folder."""

from __future__ import annotations

import argparse

from companion.commands.context import Context
from companion.core.errors import CompanionError, UsageError
from companion.core.paths import default_media_folders

NAME = "scan"
HELP = "add folders to the library (remembered) and scan all library folders"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folders", nargs="*", metavar="FOLDER", help="music or video folders to add")
    p.add_argument("--json", action="store_true", help="print one JSON object with the result on stdout")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes for reading tags (default: one per core, at most 4)",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """``companion scan``: check and add the folders, scan them with progress on the terminal, then the
    summary. One piece on purpose: it reads top to bottom as the command runs."""
    # loaded when this command runs, not when the command line starts
    from companion.core.jobs.scan import scan
    from companion.core.library import folders as folder_db
    from companion.core.library.progress import ScanSummary

    if args.workers is not None and not 1 <= args.workers <= 64:
        raise UsageError("--workers must be a number from 1 to 64")
    wanted = [folder_db.normalise(f) for f in args.folders]
    for path in wanted:  # refuse before remembering anything
        folder_db.check_usable(path)
    conn = ctx.db
    if wanted:
        # loaded when this command runs, not when the command line starts
        from companion.core.demo import own_folders_arrive

        gone = own_folders_arrive(conn, ctx.profile, wanted)
        if gone:
            print(
                f"companion: the demo library tried here ({gone} items and its made-up week of listening) "
                "made room for your own folders",
                file=ctx.stderr,
            )
    for path in wanted:
        folder_db.add_folder(conn, path)
    if not folder_db.list_folders(conn):
        defaults = default_media_folders()
        if not defaults:
            raise CompanionError("no library folders yet: name one, e.g. 'companion scan ~/Music'")
        for folder in defaults:
            folder_db.add_folder(conn, folder)
    summary = ScanSummary()
    for step in scan(conn, ctx.profile, workers=args.workers):
        if isinstance(step, ScanSummary):
            summary = step
        elif step.total:
            ctx.progress(f"{step.phase} {step.done}/{step.total}  {step.folder}")
        else:
            ctx.progress(f"{step.phase} {step.done} files  {step.folder}")
    ctx.progress_done()
    if args.json:
        ctx.print_json(summary.as_json())
        return 0
    out = ctx.stdout
    print(
        f"{summary.added} added, {summary.updated} updated, {summary.reattached} moved, "
        f"{summary.removed} missing, {summary.unchanged} unchanged, {len(summary.failed)} could not be read "
        f"({summary.seconds:.1f} s)",
        file=out,
    )
    if summary.playlists:
        n = len(summary.playlists)
        print(
            f"{n} playlist{'s' if n != 1 else ''} found in your folders: "
            "import with 'companion playlist import FILE...'",
            file=out,
        )
    for f in summary.failed[:50]:
        print(f"  {f['path']}: {f['error']}", file=out)
    if len(summary.failed) > 50:
        print(f"  ... and {len(summary.failed) - 50} more (see 'companion scan --json')", file=out)
    return 0
