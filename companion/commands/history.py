"""``companion history [--limit N] [--json]``: recent listening events, newest first."""

from __future__ import annotations

import argparse

from companion.commands.context import Context
from companion.core.errors import UsageError

NAME = "history"
HELP = "show recent plays, skips and ratings, newest first, with the local time they happened"
MAX_LIMIT = 100_000


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--limit", type=str, default="50", metavar="N", help="how many events (default 50)")
    p.add_argument("--json", action="store_true", help="print a JSON list of events")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.events.history import recent_events
    from companion.core.library.pathcodec import display, from_db

    try:
        limit = int(args.limit)
    except ValueError:
        raise UsageError(f"--limit must be a whole number, not {args.limit!r}") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be from 1 to {MAX_LIMIT}, not {limit}")
    events = recent_events(ctx.db, limit)
    for e in events:
        e["path"] = display(from_db(e["path"])) if e["path"] else None
    if args.json:
        ctx.print_json(events)
        return 0
    if not events:
        print("no listening history yet", file=ctx.stdout)
    for e in events:
        print(_line(e), file=ctx.stdout)
    return 0


def _line(e: dict) -> str:
    when = e["local_time"][:16].replace("T", " ")
    who = " — ".join(x for x in (e["artist"], e["title"]) if x) or e["path"] or f"item {e['item_id']}"
    what = e["type"]
    if e["type"] == "rating":
        what = "rated " + ("(cleared)" if e["value"] is None else f"{e['value']:g}★")
    extra = []
    if e["position"] is not None:
        extra.append(_clock(e["position"]) + (f"/{_clock(e['duration'])}" if e["duration"] else ""))
    if e["start_reason"]:
        extra.append(f"from {e['start_reason']}" + (f" {e['context']}" if e["context"] else ""))
    if e["source"] != "app":
        extra.append(e["source"])
    return f"{when} {e['weekday'][:3]}  {what:<10} {who}" + (f"  ({', '.join(extra)})" if extra else "")


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
