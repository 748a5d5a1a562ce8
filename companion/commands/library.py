"""``companion library [--kind music|video|spoken] [--json]``: the items in the library."""

from __future__ import annotations

import argparse

from companion.commands.context import Context

NAME = "library"
HELP = "list the items in the library (with --json: a JSON list)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--kind",
        choices=["music", "video", "spoken"],
        help="only music, only video, or only spoken word (audiobooks, podcasts)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list of items (files that are one recording share recording_id; files counts them); "
        'files that could not be read follow with status "failed" and the reason in "error"',
    )
    p.add_argument("--failures", action="store_true", help="list the files that could not be read, with why")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.library.pathcodec import display
    from companion.core.library.queries import list_failures
    from companion.core.library.view import library_view

    if args.failures:
        fails = [{"path": display(f["path"]), "error": f["error"]} for f in list_failures(ctx.db)]
        if args.json:
            ctx.print_json(fails)
        else:
            for f in fails:
                print(f"{f['path']}: {f['error']}", file=ctx.stdout)
        return 0
    items = library_view(ctx.db, args.kind)
    if args.json:
        ctx.print_json(items + _failed_entries(ctx, args.kind))
        return 0
    _table(items, ctx)
    return 0


def _failed_entries(ctx: Context, kind: str | None) -> list[dict]:
    """Files that could not be read, as entries with ``status: "failed"`` and the reason in ``error``,
    so that every file under the library folders shows up once: as an item or with why it is not one."""
    # loaded when this command runs, not when the command line starts
    from companion.core.library.formats.registry import kind_for_path
    from companion.core.library.pathcodec import display
    from companion.core.library.queries import list_failures

    out = []
    for f in list_failures(ctx.db):
        path = display(f["path"])
        guessed = kind_for_path(path)
        guessed = guessed if guessed in ("music", "video") else None
        if kind and guessed != kind:
            continue
        out.append(
            {
                "path": path,
                "kind": guessed,
                "recording_id": None,
                "status": "failed",
                "error": f["error"],
                "title": None,
                "artist": None,
                "album": None,
                "genre": None,
                "year": None,
                "duration": None,
                "rating": None,
                "play_count": 0,
                "skip_count": 0,
                "last_played": None,
            }
        )
    return out


def _table(items: list[dict], ctx: Context) -> None:
    cols = [
        ("kind", 6),
        ("artist / show", 24),
        ("album", 24),
        ("title", 32),
        ("year", 4),
        ("time", 7),
        ("rating", 6),
        ("plays", 5),
    ]
    print("  ".join(name.ljust(w) for name, w in cols).rstrip(), file=ctx.stdout)
    for it in items:
        who = it.get("show") or it.get("artist") or ""
        where = it.get("album") or (f"season {it['season']}" if it.get("season") is not None else "")
        title = it["title"] or ""
        if it["status"] != "ok":
            title = f"{title} [{it['status']}]"
        cells = [
            it["kind"],
            who,
            where,
            title,
            str(it["year"] or ""),
            _time(it["duration"]),
            "" if it["rating"] is None else f"{it['rating']:g}",
            str(it["play_count"]),
        ]
        print("  ".join(_fit(c, w) for c, (_, w) in zip(cells, cols, strict=True)).rstrip(), file=ctx.stdout)
    print(f"{len(items)} items", file=ctx.stdout)


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def _time(seconds: float | None) -> str:
    if not seconds:
        return ""
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
