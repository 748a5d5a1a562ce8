"""``companion settings``: show or change settings."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from companion.commands.context import Context
from companion.core.errors import UsageError

NAME = "settings"
HELP = "show settings, or change one with 'settings set NAME VALUE'"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=["show", "set"], default="show")
    p.add_argument("name", nargs="?")
    p.add_argument("value", nargs="?")
    p.add_argument("--json", action="store_true", help="print settings as JSON")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.settings import load_settings, parse_value, update_setting

    if args.action == "set":
        if args.name is None or args.value is None:
            raise UsageError("usage: companion settings set NAME VALUE")
        settings = update_setting(ctx.db, args.name, parse_value(args.name, args.value))
    else:
        settings = load_settings(ctx.db)
    if args.json:
        ctx.print_json(asdict(settings))
    else:
        for key, value in asdict(settings).items():
            print(f"{key} = {value}", file=ctx.stdout)
    return 0
