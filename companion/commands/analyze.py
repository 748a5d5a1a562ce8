"""``companion analyze [--limit N] [--json]``: analyse the sound of tracks not analysed yet."""

from __future__ import annotations

import argparse

from companion.commands.context import Context
from companion.core.errors import UsageError

NAME = "analyze"
HELP = "analyse the sound of music tracks on this machine (tempo, key, loudness, energy, mood)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--limit", type=int, metavar="N", help="analyse at most N tracks this time")
    p.add_argument("--json", action="store_true", help="print one JSON object with the result on stdout")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default 2)")


def run(args: argparse.Namespace, ctx: Context) -> int:
    # loaded when this command runs, not when the command line starts
    from companion.core.jobs.analysis import DEFAULT_WORKERS, AnalysisSummary, analyze_pending

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be a whole number of 1 or more")
    if args.workers is not None and not 1 <= args.workers <= 64:
        raise UsageError("--workers must be a number from 1 to 64")
    ctx.db  # noqa: B018 - open (and migrate) the profile before the workers start
    summary = AnalysisSummary()
    for step in analyze_pending(
        ctx.profile,
        limit=args.limit,
        workers=args.workers or DEFAULT_WORKERS,
        wait_when_paused=False,
        summary=summary,
    ):
        if step.total:
            eta = f", about {_duration(step.eta_seconds)} left" if step.eta_seconds is not None else ""
            ctx.progress(f"analysing {step.done}/{step.total}{eta}  {step.current or ''}")
    ctx.progress_done()
    if summary.paused:
        print(
            "companion: analysis is paused; resume with 'companion settings set analysis_paused false'",
            file=ctx.stderr,
        )
    if args.json:
        ctx.print_json(summary.as_json())
        return 0
    out = ctx.stdout
    print(
        f"{summary.analysed} analysed, {len(summary.failed)} could not be analysed "
        f"({summary.seconds:.1f} s); {summary.remaining} still to do",
        file=out,
    )
    for f in summary.failed[:50]:
        print(f"  {f['path']}: {f['error']}", file=out)
    if len(summary.failed) > 50:
        print(f"  ... and {len(summary.failed) - 50} more (see 'companion analyze --json')", file=out)
    return 0


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
