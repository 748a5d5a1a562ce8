from __future__ import annotations

import os
import sqlite3
import stat

from companion.core.db import connect, open_profile_db
from companion.core.db.migrate import available_migrations, migrate, schema_version


def test_fresh_profile_gets_every_migration_in_wal_mode(profile):
    conn = open_profile_db(profile)
    assert schema_version(conn) == max(int(n[:4]) for n, _ in available_migrations())
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"items", "folders", "events", "ratings", "resume_points", "settings", "scan_failures"} <= tables
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_profile_files_are_private(profile):
    open_profile_db(profile).close()
    if os.name == "posix":
        assert stat.S_IMODE(profile.data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE(profile.db_path.stat().st_mode) == 0o600


def test_migrating_twice_is_a_no_op(db):
    assert migrate(db) == []


def test_a_pending_migration_backs_up_the_old_database(profile, monkeypatch):
    conn = open_profile_db(profile)
    conn.execute("INSERT INTO folders(path, added_at) VALUES ('/music', 1)")
    conn.commit()
    # Pretend the newest migration was never applied.
    newest = available_migrations()[-1][0]
    conn.execute("DELETE FROM schema_migrations WHERE name = ?", (newest,))
    conn.commit()
    from companion.core.db import migrate as migrate_module

    monkeypatch.setattr(
        migrate_module,
        "available_migrations",
        lambda: [(newest, "CREATE TABLE IF NOT EXISTS probe_after_upgrade (x INTEGER)")],
    )
    applied = migrate_module.migrate(conn, backup_dir=profile.backup_dir)
    assert applied == [newest]
    backups = list(profile.backup_dir.glob("pre-migration-*.sqlite3"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT path FROM folders").fetchall() == [("/music",)]
    assert conn.execute("SELECT path FROM folders").fetchall()[0][0] == "/music"


def test_two_connections_share_one_file(profile):
    a = open_profile_db(profile)
    b = connect(profile.db_path)
    with a:
        a.execute("INSERT INTO settings(key, value) VALUES ('k', '1')")
    assert b.execute("SELECT value FROM settings WHERE key='k'").fetchone()[0] == "1"


def test_an_existing_folder_of_the_persons_keeps_its_permissions(tmp_path):
    from companion.core.paths import resolve_profile

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    profile = resolve_profile(shared).ensure()
    if os.name == "posix":
        assert stat.S_IMODE(shared.stat().st_mode) == 0o755
        assert stat.S_IMODE(profile.cache_dir.stat().st_mode) == 0o700
