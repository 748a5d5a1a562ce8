"""Every piece of Companion's own code the benchmarks use, in one place.

Benchmarks drive the product through the ``companion`` command line where they can (that stays
stable). What they need from inside (making profiles, measuring one function in process, a window
in a child process) is named in ``INTERNALS`` and imported when first used, e.g.
``product.open_profile_db`` or ``from benchmarks.common.product import build_window``: a timed child
process imports only what it uses. When the product moves or renames something, this table (and the
few statements below that know the database's tables) is the one place to change;
tests/benchmarks/common/test_product.py imports every entry, so a stale one fails the tests.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not at run time: the yardstick's child process imports this module and nothing more
    import sqlite3

# name here -> "module" (same name there) or "module:name there"
INTERNALS: dict[str, str] = {
    # profiles and the database
    "Profile": "companion.core.paths",
    "resolve_profile": "companion.core.paths",
    "open_profile_db": "companion.core.db",
    "connect": "companion.core.db",
    "Store": "companion.core.store",
    "Settings": "companion.core.settings",
    # synthetic media (real files, made by the product's own test helpers)
    "write_audio": "companion.core.media.synth",
    "music_like": "companion.core.media.synth",
    "tone": "companion.core.media.synth",
    "write_video": "companion.core.media.synth",
    "cover_jpeg": "companion.core.media.synth",
    "write_tags": "companion.core.media.synth",
    "add_bulk_library": "companion.core.demo.bulk",
    # the library scan (the yardstick uses the scan's own pool class)
    "ScanPool": "companion.core.jobs.pool:_Pool",
    "run_scan": "companion.core.jobs.scan",
    "to_db": "companion.core.library.pathcodec",
    # events, ratings, history, imports, playlists
    "record_event": "companion.core.events.record",
    "Recorder": "companion.core.events.recorder",
    "item_stats": "companion.core.events.stats",
    "recent_events": "companion.core.events.history",
    "set_liked": "companion.core.events.ratings",
    "set_stars": "companion.core.events.ratings",
    "rebuild_ratings": "companion.core.events.ratings",
    "classify": "companion.core.events.thresholds",
    "import_history": "companion.core.importers.run",
    "rematch_unmatched": "companion.core.importers.store",
    "import_playlist": "companion.core.playlists.imports",
    "export_items": "companion.core.playlists.export",
    # the taste engine
    "refit": "companion.core.taste.home",
    "build_home": "companion.core.taste.home",
    "get_row": "companion.core.taste.home",
    "forget_state": "companion.core.taste.home",
    "refresh_after_event": "companion.core.taste.home",
    "search": "companion.core.taste.search",
    "ask": "companion.core.taste.ask",
    "replay": "companion.core.taste.replay:compute",
    "replay_periods": "companion.core.taste.replay:periods",
    # sound analysis
    "analyse_file": "companion.core.analysis.features",
    "estimate_key": "companion.core.analysis.key",
    "analyze_pending": "companion.core.jobs.analysis",
    # playback and the window (Qt)
    "QueueEntry": "companion.core.playqueue",
    "Player": "companion.playback.player",
    "build_window": "companion.app:build",
    "wait_for": "companion.app",
    "freeze_after_first_home": "companion.app",
    "LibraryPage": "companion.ui.library.page",
    "library_table": "companion.core.library.view",
    "Table": "companion.ui.library_views",
}


def home_laid_out(window: Any) -> bool:
    """The home's first strips are on the page with their real size (not only created: laid out, so a
    paint shows them): what a start is timed to."""
    top = [window.home.strips[r.id] for r in window.home.rows[:2] if r.id in window.home.strips]
    return bool(top) and all(s.isVisible() and s.geometry().height() > 50 for s in top)


def __getattr__(name: str) -> Any:
    """The product's object for ``name`` (imported on first use, then kept in this module)."""
    return internal(name)


def internal(name: str) -> Any:
    where = INTERNALS.get(name)
    if where is None:
        raise AttributeError(f"benchmarks.common.product has no {name!r}: add it to INTERNALS")
    module, _, attr = where.partition(":")
    value = getattr(importlib.import_module(module), attr or name)
    globals()[name] = value
    return value


# ---------------------------------------------------------------- what knows the database's tables


def open_db(data_dir: Path) -> sqlite3.Connection:
    """The profile database in ``data_dir`` (made and migrated if new), as the application opens it."""
    return internal("open_profile_db")(profile_of(data_dir))


def profile_of(data_dir: Path) -> Any:
    """The product's ``Profile`` for ``data_dir``, its folders made."""
    return internal("resolve_profile")(data_dir).ensure()


def insert_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]
) -> None:
    """Rows written straight into ``table`` in one transaction: how generated profiles get large fast."""
    if table not in ("items", "events", "folders"):
        raise ValueError(f"no generated rows go into {table!r}")
    sql = f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    with conn:
        conn.executemany(sql, rows)


def item_ids(conn: sqlite3.Connection, kind: str) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM items WHERE kind = ? ORDER BY id", (kind,))]


def nudge_one_item(data_dir: Path) -> None:
    """One item looks re-tagged (its ``updated_at`` moves): the library changed, the taste model is stale."""
    conn = open_db(data_dir)
    with conn:
        conn.execute("UPDATE items SET updated_at = updated_at + 1 WHERE id = (SELECT min(id) FROM items)")
    conn.close()


def forget_taste_cache(data_dir: Path) -> None:
    """Nothing cached for the taste engine: the model, the library snapshot and the last home go."""
    shutil.rmtree(internal("resolve_profile")(data_dir).model_dir, ignore_errors=True)


def quiet_player(store: Any, *, prepare_next: bool) -> Any:
    """A ``Player`` in a private session (it records no events: the benchmark's tracks are not library
    rows) that recovers nothing; without ``prepare_next`` every next track is opened cold."""
    settings = internal("Settings")(private_session=True)
    player = internal("Player")(store, settings_provider=lambda: settings, recover=False)
    if not prepare_next:
        player._prepare_next = lambda: None
    return player


def unmatched_count(conn: sqlite3.Connection) -> int:
    """History records kept because no library item matched them (yet)."""
    return conn.execute("SELECT COUNT(*) FROM import_unmatched").fetchone()[0]
