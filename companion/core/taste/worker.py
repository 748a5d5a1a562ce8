"""The taste engine in a long-lived child process, so the window's interpreter never fits a model.

Fitting (randomized SVD and k-means, walk-forward tuning) and building the
home's rows is seconds of Python work on a big library. In a thread of the window's process
it shares the interpreter lock with the UI thread, and every frame waits for it. Here one
spawned process keeps the taste engine's in-memory state (library arrays, event log, fitted
model) warm and answers requests over a pipe; the window only sends a request and, on a
reader thread that waits without holding the lock, receives the small, picklable answer.

- ``TasteWorker(profile)`` starts the child. It begins building the home at once, so the
  window's first request (sent while the window is still being made) is answered from that.
- ``submit(op, *args)`` returns a ``concurrent.futures.Future``; ``call(op, *args)`` waits for it.
  Operations: ``home`` (rows, played ids, liked), ``row``, ``search``, ``insights``, ``radio``, ``pid``,
  ``cpu``.
- A child that dies (killed, crashed) is started again and the requests it had not answered are
  sent once more; after ``MAX_RESTARTS`` deaths within ``RESTART_WINDOW_S`` requests fail instead.
  A child that hangs (a request waiting ``HUNG_AFTER_S`` while the child used no CPU; Linux, where
  /proc tells) is ended, and so handled as one that died.
- Each home it builds is also kept on disk (``save_last_home``), so the next start can paint the
  last home (``load_last_home``) while a refit is still running.
- ``close()`` stops it (a request still computing is not waited for); the child also ends by
  itself when the window's process is gone (its pipe closes, and a watchdog looks every second),
  so a crashed window leaves no process behind.

Nothing here imports Qt: the window wraps the answers (``companion.ui.backend``).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing as mp
import os
import pickle
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from companion.core.db import events as event_db
from companion.core.db import ratings as rating_db
from companion.core.db.connection import data_version
from companion.core.errors import CompanionError
from companion.core.paths import Profile

log = logging.getLogger(__name__)

MAX_RESTARTS = 3  # deaths within RESTART_WINDOW_S after which requests fail instead of restarting
RESTART_WINDOW_S = 60.0
STOP_GRACE_S = 0.5  # close(): how long a request still computing may take before the child is ended
PARENT_CHECK_S = 1.0  # the child's watchdog: is the window's process still there?
PREFETCH_MAX_AGE_S = (
    60.0  # a home made at start answers the first request only if this fresh and nothing changed
)
LATER_NICENESS = 5  # after the first home: refits are background work, the window's thread comes first
HUNG_CHECK_S = 5.0  # the window's reader looks this often whether a waited-on child still works ...
HUNG_AFTER_S = 60.0  # ... and ends it after this long with requests waiting and no CPU used


class WorkerClosed(CompanionError):
    """The taste worker was closed (the window is closing); the request was not answered."""


class WorkerDied(CompanionError):
    """The taste worker stopped unexpectedly, more often than it is restarted."""


class RequestCrashed(CompanionError):
    """The taste worker died twice while answering this request (the request is the problem, not the worker)."""


# --- the child ---------------------------------------------------------------------------------------
def badges(conn: sqlite3.Connection) -> tuple[frozenset[int], dict[int, int]]:
    """What cards show besides the rows: items played before, and likes (1) / dislikes (-1)."""
    return event_db.played_item_ids(conn), rating_db.likes(conn)


def _home(conn: sqlite3.Connection, profile: Profile) -> tuple[list, frozenset[int], dict[int, int]]:
    from companion.core.taste.home import build_home

    rows = build_home(conn, profile)
    return (rows, *badges(conn))


LAST_HOME_FILE = "home-last.pkl"
LAST_HOME_VERSION = 1
LAST_HOME_MAX_AGE_S = 7 * 86400


def save_last_home(model_dir: Path, answer: tuple[list, frozenset[int], dict[int, int]]) -> None:
    """Keep the home just built, so the next start can paint it before the taste engine is ready."""
    if not answer[0]:
        return
    try:
        model_dir.mkdir(parents=True, exist_ok=True)
        tmp = model_dir / (LAST_HOME_FILE + ".tmp")
        with open(tmp, "wb") as f:
            pickle.dump(
                {"version": LAST_HOME_VERSION, "saved": time.time(), "home": answer},
                f,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        tmp.replace(model_dir / LAST_HOME_FILE)
    except OSError as e:
        log.warning("could not keep the last home in %s: %s", model_dir, e)


def load_last_home(
    model_dir: Path, before: float | None = None
) -> tuple[list, frozenset[int], dict[int, int]] | None:
    """The home the taste engine built last time (this program's own cache file), or None when there is
    none, it is older than ``LAST_HOME_MAX_AGE_S``, was saved at or after ``before`` (this session's own
    home: the real one is on its way already), or cannot be read."""
    try:
        with open(model_dir / LAST_HOME_FILE, "rb") as f:
            data = pickle.load(f)
        saved = float(data["saved"])
        if (
            data.get("version") != LAST_HOME_VERSION
            or time.time() - saved > LAST_HOME_MAX_AGE_S
            or (before is not None and saved >= before)
        ):
            return None
        rows, played, liked = data["home"]
        return list(rows), frozenset(played), dict(liked)
    except FileNotFoundError:
        return None
    except Exception as e:  # a damaged cache is never fatal: the fresh home follows anyway
        log.warning("ignoring the last home in %s: %s", model_dir, e)
        return None


def refit_coming(conn: sqlite3.Connection, model_dir: Path) -> bool:
    """Will the next home need a new fit (no cached model, or one made for another library)? Then the home
    for now is seconds away and the last home is worth painting; otherwise it is about to arrive anyway."""
    import json

    from companion.core.taste.library import items_fingerprint

    try:
        meta = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
        return tuple(meta["fingerprint"]) != tuple(items_fingerprint(conn))
    except (OSError, ValueError, KeyError, TypeError):
        return True


def _row(conn: sqlite3.Connection, profile: Profile, row_id: str) -> Any:
    from companion.core.taste.home import get_row

    return get_row(conn, profile, row_id)


def _search(conn: sqlite3.Connection, profile: Profile, text: str, limit: int = 50) -> Any:
    from companion.core.taste.search import search

    return search(conn, profile, text, limit)


def _insights(conn: sqlite3.Connection, _profile: Profile) -> Any:
    from companion.core import insights

    return insights.compute(conn, time.time())


def _radio(
    conn: sqlite3.Connection, _profile: Profile, seed_ids: list[int], n: int, exclude: list[int]
) -> Any:
    """The auto-DJ's next items: the sound index (scikit-learn's nearest neighbours) lives here, so the
    window's interpreter never imports scikit-learn."""
    from companion.core.analysis.radio import next_radio_items

    return next_radio_items(conn, seed_ids, n, exclude=exclude)


