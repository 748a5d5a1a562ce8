"""Analysis in a worker process of the job system's pool: low priority, one file at a time, every failure
becomes a plain reason.

A task is ``(item_id, path, rg_track_gain)``; its result ``(item_id, features or None, error or None)``.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from companion.core.errors import MediaError

NICENESS = 10  # below playback and the window


def lower_priority() -> None:
    """Run below normal priority where the platform allows it (never fails)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICENESS)


def analyse_job(
    item_id: int, path: str, rg_track_gain: float | None, span: tuple[float, float | None] | None = None
) -> tuple[int, dict[Any, Any] | None, str | None]:
    """Analyse one file (its ``span``, for a CUE sheet's track); never raises."""
    # numpy and PyAV: in the analysis workers only
    from companion.core.analysis.features import analyse_file

    try:
        return item_id, analyse_file(path, rg_track_gain=rg_track_gain, span=span), None
    except MediaError as e:
        return item_id, None, str(e)
    except MemoryError:
        return item_id, None, "ran out of memory while analysing"
    except Exception as e:
        return item_id, None, f"analysis failed ({type(e).__name__}: {str(e)[:120]})"


def analyse_task(task: tuple[Any, ...]) -> tuple[int, dict[Any, Any] | None, str | None]:
    """The pool's task function (``companion.core.jobs.analysis``)."""
    return analyse_job(*task)


def init_worker(in_worker: bool) -> None:
    """A worker process's set-up: one thread for the numerical libraries, below normal priority."""
    if not in_worker:
        return
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    lower_priority()
