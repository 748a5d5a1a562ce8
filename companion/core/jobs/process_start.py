"""How helper processes (the taste service, scan, analysis and import jobs) start.

The window spawns them: a fresh interpreter each, so nothing of the window's process (Qt's threads, its
open database, its signal handlers) is inherited, and a start costs about 0.35 s of CPU (the interpreter,
then NumPy, SciPy's sparse module and the taste engine). A process that starts many of them, such as the
test suite with its 150 windows, can instead have them forked from one pre-loaded fork server
(``fork_from_a_server``): the imports are paid once, and each start costs a fork. The children run the
same code either way; only where their imports come from differs.

A forked helper inherits the server's state, not the window's: so each helper's entry point sets what it
relies on itself (``paths.keep_private``: its files stay the owner's).

The fork server is multiprocessing's one per process; the worker pools (``pool.py``) use it too when
their process has threads, so its preload list is shared (``add_forkserver_preload``): whatever either
asks before it first starts is loaded.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import threading
from collections.abc import Iterable
from multiprocessing.context import ForkServerContext, SpawnContext

_LOCK = threading.Lock()
_preload: list[str] = []
_method = "spawn"

# what the taste service and the jobs import before their first step (none of them imports Qt or PyAV)
HELPER_MODULES = (
    "companion.core.jobs.operations",
    "companion.core.jobs.scan",
    "companion.core.jobs.runner",
    "companion.core.importers.run",
    "companion.core.taste.home",
    "scipy.sparse",
)


def helper_context() -> SpawnContext | ForkServerContext:
    """The multiprocessing context helper processes start with: spawn, or the pre-loaded fork server."""
    with _LOCK:
        if _method == "forkserver":
            return _forkserver()
    return mp.get_context("spawn")


def fork_from_a_server(preload: Iterable[str] = HELPER_MODULES) -> None:
    """From now on, helpers of this process are forked from a fork server that imported ``preload`` once
    (Linux; elsewhere they are still spawned). For a process that starts many windows (the tests)."""
    global _method
    if not sys.platform.startswith("linux"):
        return
    add_forkserver_preload(preload)
    with _LOCK:
        _method = "forkserver"


def add_forkserver_preload(modules: Iterable[str]) -> ForkServerContext:
    """Add ``modules`` to what the fork server imports when it starts (no effect once it runs); returns
    the fork server's context."""
    with _LOCK:
        for name in modules:
            if name not in _preload:
                _preload.append(name)
        return _forkserver()


def _forkserver() -> ForkServerContext:  # under the lock
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(list(_preload))
    return ctx
