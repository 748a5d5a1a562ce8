"""Erasing what the person asks: the listening history, or everything.

Erased means erased: the backups that still hold the history are removed too, the
write-ahead log is checkpointed and the file vacuumed so old pages do not linger.
"""

from __future__ import annotations

import shutil
import sqlite3

from companion.core.db import privacy as privacy_db
from companion.core.paths import Profile

# Tables that hold listening history; tables added by later migrations are erased if present.
HISTORY_TABLES = (
    "events",
    "ratings",
    "resume_points",
    "playback_checkpoints",
    "import_unmatched",
    "import_keys",
    "import_files",
)


def erase_history(conn: sqlite3.Connection, profile: Profile) -> dict[str, int]:
    """Delete plays, skips, ratings, resume points and imported history; keep the library itself."""
    counts = privacy_db.erase(conn, HISTORY_TABLES)
    _remove_backups(profile)
    shutil.rmtree(profile.model_dir, ignore_errors=True)
    return counts  # ratings and play counts inside the media files' own tags are the files', not ours


def erase_all(conn: sqlite3.Connection | None, profile: Profile) -> None:
    """Delete the whole profile: database, backups, caches. The media files are never touched."""
    if conn is not None:
        conn.close()
    for suffix in ("", "-wal", "-shm"):
        (profile.db_path.parent / (profile.db_path.name + suffix)).unlink(missing_ok=True)
    _remove_backups(profile)
    shutil.rmtree(profile.cache_dir, ignore_errors=True)


def _remove_backups(profile: Profile) -> None:
    """Backups and damaged copies kept aside hold history too."""
    shutil.rmtree(profile.backup_dir, ignore_errors=True)
    for aside in profile.data_dir.glob(profile.db_path.name + ".*-*"):
        aside.unlink(missing_ok=True)