OPS: dict[str, Callable[..., Any]] = {
    "home": _home,
    "radio": _radio,
    "row": _row,
    "search": _search,
    "insights": _insights,
    "pid": lambda _conn, _profile: os.getpid(),
    "cpu": lambda _conn, _profile: time.process_time(),  # CPU seconds the worker has used (benchmarks)
}


def _watch_parent(parent_pid: int) -> None:
    """End this process when the window's process is gone (even if it was killed mid-request)."""

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="companion-taste-watchdog", daemon=True).start()


def _data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits (a like, a play, a scan)."""
    return data_version(conn)


def _portable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a plain one with its words."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return CompanionError(f"{error.__class__.__name__}: {error}")


def serve(profile: Profile, conn: Any, parent_pid: int, prefetch: bool = True) -> None:
    """The child's loop: answer ``(id, op, args)`` requests with ``(id, ok, value)`` until told to stop."""
    from companion.core.db import connect

    _watch_parent(parent_pid)
    db = connect(profile.db_path)  # the window opened (and migrated) the database before starting us
    ready: tuple[int, float, Any] | None = None
    niced = False
    if prefetch and not conn.poll(0):
        try:  # the window's first question is always the home: start on it now
            ready = (_data_version(db), time.monotonic(), _home(db, profile))
        except Exception as e:  # an empty or brand-new library: the request will say why
            log.debug("taste worker: no home at start: %s", e)
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break  # the window is gone
            if message is None:
                break
            rid, op, args = message
            try:
                if (
                    op == "home"
                    and ready is not None
                    and ready[0] == _data_version(db)
                    and time.monotonic() - ready[1] < PREFETCH_MAX_AGE_S
                ):
                    value = ready[2]
                else:
                    value = OPS[op](db, profile, *args)
                if op == "home":
                    ready = None
                reply = (rid, True, value)
            except Exception as e:
                reply = (rid, False, _portable(e))
            try:
                conn.send(reply)
            except (OSError, ValueError):
                break
            except Exception as e:  # an answer that cannot be pickled: say so instead
                conn.send((rid, False, CompanionError(f"cannot send the answer to {op}: {e}")))
            if op == "home" and reply[1]:
                save_last_home(profile.model_dir, reply[2])  # after answering: nobody waits for this
                if not niced:
                    # the first home is what the person waits for; after it, a refit (a scan, many new plays)
                    # must not take CPU from the window's UI thread on a busy machine
                    niced = True
                    if hasattr(os, "nice"):
                        with contextlib.suppress(OSError):
                            os.nice(LATER_NICENESS)
    finally:
        with contextlib.suppress(sqlite3.Error):
            db.close()


