"""The last home the taste service built, kept on disk so the next start can paint it at once.

When the start needs a refit (no cached model for this library), the home for now is seconds away;
the window paints the one kept here meanwhile (``load_last_home``), and the fresh one replaces it.
"""

from __future__ import annotations

import json
import logging
import pickle
import sqlite3
import time
from pathlib import Path
from typing import Any

from companion.core.db import connect
from companion.core.db.library_version import items_fingerprint

log = logging.getLogger(__name__)

LAST_HOME_FILE = "home-last.pkl"
LAST_HOME_VERSION = 1
LAST_HOME_MAX_AGE_S = 7 * 86400

Home = tuple[list[Any], frozenset[int], dict[int, int]]  # (rows, played ids, liked)


def save_last_home(model_dir: Path, answer: Home) -> None:
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


def load_last_home(model_dir: Path, before: float | None = None) -> Home | None:
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
    try:
        meta = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
        return tuple(meta["fingerprint"]) != tuple(items_fingerprint(conn))
    except (OSError, ValueError, KeyError, TypeError):
        return True


def refit_at_start(db_path: Path, model_dir: Path) -> bool:
    """``refit_coming`` on a read-only connection of its own (True when the database cannot be read)."""
    try:
        conn = connect(db_path, readonly=True)  # never creates a database that is not there
    except (sqlite3.Error, OSError):
        return True
    try:
        return refit_coming(conn, model_dir)
    except sqlite3.Error:
        return True
    finally:
        conn.close()
