"""``companion privacy``: export everything, erase history or all, list and restore backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.commands.context import Context
from companion.core.errors import UsageError

NAME = "privacy"
HELP = "export everything Companion knows about you, erase it, or restore a backup"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    exp = sub.add_parser("export", help="write everything to a zip of CSV/JSON with a README")
    exp.add_argument("file", metavar="FILE")
    erase = sub.add_parser("erase", help="delete your listening history (--history) or everything (--all)")
    what = erase.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--history",
        action="store_true",
        help="plays, skips, star ratings, likes and dislikes, resume points, imports",
    )
    what.add_argument(
        "--all", action="store_true", help="the whole profile: library, history, backups, caches"
    )
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    restore = sub.add_parser("restore", help="list backups, or restore one (the newest with --latest)")
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="a file name from the list")
    restore.add_argument("--latest", action="store_true")
    restore.add_argument("--yes", action="store_true")


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.action == "export":
        return _export(args, ctx)
    if args.action == "erase":
        return _erase(args, ctx)
    return _restore(args, ctx)


def _export(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.privacy.export import export_all

    target = Path(args.file).expanduser()
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name such as companion-data.zip")
    if not target.parent.is_dir():
        raise UsageError(f"the folder {target.parent} does not exist")
    counts = export_all(ctx.db, ctx.profile, target)
    print(f"wrote {target} ({sum(counts.values())} rows in {len(counts)} tables)", file=ctx.stdout)
    return 0


def _refuse_under_open_window(ctx: Context, verb: str) -> None:
    # loaded when this command runs, not when the command line starts
    from companion.core.running import window_pid

    pid = window_pid(ctx.profile)
    if pid is not None:
        raise UsageError(
            f"Companion's window is open on this profile (process {pid}): quit it first, then {verb}"
        )


def _confirm(ctx: Context, question: str, yes: bool, verb: str = "erase") -> bool:
    if yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"refusing to {verb} without confirmation; add --yes to do it from a script")
    answer = input(f"{question} Type 'yes' to continue: ")
    return answer.strip().lower() == "yes"


def _erase(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.privacy.erase import erase_all, erase_history

    _refuse_under_open_window(ctx, "erase")
    if args.all:
        if not _confirm(
            ctx, f"This deletes everything in {ctx.profile.data_dir} (your media files stay).", args.yes
        ):
            print("nothing erased", file=ctx.stderr)
            return 1
        ctx.close()
        erase_all(None, ctx.profile)
        print("erased the whole profile", file=ctx.stdout)
        return 0
    if not _confirm(
        ctx,
        "This deletes your listening history: plays, skips, star ratings, likes and dislikes, "
        "resume points and imported history (and the backups that hold them).",
        args.yes,
    ):
        print("nothing erased", file=ctx.stderr)
        return 1
    counts = erase_history(ctx.db, ctx.profile)
    print("erased " + ", ".join(f"{n} {t}" for t, n in counts.items()), file=ctx.stdout)
    return 0


def _restore(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.db.backup import list_backups, restore_backup

    backups = list_backups(ctx.profile)
    if not args.backup and not args.latest:
        if not backups:
            print(
                "no backups yet (one is taken each day Companion opens a library with history)",
                file=ctx.stdout,
            )
        for b in backups:
            print(b.describe(), file=ctx.stdout)
        return 0
    chosen = (
        backups[0]
        if args.latest and backups
        else next((b for b in backups if b.path.name == args.backup), None)
    )
    if chosen is None:
        raise UsageError(f"no backup named {args.backup!r}; run 'companion privacy restore' to list them")
    _refuse_under_open_window(ctx, "restore")
    if not _confirm(ctx, f"Replace the current library with {chosen.describe()}?", args.yes, verb="restore"):
        return 1
    ctx.close()
    aside = restore_backup(ctx.profile, chosen.path)
    print(f"restored {chosen.describe()}; the previous database is kept as {aside.name}", file=ctx.stdout)
    return 0