def _refit_at_start(profile: Profile) -> bool:
    from companion.core.db import connect

    try:
        conn = connect(profile.db_path, readonly=True)  # never creates a database that is not there
    except (sqlite3.Error, OSError):
        return True
    try:
        return refit_coming(conn, profile.model_dir)
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def _cpu_ticks(pid: int) -> int | None:
    """User + system clock ticks a process has used (Linux /proc), or None where that cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


class _HangWatch:
    """Tells a child that is stuck (waited on, and using no CPU) from one that is busy: a refit of a big
    library may take minutes, but it computes all along."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.last: int | None = None
        self.still_since: float | None = None

    def hung(self, waiting: bool) -> bool:
        ticks = _cpu_ticks(self.pid) if waiting else None
        now = time.monotonic()
        if ticks is None or ticks != self.last:
            self.last, self.still_since = ticks, (now if ticks is not None else None)
            return False
        return self.still_since is not None and now - self.still_since >= HUNG_AFTER_S


# --- the window's side ------------------------------------------------------------------------------
class TasteWorker:
    """The window's handle on the taste child: thread-safe submit, restart after a death, clean close."""

    def __init__(self, profile: Profile, *, prefetch: bool = True) -> None:
        self.profile = profile
        self.started_at = time.time()  # homes kept on disk since then are this session's own
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Future, str, tuple, int]] = {}
        self._closed = False
        self._deaths: list[float] = []
        self.restarts = 0
        self._proc: Any = None
        self._conn: Any = None
        self._reader: threading.Thread | None = None
        # decided before the child can fit (a small library's fit is done in well under a second): will the
        # first home need a new model? Then the window paints the last session's home meanwhile
        self.refit_at_start = _refit_at_start(profile)
        with self._lock:
            self._start(prefetch)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def is_alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def _start(self, prefetch: bool) -> None:  # under the lock
        ctx = mp.get_context("spawn")
        mine, theirs = ctx.Pipe(duplex=True)
        proc = ctx.Process(
            target=serve,
            args=(self.profile, theirs, os.getpid(), prefetch),
            name="companion-taste",
            daemon=True,
        )
        proc.start()
        theirs.close()
        self._proc, self._conn = proc, mine
        self._reader = threading.Thread(
            target=self._read, args=(proc, mine), name="companion-taste-reader", daemon=True
        )
        self._reader.start()

    def submit(self, op: str, *args: Any) -> Future:
        """Ask the child; the future holds the answer (or the error it raised)."""
        if op not in OPS:
            raise ValueError(f"unknown taste worker operation: {op}")
        fut: Future = Future()
        with self._lock:
            if self._closed:
                fut.set_exception(WorkerClosed("the taste worker is closed"))
                return fut
            if self._proc is None:  # it died while idle: start it again now that it is needed
                if not self._may_restart():
                    fut.set_exception(WorkerDied("the taste engine keeps stopping; see the log"))
                    return fut
                self._start(prefetch=False)
            rid = next(self._ids)
            self._pending[rid] = (fut, op, args, 0)
            self._send(rid, op, args)
        return fut

    def call(self, op: str, *args: Any, timeout: float | None = None) -> Any:
        return self.submit(op, *args).result(timeout)

    def _send(self, rid: int, op: str, args: tuple) -> None:  # under the lock
        with contextlib.suppress(OSError, ValueError):  # the child is gone: the reader sends it again
            self._conn.send((rid, op, args))

    def _read(self, proc: Any, conn: Any) -> None:
        """On its own thread: deliver answers as they come; when the child goes, restart it if needed."""
        watch = _HangWatch(proc.pid)
        while True:
            try:
                while not conn.poll(HUNG_CHECK_S):
                    with self._lock:
                        waiting = bool(self._pending) and proc is self._proc
                    if watch.hung(waiting):
                        log.warning(
                            "the taste worker answered nothing for %.0f s and used no CPU: ending it",
                            HUNG_AFTER_S,
                        )
                        with contextlib.suppress(OSError, ValueError):
                            proc.kill()  # the pipe closes: handled below as a death (requests sent again)
                rid, ok, value = conn.recv()
            except (EOFError, OSError):
                break
            except Exception as e:  # an answer that cannot be read: fail that request, keep going
                log.warning("taste worker: unreadable answer: %s", e)
                continue
            with self._lock:
                entry = self._pending.pop(rid, None)
            if entry is not None and not entry[0].done():
                if ok:
                    entry[0].set_result(value)
                else:
                    entry[0].set_exception(value)
        self._gone(proc, conn)

    def _may_restart(self) -> bool:  # under the lock
        now = time.monotonic()
        self._deaths = [t for t in self._deaths if now - t < RESTART_WINDOW_S]
        return len(self._deaths) <= MAX_RESTARTS

    def _gone(self, proc: Any, conn: Any) -> None:
        with self._lock:
            if self._closed or proc is not self._proc:
                return
            proc.join(timeout=2)
            log.warning("the taste worker stopped (exit code %s)", proc.exitcode)
            with contextlib.suppress(OSError):
                conn.close()
            self._proc = self._conn = None
            self._deaths.append(time.monotonic())
            pending, self._pending = self._pending, {}
            if not pending:
                return  # started again by the next request
            if not self._may_restart():
                for fut, *_rest in pending.values():
                    fut.set_exception(WorkerDied("the taste engine keeps stopping; see the log"))
                return
            self.restarts += 1
            self._start(prefetch=False)
            for rid, (fut, op, args, tries) in pending.items():
                if tries >= 1:  # asked twice, and the child died both times: that request is the problem
                    fut.set_exception(RequestCrashed(f"the taste engine stopped while answering {op}"))
                    continue
                self._pending[rid] = (fut, op, args, tries + 1)
                self._send(rid, op, args)

    def close(self, grace_s: float = STOP_GRACE_S) -> None:
        """Stop the child and the reader; unanswered requests fail with ``WorkerClosed``."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pending, self._pending = self._pending, {}
            proc, conn, reader = self._proc, self._conn, self._reader
            if conn is not None:
                with contextlib.suppress(OSError, ValueError):
                    conn.send(None)
        for fut, *_rest in pending.values():
            if not fut.done():
                fut.set_exception(WorkerClosed("the taste worker is closed"))
        if proc is not None:
            proc.join(grace_s)
            if proc.is_alive():
                proc.terminate()  # still computing: nothing it does is lost (the caches are rebuilt)
                proc.join(3)
            if proc.is_alive():
                proc.kill()
                proc.join(3)
        if reader is not None and reader is not threading.current_thread():
            reader.join(3)
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.close()
        if proc is not None:
            with contextlib.suppress(ValueError):
                proc.close()
        with self._lock:
            self._proc = self._conn = None
