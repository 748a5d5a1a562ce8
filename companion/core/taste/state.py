"""The library and the event log in memory: one view per database, shared by the home and the radio.

Reading 20,000 items and 100,000 events is most of a cold start, so a process reads them once (from
the taste snapshot when one fits, else from the database) and then only tops the log up with the events
added since its last look, so a new play changes the next home and the next radio pick at once. The
library is read again when it changed (its fingerprint: row count, newest ``updated_at``, largest id);
the log is read again from the start when events were removed (the history erased: SQLite then reuses
ids, so a count alone could match a different history) and when the keep-out rules changed (they apply to
past plays too: ``keepout.py``).

A new snapshot is written when the view is read; within ``snapshot_later`` (the taste service's first home)
it waits for ``save_snapshots``, so the first home is answered first.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from companion.core.db import events as event_db
from companion.core.db import keepout as keepout_db
from companion.core.db.connection import database_key
from companion.core.taste import snapshot
from companion.core.taste.eventlog import EventLog, load_events
from companion.core.taste.library import Library, items_fingerprint, load_library

SNAPSHOT_EVERY = 2000  # rewrite the snapshot when this many events were read on top of it


@dataclass
class Loaded:
    """One database's library and event log. Hold ``lock`` while reading them (or a copy of ``log``):
    another thread may fold in new events meanwhile."""

    lib: Library
    log: EventLog
    lock: threading.RLock = field(default_factory=threading.RLock)
    history: int = 0  # counts the times the log was read again from the start (events were removed)
    unsaved: bool = False  # the snapshot on disk is behind these
    snapshot_dir: Path | None = None  # where it is kept


_LOADED: dict[str, Loaded] = {}
_LOADED_LOCK = threading.Lock()
_SAVE_LATER: ContextVar[bool] = ContextVar("companion_taste_snapshot_later", default=False)


@contextmanager
def snapshot_later() -> Iterator[None]:
    """Within it, views read are not written to the snapshot (they stay ``unsaved``) until
    ``save_snapshots`` or the next look outside it: 0.05 s of CPU off a new profile's first home at 20,000
    tracks."""
    token = _SAVE_LATER.set(True)
    try:
        yield
    finally:
        _SAVE_LATER.reset(token)


def save_snapshots() -> None:
    """Write the snapshot of every view that is ahead of its own."""
    with _LOADED_LOCK:
        views = list(_LOADED.values())
    for view in views:
        with view.lock:
            _save(view)


def _save(view: Loaded) -> None:  # under view.lock
    if view.snapshot_dir is not None and view.unsaved:
        snapshot.save(view.snapshot_dir, view.lib, view.log)
        view.unsaved = False


def loaded(conn: sqlite3.Connection, snapshot_dir: Path | None = None) -> Loaded:
    """This database's view, topped up with new events (a new one when the library changed).

    ``snapshot_dir``: where the taste snapshot is read from (when the library must be loaded) and kept
    up to date; None reads the database only."""
    key = _key(database_key(conn))
    fp = items_fingerprint(conn)
    with _LOADED_LOCK:
        view = _LOADED.get(key)
        if view is None or tuple(view.lib.fingerprint) != fp:
            view = _load(conn, fp, snapshot_dir)
            _LOADED[key] = view
    with view.lock:
        if view.log.kept_key != keepout_db.rules_key(conn):  # the keep-out rules changed: past plays too
            view.log = load_events(conn, view.lib)
            view.history += 1
            view.unsaved = True
        new = (
            load_events(conn, view.lib, after_id=view.log.last_id)
            if _same_last_event(conn, view.log)
            else None
        )
        if new is not None:
            view.log.extend(new)
            view.unsaved = view.unsaved or len(new) > SNAPSHOT_EVERY
        if new is None or event_db.count(conn) != len(view.log):
            view.log = load_events(conn, view.lib)  # events were removed (privacy): start over
            view.history += 1
            view.unsaved = True
        if snapshot_dir is not None:
            view.snapshot_dir = snapshot_dir
            if not _SAVE_LATER.get():
                _save(view)
    return view


def _load(conn: sqlite3.Connection, fingerprint: tuple[Any, ...], snapshot_dir: Path | None) -> Loaded:
    found = snapshot.load(snapshot_dir, fingerprint) if snapshot_dir is not None else None
    if found is not None:
        return Loaded(found[0], found[1])
    lib = load_library(conn)
    return Loaded(lib, load_events(conn, lib), unsaved=True)


def _same_last_event(conn: sqlite3.Connection, log: EventLog) -> bool:
    """Is the newest event we hold still in the database as we read it?"""
    if not len(log):
        return True
    pos = np.flatnonzero(log.id == log.last_id)
    ts = event_db.ts_of(conn, int(log.last_id))
    return ts is not None and len(pos) > 0 and ts == float(log.ts[pos[0]])


def forget(db_path: str | os.PathLike[str] | None = None) -> None:
    """Drop the view of one database file (None: of every database); the next look reads it again."""
    with _LOADED_LOCK:
        if db_path is None:
            _LOADED.clear()
        else:
            _LOADED.pop(_key(os.fspath(db_path)), None)


def _key(db_file: str) -> str:
    return db_file if db_file.startswith("memory:") else os.path.realpath(db_file)
