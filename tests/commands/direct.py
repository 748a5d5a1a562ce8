"""Running one command's module on its own: its own arguments parsed, its ``run`` called with a real context
on the test's profile (what ``companion.cli.main`` does for it, without the rest of the command line)."""

from __future__ import annotations

import argparse
import io
from types import ModuleType

from companion.commands.context import Context
from companion.core.paths import Profile


def run_command(module: ModuleType, profile: Profile, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``module.run`` on ``argv``."""
    parser = argparse.ArgumentParser(prog=f"companion {module.NAME}")
    module.add_arguments(parser)
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(profile=profile, stdout=out, stderr=err)
    try:
        code = module.run(args, ctx)
    finally:
        ctx.close()
    return int(code or 0), out.getvalue(), err.getvalue()
