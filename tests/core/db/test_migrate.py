"""Every schema version upgrades to the newest with nothing lost, and a backup is taken first."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from companion.core.db import open_profile_db
from companion.core.db.migrate import available_migrations, migrate

FIXTURES = Path(__file__).parents[2] / "trust" / "fixtures"


def _at_version(path: Path, upto: int) -> sqlite3.Connection:
    """A database holding exactly the migrations up to ``upto`` (as that release shipped it)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    for name, sql in available_migrations():
        if int(name[:4]) > upto:
            break
        conn.executescript(sql)
        conn.execute("INSERT INTO schema_migrations VALUES (?, 0)", (name,))
    conn.commit()
    return conn


def _fill(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO folders(path, added_at) VALUES ('/music', 1)")
    for i in range(1, 21):
        conn.execute(
            "INSERT INTO items(path, kind, added_at, updated_at, title, artist, genres) "
            "VALUES (?, 'music', 1, 1, ?, 'Ädele', '[\"Pop\"]')",
            (f"/music/{i}.flac", f"Song {i}"),
        )
    for i in range(1, 101):
        conn.execute(
            "INSERT INTO events(item_id, type, ts, tz_offset_min, position, duration) "
            "VALUES (?, 'completed', ?, 60, 200, 200)",
            (i % 20 + 1, 1_700_000_000 + i),
        )
    conn.execute("INSERT INTO ratings(item_id, stars, liked, updated_at) VALUES (3, 5, 1, 1)")
    conn.execute(
        "INSERT INTO resume_points(item_id, position, duration, updated_at) VALUES (4, 100, 1000, 1)"
    )
    conn.execute("INSERT INTO settings(key, value) VALUES ('exploration', '0.7')")
    conn.commit()


def _facts(conn: sqlite3.Connection) -> dict[str, list]:
    return {
        t: [tuple(r) for r in conn.execute(q)]
        for t, q in {
            "items": "SELECT id, path, title, artist, genres FROM items ORDER BY id",
            "events": "SELECT id, item_id, type, ts, tz_offset_min, position FROM events ORDER BY id",
            "ratings": "SELECT item_id, stars, liked FROM ratings",
            "resume": "SELECT item_id, position FROM resume_points",
            "settings": "SELECT key, value FROM settings",
            "folders": "SELECT path FROM folders",
        }.items()
    }


VERSIONS = sorted({int(n[:4]) for n, _ in available_migrations()})


@pytest.mark.parametrize("version", VERSIONS[:-1] or VERSIONS)
def test_every_schema_version_upgrades_with_nothing_lost(profile, version):
    profile.ensure()
    old = _at_version(profile.db_path, version)
    _fill(old)
    before = _facts(old)
    old.close()
    conn = open_profile_db(profile)
    assert _facts(conn) == before
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert migrate(conn) == []
    if version < VERSIONS[-1]:
        backups = list(profile.backup_dir.glob("pre-migration-*.sqlite3"))
        assert backups, "a backup copy is taken before the upgrade"
        assert _facts(sqlite3.connect(backups[0])) == before


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("companion-*.sqlite3")), ids=lambda p: p.stem)
def test_released_database_files_upgrade(profile, fixture):
    """Databases as real releases wrote them (kept in tests/trust/fixtures) open and keep their history."""
    profile.ensure()
    shutil.copyfile(fixture, profile.db_path)
    before = _facts(sqlite3.connect(fixture))
    conn = open_profile_db(profile)
    assert _facts(conn) == before
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
