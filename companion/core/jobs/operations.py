"""The taste service: what its process answers (the operations table) and the window's handle on it.

Operations: ``home`` (rows, played ids, liked), ``row``, ``search``, ``ask``, ``replay``, ``keep_out``, ``insights``, ``radio``, ``flow``,
``pid``, ``cpu``. The process keeps the taste engine's in-memory state (library arrays, event log, fitted model)
warm between requests. It begins building the home as soon as it starts, so the window's first request
(sent while the window is still being made) is answered from that; each home it builds is also kept on
disk (``last_home``). After the first home it lowers its priority: a refit (after a scan, many new plays)
must not take CPU from the window's UI thread.

The taste engine is imported inside the operations: only the service process loads it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from companion.core.db import connect
from companion.core.db import events as event_db
from companion.core.db import ratings as rating_db
from companion.core.db.connection import data_version
from companion.core.jobs.last_home import Home, refit_at_start, save_last_home
from companion.core.jobs.protocol import GO, STOP, Request, serve
from companion.core.jobs.service import Service, watch_parent
from companion.core.paths import Profile, keep_private

log = logging.getLogger(__name__)

PREFETCH_MAX_AGE_S = 60.0  # a home made at start answers the first request only if this fresh and unchanged
LATER_NICENESS = 5  # after the first home: refits are background work, the window's thread comes first


def badges(conn: sqlite3.Connection) -> tuple[frozenset[int], dict[int, int]]:
    """What cards show besides the rows: items played before, and likes (1) / dislikes (-1)."""
    return event_db.played_item_ids(conn), rating_db.likes(conn)


def _home(conn: sqlite3.Connection, profile: Profile) -> Home:
    # the taste engine: only the service process loads it
    from companion.core.taste.home import build_home

    rows = build_home(conn, profile)
    return (rows, *badges(conn))


def _row(conn: sqlite3.Connection, profile: Profile, row_id: str) -> Any:
    # the taste engine: only the service process loads it
    from companion.core.taste.home import get_row

    return get_row(conn, profile, row_id)


def _search(conn: sqlite3.Connection, profile: Profile, text: str, limit: int = 50) -> Any:
    # the taste engine: only the service process loads it
    from companion.core.taste.search import search

    return search(conn, profile, text, limit)


def _ask(
    conn: sqlite3.Connection,
    profile: Profile,
    text: str,
    clauses: list[Any] | None = None,
    previous: Any = None,
) -> Any:
    """Ask (the search box): a prompt, a reading with a chip removed (``clauses``), or a follow-up on
    ``previous`` (an ``AskResult``)."""
    # the taste engine: only the service process loads it
    from companion.core.taste import ask

    if previous is not None:
        return ask.refine(conn, profile, previous, text)
    if clauses is not None:
        return ask.ask_clauses(conn, profile, text, clauses)
    return ask.ask(conn, profile, text)


def _replay(conn: sqlite3.Connection, _profile: Profile, period: str | None) -> Any:
    """(the months and years with listening, the Replay of ``period`` or of the default one)."""
    # the taste engine: only the service process loads it
    from companion.core.taste import replay

    periods = replay.periods(conn)
    period = period or replay.default_period(conn)
    return periods, (replay.compute(conn, period) if period else None)


def _keep_out(conn: sqlite3.Connection, profile: Profile) -> Any:
    """(every keep-out rule with what it hides, the suggestion to show or None)."""
    # the taste engine: only the service process loads it
    from companion.core.taste import keepout

    return keepout.describe(conn), _keep_out_suggestion(conn, profile)


def _keep_out_suggestion(conn: sqlite3.Connection, profile: Profile) -> Any:
    """The keep-out suggestion to show now, or None (the home's card: without the rules' counts)."""
    # the taste engine: only the service process loads it
    from companion.core.taste import keepout_suggest
    from companion.core.taste import state as shared

    view = shared.loaded(conn, profile.model_dir)
    with view.lock:
        return keepout_suggest.suggest(conn, view.lib, view.log, time.time())


def _insights(conn: sqlite3.Connection, _profile: Profile) -> Any:
    # the taste engine: only the service process loads it
    from companion.core import insights

    return insights.compute(conn, time.time())


def _radio(
    conn: sqlite3.Connection, _profile: Profile, seed_ids: list[int], n: int, exclude: list[int]
) -> Any:
    """The auto-DJ's next items: the sound index (scikit-learn's nearest neighbours) lives here, so the
    window's interpreter never imports scikit-learn."""
    # the taste engine: only the service process loads it
    from companion.core.taste.radio import next_radio_items

    return next_radio_items(conn, seed_ids, n, exclude=exclude)


