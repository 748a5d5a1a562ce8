"""Detecting a damaged database at start and recovering from the newest good backup.

The damaged file is never deleted: it is kept aside next to the database. A notice
describing what happened is written to ``recovery-notice.txt`` so that the window
and the command line can tell the person, once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from companion.core.db.backup import newest_good_backup, restore_backup, set_aside
from companion.core.paths import Profile

NOTICE_NAME = "recovery-notice.txt"


def is_damaged(conn: sqlite3.Connection, *, thorough: bool = False) -> str | None:
    """None when the database reads fine, else SQLite's complaint."""
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        if thorough:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                return str(result)
    except sqlite3.DatabaseError as e:
        return str(e)
    return None


def recover(profile: Profile, problem: str) -> str:
    """Keep the damaged file aside, restore the newest good backup; return what to tell the person."""
    backup = newest_good_backup(profile)
    if backup is None:
        aside = set_aside(profile, "damaged")
        message = (
            f"The library database was damaged ({problem}). It was kept aside as {aside.name}; "
            "no backup was available, so Companion starts with an empty library."
        )
    else:
        aside = restore_backup(profile, backup.path)
        damaged = aside.with_name(aside.name.replace(".replaced-", ".damaged-"))
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(aside) + suffix)
            if src.exists():
                src.rename(Path(str(damaged) + suffix))
        message = (
            f"The library database was damaged ({problem}). It was kept aside as {damaged.name} and "
            f"the newest backup was restored: {backup.describe()}. Anything after that backup is "
            "not in the restored library."
        )
    notice = profile.data_dir / NOTICE_NAME
    notice.write_text(message + "\n", encoding="utf-8")
    return message


def take_notice(profile: Profile) -> str | None:
    """The pending recovery notice, if any; reading it clears it."""
    notice = profile.data_dir / NOTICE_NAME
    try:
        text = notice.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    notice.unlink(missing_ok=True)
    return text or None
