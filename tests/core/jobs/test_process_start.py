"""Helpers are spawned; a process that starts many (the test suite) has them forked from a pre-loaded server."""

from __future__ import annotations

import os
import subprocess
import sys

from companion.core.jobs import process_start
from companion.core.jobs.runner import in_child


def _what_was_loaded(stop) -> object:
    yield os.getppid(), "scipy.sparse" in sys.modules, "companion.core.taste.home" in sys.modules


def test_this_test_process_forks_its_helpers_from_a_preloaded_server():
    """tests/conftest.py asked for it: the job's process is the server's child, with the taste engine and
    SciPy imported before its first step."""
    import multiprocessing.forkserver

    assert process_start.helper_context().get_start_method() == "forkserver"
    ((parent, scipy_loaded, taste_loaded),) = list(in_child(_what_was_loaded))
    server = multiprocessing.forkserver._forkserver._forkserver_pid
    assert parent == server != os.getpid()
    assert scipy_loaded and taste_loaded


PROBE = """
from companion.core.jobs import process_start
from companion.core.jobs.runner import in_child
from tests.core.jobs.test_process_start import _what_was_loaded
import os
print(process_start.helper_context().get_start_method())
((parent, scipy_loaded, taste_loaded),) = list(in_child(_what_was_loaded))
print(parent == os.getpid(), scipy_loaded, taste_loaded)
"""


def test_elsewhere_helpers_are_spawned_fresh():
    """The window's process: a fresh interpreter per helper, which loads only what its work needs."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, cwd=root)
    assert out.stdout.split() == ["spawn", "True", "False", "False"], out.stdout + out.stderr[-2000:]