def _flow(
    conn: sqlite3.Connection,
    profile: Profile,
    start: str | None,
    end: str | None,
    via: list[str],
    minutes: float,
) -> Any:
    """An arc (the Flow dialog): it reads the taste engine's view, so it is made here (taste/flow_arcs.py)."""
    # the taste engine: only the service process loads it
    from companion.core.taste.flow_arcs import flow

    return flow(conn, profile, start, end, via, minutes).row


OPS: dict[str, Callable[..., Any]] = {
    "home": _home,
    "flow": _flow,
    "radio": _radio,
    "row": _row,
    "search": _search,
    "ask": _ask,
    "replay": _replay,
    "keep_out": _keep_out,
    "keep_out_suggestion": _keep_out_suggestion,
    "insights": _insights,
    "pid": lambda _conn, _profile: os.getpid(),
    "cpu": lambda _conn, _profile: time.process_time(),  # CPU seconds the service has used (benchmarks)
}


def _data_version(conn: sqlite3.Connection) -> int:
    """Changes whenever another connection commits (a like, a play, a scan)."""
    return data_version(conn)


class _Answers:
    """In the service process: the database, the home made at start (while nothing changed), the niceness."""

    def __init__(self, profile: Profile, db: sqlite3.Connection) -> None:
        self.profile, self.db = profile, db
        self.ready: tuple[int, float, Home] | None = None  # (data version, made at, home)
        self.niced = False

    def prefetch(self) -> None:
        # the taste engine: only the service process loads it
        from companion.core.taste.state import snapshot_later

        try:  # the window's first question is always the home: start on it now (its snapshot after it)
            with snapshot_later():
                self.ready = (_data_version(self.db), time.monotonic(), _home(self.db, self.profile))
        except Exception as e:  # an empty or brand-new library: the request will say why
            log.debug("taste service: no home at start: %s", e)

    def answer(self, request: Request) -> Any:
        ready = self.ready
        if request.op == "home":
            self.ready = None
            if (
                ready is not None
                and ready[0] == _data_version(self.db)
                and time.monotonic() - ready[1] < PREFETCH_MAX_AGE_S
            ):
                return ready[2]
        return OPS[request.op](self.db, self.profile, *request.args)

    def answered(self, request: Request, value: Any) -> None:
        if request.op != "home":
            return
        save_last_home(self.profile.model_dir, value)  # after answering: nobody waits for this
        if not self.niced:
            # the taste engine: only the service process loads it
            from companion.core.taste.state import save_snapshots

            save_snapshots()  # the library snapshot that the first home left for later
            self.niced = True
            if hasattr(os, "nice"):
                with contextlib.suppress(OSError):
                    os.nice(LATER_NICENESS)


def serve_taste(profile: Profile, gated: bool, conn: Any, prefetch: bool = True) -> None:
    """The taste service process's entry point. ``gated``: the first process was started before the
    window opened the database: it imports the taste engine meanwhile and reads nothing before ``GO``."""
    keep_private()  # its caches are the owner's, however it was started (process_start.py)
    watch_parent()
    first: Any = GO
    if gated and prefetch:
        # the taste engine: only the service process loads it (here while the window opens the database)
        import companion.core.taste.home  # noqa: F401

        try:
            first = conn.recv()
        except (EOFError, OSError):
            return  # the window is gone
        if first is STOP:
            return
    db = connect(profile.db_path)  # the window opened (and migrated) the database before this line
    answers = _Answers(profile, db)
    if prefetch and first == GO and not conn.poll(0):
        answers.prefetch()
    try:
        serve(conn, answers.answer, answers.answered, first)
    finally:
        with contextlib.suppress(sqlite3.Error):
            db.close()


class TasteService(Service):
    """The window's handle on the taste service process (see ``Service`` for restarts and closing)."""

    def __init__(self, profile: Profile, *, prefetch: bool = True, gated: bool = False) -> None:
        """``gated``: started before the database is opened (and migrated), it waits for ``go()``."""
        self.profile = profile
        self.started_at = time.time()  # homes kept on disk since then are this session's own
        # decided before the process can fit (a small library's fit is done in well under a second): will
        # the first home need a new model? Then the window paints the last session's home meanwhile
        self.refit_at_start: bool | None = (
            None if gated else refit_at_start(profile.db_path, profile.model_dir)
        )
        super().__init__(
            serve_taste,
            (profile, gated),
            OPS,
            name="companion-taste",
            label="taste engine",
            prefetch=prefetch,
        )

    def go(self) -> None:
        """The database is open: the process may read it (and fit, so whether it will is decided now)."""
        if self.refit_at_start is None:
            self.refit_at_start = refit_at_start(self.profile.db_path, self.profile.model_dir)
        super().go()
