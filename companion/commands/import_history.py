"""``companion import-history FILE...``: bring listening history from other services (each one an importer
in ``companion.core.importers.registry``); the format is recognised from each file's content."""

from __future__ import annotations

import argparse
from typing import Any

from companion.commands.context import Context

NAME = "import-history"
HELP = "import listening history exported by other services, or the ZIP exports holding it"


class _Formats:
    """Every importer and the files it reads, listed when the help is printed: the parser is built at every
    start of the command line, and loading the importers then would slow every command down."""

    def __str__(self) -> str:
        # loaded when this command runs, not when the command line starts
        from companion.core.importers.registry import described

        return described()


class _Files(argparse.Action):
    """The FILE arguments; their help names the formats (``%(formats)s``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.formats = _Formats()

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option: Any = None
    ) -> None:
        setattr(namespace, self.dest, values)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        action=_Files,
        help="history exports: %(formats)s; or the ZIP files the services send",
    )
    p.add_argument(
        "--netflix-profile",
        metavar="NAME",
        help="import only this Netflix profile's viewing (accounts are often shared)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"read", "matched", "unmatched", "duplicates", "plays_counted", "artists_learned", ...}'
        ' with a "files" list',
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.importers.artists import counted_text
    from companion.core.importers.model import ImportSummary
    from companion.core.importers.run import iter_import_history
    from companion.core.importers.store import top_unmatched

    total, music = ImportSummary(), ImportSummary()
    files: list[dict] = []
    for step in iter_import_history(ctx.db, args.files, netflix_profile=args.netflix_profile):
        ctx.progress(f"{step.path}: {step.done}/{step.total}")
        if not step.finished:
            continue
        ctx.progress_done()
        s = step.summary
        total.add(s)
        if step.service not in ("netflix", "unknown"):
            music.add(s)
        files.append({"path": step.path, "service": step.service, **s.to_json()})
        for error in s.errors:
            print(f"companion: {error}", file=ctx.stderr)
        if not args.json and step.service == "unknown" and not s.errors:
            print(f"{step.path}: no listening records in it (an empty export)", file=ctx.stdout)
        if not args.json and step.service != "unknown":
            ignored = f", ignored {s.ignored}" if s.ignored else ""
            print(
                f"{step.path} ({step.service}): read {s.read}, matched {s.matched}, "
                f"unmatched {s.unmatched}, duplicates {s.duplicates}{ignored}",
                file=ctx.stdout,
            )
            for note in s.notes:
                print(f"    {note}", file=ctx.stdout)
            counted = counted_text(s, step.service)
            if counted:
                print(f"    {counted}", file=ctx.stdout)
    missing = top_unmatched(ctx.db) if total.unmatched else []
    if args.json:
        ctx.print_json({**total.to_json(), "files": files, "top_unmatched": missing})
    elif len(files) > 1:
        print(
            f"total: read {total.read}, matched {total.matched}, unmatched {total.unmatched}, "
            f"duplicates {total.duplicates}",
            file=ctx.stdout,
        )
        counted = counted_text(music, "music")
        if counted:
            print(f"    {counted}", file=ctx.stdout)
    if missing and not args.json:
        names = ", ".join(f"{m['name']} ({m['entries']})" for m in missing[:5])
        print(f"not in your library yet (from all your imports), most often: {names}", file=ctx.stdout)
    if total.rematched and not args.json:
        print(
            f"{total.rematched} earlier unmatched entries found their files in your library", file=ctx.stdout
        )
    return 1 if total.errors else 0
