"""The analysis worker process: low priority, one file at a time, every failure becomes a plain reason.

Jobs arrive over a pipe as ``(item_id, path, rg_track_gain)``; each answer is
``(item_id, features or None, error or None)``. ``None`` ends the worker.
"""

from __future__ import annotations

import contextlib
import os

NICENESS = 10  # below playback and the window


def lower_priority() -> None:
    """Run below normal priority where the platform allows it (never fails)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICENESS)


def analyse_job(
    item_id: int, path: str, rg_track_gain: float | None, span: tuple[float, float | None] | None = None
) -> tuple[int, dict | None, str | None]:
    """Analyse one file (its ``span``, for a CUE sheet's track); never raises."""
    from companion.core.analysis.features import analyse_file
    from companion.core.errors import MediaError

    try:
        return item_id, analyse_file(path, rg_track_gain=rg_track_gain, span=span), None
    except MediaError as e:
        return item_id, None, str(e)
    except MemoryError:
        return item_id, None, "ran out of memory while analysing"
    except Exception as e:
        return item_id, None, f"analysis failed ({type(e).__name__}: {str(e)[:120]})"


def worker_main(conn) -> None:
    """Entry point of a worker process."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    lower_priority()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            conn.send(analyse_job(*job))
        except (BrokenPipeError, OSError):
            return
