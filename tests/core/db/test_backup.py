from __future__ import annotations

import sqlite3

from companion.core.db import open_profile_db
from companion.core.db.backup import (
    DAILY_KEEP,
    daily_backup,
    daily_backup_in_background,
    list_backups,
    restore_backup,
)
from companion.core.db.recovery import take_notice
from companion.core.events.record import record_event


def _library_with_history(profile, n_events=3):
    conn = open_profile_db(profile)
    with conn:
        conn.execute(
            "INSERT INTO items(path, kind, added_at, updated_at, title) VALUES ('/m/a.mp3','music',1,1,'A')"
        )
    for i in range(n_events):
        record_event(conn, 1, "play", ts=1_700_000_000 + i)
    conn.close()
    return open_profile_db(profile)  # the day's backup is taken when a database with history opens


def test_daily_backup_once_a_day_and_only_a_few_kept(profile):
    conn = _library_with_history(profile)
    first = [b for b in list_backups(profile) if b.path.name.startswith("daily-")]
    assert len(first) == 1, "opening a database with history takes the day's backup"
    assert first[0].events == 3
    assert daily_backup(conn, profile) is None, "a second backup on the same day is not taken"
    base = first[0].path.stat().st_mtime
    for day in range(1, DAILY_KEEP + 3):
        made = daily_backup(conn, profile, now=base + day * 86_400 + 10)
        assert made is not None
        import os

        os.utime(made, (base + day * 86_400 + 10,) * 2)
    dailies = [b for b in list_backups(profile) if b.path.name.startswith("daily-")]
    assert len(dailies) == DAILY_KEEP


def test_the_window_takes_the_days_backup_in_the_background(profile):
    """The window opens its database without it (its taste process starts sooner) and takes it on a
    thread with its own connection, while it keeps using its own."""
    from companion.core.store import Store

    _library_with_history(profile).close()
    for b in list_backups(profile):
        b.path.unlink()
    store = Store(profile, daily_backup=False)
    record_event(store.conn(), 1, "play", ts=1_700_000_100)
    assert list_backups(profile) == [], "not while the window opens its database"
    thread = daily_backup_in_background(profile)
    record_event(store.conn(), 1, "play", ts=1_700_000_200)  # the window goes on writing meanwhile
    thread.join(30)
    store.close_all()
    dailies = [b for b in list_backups(profile) if b.path.name.startswith("daily-")]
    assert len(dailies) == 1 and dailies[0].events in (4, 5)
    assert daily_backup_in_background(profile).join(30) is None
    assert len(list_backups(profile)) == 1, "once a day"


def test_a_damaged_database_is_kept_aside_and_the_newest_backup_restored(profile):
    conn = _library_with_history(profile, n_events=5)
    conn.close()
    profile.db_path.write_bytes(b"this is not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (profile.db_path.parent / (profile.db_path.name + suffix)).unlink(missing_ok=True)

    conn = open_profile_db(profile)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 5
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    damaged = list(profile.data_dir.glob("library.sqlite3.damaged-*"))
    assert damaged and damaged[0].read_bytes().startswith(b"this is not")
    notice = take_notice(profile)
    assert notice and "damaged" in notice and "5 events" in notice
    assert take_notice(profile) is None, "the notice is told once"


def test_damaged_without_backup_starts_empty_but_keeps_the_file(profile):
    profile.ensure()
    profile.db_path.write_bytes(b"\x00garbage" * 512)
    conn = open_profile_db(profile)
    assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
    assert list(profile.data_dir.glob("library.sqlite3.damaged-*"))
    assert "no backup" in take_notice(profile)


def test_restore_a_chosen_backup(profile):
    conn = _library_with_history(profile, n_events=2)
    backup = list_backups(profile)[0].path
    record_event(conn, 1, "skip", ts=1_800_000_000)
    conn.close()
    aside = restore_backup(profile, backup)
    assert aside.exists()
    restored = sqlite3.connect(profile.db_path)
    assert restored.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
