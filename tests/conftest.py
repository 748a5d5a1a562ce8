"""Test-wide guarantees: no network, a fresh profile for every test, offscreen Qt."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("COMPANION_DATA_DIR", None)
# Bytecode is kept (in the checkout's ignored __pycache__ folders) even where the environment turns it off
# (PYTHONDONTWRITEBYTECODE=1): otherwise each test process rewrites and compiles every test module again
# at every run (13.5 CPU s to collect, against 4.3 s from kept bytecode), and each of the Companion
# processes the tests start compiles the modules it imports.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

T = TypeVar("T")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_configure(config) -> None:
    """A null sound output for the session (before Qt's sound support starts): see tests/sound_server.py."""
    from tests import sound_server

    sound_server.start()  # its own, even on a desktop: the tests are heard by no one
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        # a process that runs tests (not xdist's controller): its ~150 windows' taste processes and jobs are
        # forked from one pre-loaded server instead of each importing NumPy and SciPy (0.35 s of CPU each)
        import multiprocessing.forkserver

        from companion.core.jobs.process_start import fork_from_a_server

        fork_from_a_server()
        multiprocessing.forkserver.ensure_running()


def pytest_unconfigure(config) -> None:
    from tests import sound_server

    sound_server.stop()


_network_attempts: list[str] = []


class NetworkBlocked(OSError):
    pass


def _blocked(what: str):
    def fail(*args, **kwargs):
        _network_attempts.append(f"{what}{args[:2]!r}")
        raise NetworkBlocked(f"Companion must never use the network: {what} was called")

    return fail


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        return _blocked("socket.connect")(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        return _blocked("socket.connect_ex")(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Any outgoing internet connection or name lookup fails the test that made it (local IPC is allowed)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", _guarded_connect)
    mp.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    mp.setattr(socket, "getaddrinfo", _blocked("socket.getaddrinfo"))
    mp.setattr(socket, "gethostbyname", _blocked("socket.gethostbyname"))
    mp.setattr(socket, "create_connection", _blocked("socket.create_connection"))
    try:
        from PySide6.QtNetwork import QAbstractSocket, QNetworkAccessManager
    except ImportError:  # Qt not installed: the headless core is still guarded above
        pass
    else:
        for name in (
            "get",
            "post",
            "put",
            "head",
            "deleteResource",
            "sendCustomRequest",
            "connectToHost",
            "connectToHostEncrypted",
        ):
            mp.setattr(QNetworkAccessManager, name, _blocked(f"QNetworkAccessManager.{name}"))
        mp.setattr(QAbstractSocket, "connectToHost", _blocked("QAbstractSocket.connectToHost"))
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _fail_on_network_attempt():
    before = len(_network_attempts)
    yield
    attempts = _network_attempts[before:]
    assert not attempts, f"network access attempted: {attempts}"


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item, settings):
    """A timed-out test ends its children before the worker exits (tests/children.py says why)."""
    if settings.method != "thread":
        return None  # the signal method fails the test in place: its fixtures still clean up
    from tests import children

    return children.set_timer(item, settings)


@pytest.fixture(autouse=True)
def no_child_left_running():
    """Processes a test starts end with it: any still running afterwards are ended, with a warning."""
    from tests import children

    before = children.descendants()
    yield
    left = children.leftovers(before)
    if left:
        children.end(left)
        warnings.warn(f"the test left {len(left)} child process(es) running; ended them", stacklevel=1)


@pytest.fixture
def profile(tmp_path: Path):
    """A fresh, empty profile (data and cache) for one test."""
    from companion.core.paths import resolve_profile

    return resolve_profile(tmp_path / "profile").ensure()


@pytest.fixture
def db(profile):
    from companion.core.db import open_profile_db

    conn = open_profile_db(profile)
    yield conn
    conn.close()


@pytest.fixture
def store(profile):
    """This test's profile as the window and player open it (a connection per thread)."""
    from companion.core.store import Store

    s = Store(profile)
    yield s
    s.close_all()


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data`` beside the checkout; the test skips cleanly when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture
def run_cli(profile, capsys):
    """Run ``companion --data-dir <profile> ARGS`` in-process; returns (exit code, stdout, stderr)."""
    from companion.cli import main

    def run(*args: str):
        code = main(["--data-dir", str(profile.data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def run_shared_dir(tmp_path_factory) -> Path:
    """A folder shared by every test process of this run (pytest-xdist's workers each have their own base
    temporary folder inside it; a single process uses its own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)``'s result, made once per test run: the first test process to need it makes it under a
    lock in a folder shared by the run, the others wait and read the result back (pickled) (pytest-xdist's
    "making session-scoped fixtures execute only once"). Tests only read what is in the folder."""
    import fcntl
    import pickle

    shared = run_shared_dir(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a process stopped half-way: start over
            result = make(folder)
            partial = done.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(result))
            partial.replace(done)
        return pickle.loads(done.read_bytes())


def _demo_files(root: Path) -> Path:
    from companion.core.demo.media import make_files

    make_files(root)
    return root


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory) -> Path:
    """The demo's media files (``companion.core.demo.media.make_files``, the slow part of the demo: ~16 CPU s),
    made once per test run (:func:`made_once`). Tests copy them into their own profile and never change them
    here."""
    return made_once(tmp_path_factory, "demo-media", _demo_files)


def copy_demo_media(demo_media: Path, profile) -> Path:
    """The demo's files put into ``profile``'s demo folder, as ``ensure_demo`` would make them; returns it."""
    from companion.core.demo import demo_root

    shutil.copytree(demo_media, demo_root(profile))
    return demo_root(profile)


def _messy_library(folder: Path):
    from companion.core.media.messy import make_messy_library

    return make_messy_library(folder / "library", seconds=1.0)


@pytest.fixture(scope="session")
def messy_library(tmp_path_factory):
    """The generated messy library (``companion.core.media.messy``) with one-second clips, made once per test
    run (:func:`made_once`: 2.7 CPU s); tests scan it into their own profile."""
    return made_once(tmp_path_factory, "messy", _messy_library)


@pytest.fixture
def messy_db(db, profile, messy_library):
    """The messy library scanned into this test's profile."""
    from companion.core.jobs.scan import run_scan

    run_scan(db, profile, [str(messy_library.root)])
    return db
