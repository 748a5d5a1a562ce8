"""``companion playlist``: import playlists written by other players, list the saved ones."""

from __future__ import annotations

import argparse

from companion.commands.context import Context

NAME = "playlist"
HELP = "import playlists from other players (M3U, M3U8, PLS, XSPF, WPL, ASX) or list the saved ones"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = sub.add_parser(
        "import",
        help="import playlist files and match their entries to your library",
        description="Import playlist files; entries match library items by path, then by tags.",
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--json", action="store_true", help="print a JSON list, one object per file")
    ls = sub.add_parser("list", help="show saved playlists", description="Show saved playlists.")
    ls.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.action == "list":
        return _list(args, ctx)
    return _import(args, ctx)


def _import(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.library.pathcodec import display
    from companion.core.playlists.imports import import_playlist, rematch_playlists
    from companion.core.playlists.match import PlaylistMatcher
    from companion.core.playlists.model import PlaylistError

    matcher = PlaylistMatcher(ctx.db)
    rematch_playlists(ctx.db, matcher)
    results: list[dict] = []
    failed = 0
    for name in args.files:
        try:
            report = import_playlist(ctx.db, name, matcher)
        except PlaylistError as e:
            failed += 1
            print(f"companion: {e}", file=ctx.stderr)
            results.append({"path": display(name), "error": str(e)})
            continue
        results.append(report.to_json())
        for problem in report.problems:
            print(f"companion: {report.to_json()['path']}: {problem}", file=ctx.stderr)
        if not args.json:
            print(
                f"{display(report.path)}: {report.entries} entries, {report.matched} matched, "
                f"{report.unmatched} unmatched",
                file=ctx.stdout,
            )
            for line in report.notes + report.unmatched_lines():
                print(f"    {line}", file=ctx.stdout)
    if args.json:
        ctx.print_json(results)
    return 1 if failed else 0


def _list(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.library.pathcodec import display
    from companion.core.playlists.repo import list_playlists

    playlists = list_playlists(ctx.db)
    if args.json:
        ctx.print_json([p.to_json() for p in playlists])
        return 0
    if not playlists:
        print("no playlists yet; add some with 'companion playlist import FILE...'", file=ctx.stdout)
    for p in playlists:
        where = f"  {display(p.source_path)}" if p.source_path else ""
        print(
            f"{p.id:>4}  {p.name}  ({p.format}, {p.matched}/{p.entries} in your library){where}",
            file=ctx.stdout,
        )
    return 0
