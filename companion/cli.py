"""The ``companion`` command: no sub-command opens the window, a sub-command runs headless."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

import companion
import companion.commands
from companion.core.errors import CompanionError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one clear line, never a usage dump
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _command_modules() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(companion.commands.__path__):
        if info.name.startswith("_") or info.name == "context":
            continue
        module = importlib.import_module(f"companion.commands.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found[module.NAME] = module
    return dict(sorted(found.items()))


class _Probe(_Parser):
    class Unsure(Exception):
        pass

    def error(self, message: str) -> NoReturn:  # the full parser will say it
        raise self.Unsure(message)


def _window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """``argv`` parsed when it holds only the window's options (no command, no help or version asked), else
    None: the window's start imports no command module (19 imports and their parsers, 0.06 s of its CPU)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    try:
        args, rest = build_parser({}, _Probe).parse_known_args(argv)
    except _Probe.Unsure:
        return None
    return None if rest else args


def build_parser(
    modules: dict[str, ModuleType] | None = None, parser_class: type[_Parser] = _Parser
) -> argparse.ArgumentParser:
    modules = _command_modules() if modules is None else modules
    parser = parser_class(
        prog="companion",
        description="Companion: your own music and video, a personal home of mixes. "
        "Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"companion {companion.__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the whole profile (data and cache) in DIR (also COMPANION_DATA_DIR)",
    )
    gui = parser.add_argument_group("window")
    gui.add_argument(
        "--demo",
        action="store_true",
        help="the demo library (made once, with a week of listening) in a profile of its own: opens it, or runs"
        " COMMAND on it",
    )
    gui.add_argument("--tray", action="store_true", help="start minimised to the system tray")
    gui.add_argument(
        "--self-test",
        action="store_true",
        help="render the window offscreen, check player and database, print a one-line report and exit",
    )
    gui.add_argument(
        "--open",
        dest="files",
        nargs="*",
        metavar="FILE",
        default=[],
        help="play these files (handed to the running window when Companion is already open)",
    )
    gui.add_argument(
        "--install-desktop-entry", action="store_true", help="add Companion to your application menu"
    )
    gui.add_argument("--uninstall-desktop-entry", action="store_true", help="remove it from the menu again")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name, module in modules.items():
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from companion.commands.context import Context
    from companion.core.paths import resolve_profile

    argv = sys.argv[1:] if argv is None else list(argv)
    modules: dict[str, ModuleType] = {}
    args = _window_args(argv)
    if args is None:  # a command, help, or something the full parser has to say is wrong
        modules = _command_modules()
        args = build_parser(modules).parse_args(argv)
    ctx: Context | None = None
    try:
        if args.data_dir is not None and not args.data_dir.strip():
            raise UsageError("--data-dir is empty: give the folder for Companion's data")
        opens_window = not (args.command or args.install_desktop_entry or args.uninstall_desktop_entry)
        if opens_window and (problem := no_display_problem(bool(args.self_test))):
            raise CompanionError(problem)
        profile = resolve_profile(args.data_dir, demo=bool(args.demo))  # a command too: the demo's profile
        if args.demo:
            _check_demo_profile(profile)
        ctx = Context(profile=profile)
        if args.install_desktop_entry or args.uninstall_desktop_entry:
            return _desktop_entry(install=bool(args.install_desktop_entry))
        if args.command:
            if args.demo:
                _make_demo(profile)
            return int(modules[args.command].run(args, ctx) or 0)
        from companion.app import run_app

        return run_app(args, profile)
    except UsageError as e:
        print(f"companion: {e}", file=sys.stderr)
        return 2
    except CompanionError as e:
        print(f"companion: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # disk full, permissions, a vanished folder: one line, never a traceback
        where = f" ({e.filename})" if getattr(e, "filename", None) else ""
        print(f"companion: {e.strerror or e}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("companion: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        if ctx is not None:
            ctx.close()


def _check_demo_profile(profile) -> None:
    """Refuse, in one line, a demo over the person's own library or history (before any window opens)."""
    if not profile.db_path.exists():
        return
    from companion.core.db import open_profile_db
    from companion.core.demo import demo_refusal

    conn = open_profile_db(profile)
    try:
        refusal = demo_refusal(conn, profile)
    finally:
        conn.close()
    if refusal:
        raise CompanionError(refusal)


def _make_demo(profile) -> None:
    """``companion --demo COMMAND``: the demo's profile holds the demo before the command runs."""
    from companion.core.db import open_profile_db
    from companion.core.demo import demo_root, ensure_demo

    if (demo_root(profile) / ".complete").exists():
        return
    print("companion: making the demo library (once)…", file=sys.stderr)
    conn = open_profile_db(profile.ensure())
    try:
        ensure_demo(conn, profile)
    finally:
        conn.close()


def no_display_problem(self_test: bool, platform: str = sys.platform) -> str | None:
    """Why the window cannot open here (a Linux session with no X11 or Wayland display), or None.

    Said before Qt starts: Qt itself would abort with advice to reinstall libraries."""
    if self_test or not platform.startswith("linux"):
        return None
    if any(os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return None
    return (
        "no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open; "
        "the commands work without one (see 'companion --help')"
    )


def _desktop_entry(*, install: bool) -> int:
    from companion.core import desktop_entry

    paths = desktop_entry.install() if install else desktop_entry.uninstall()
    verb = "installed" if install else "removed"
    for path in paths:
        print(f"{verb} {path}")
    if not paths:
        print("nothing to remove" if not install else "nothing installed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
