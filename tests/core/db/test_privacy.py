"""Whole-table reads and erasing for privacy requests: every data table, nothing of SQLite's own."""

from __future__ import annotations

import pytest

from companion.core.db import privacy as privacy_db
from companion.core.events.record import record_event
from tests.core.events.helpers import add_item


def test_the_tables_are_the_persons_data_and_read_whole(db):
    names = privacy_db.tables(db)
    assert {"items", "events", "settings"} <= set(names)
    assert not set(names) & privacy_db.SKIP_TABLES
    item = add_item(db, "/m/a.flac", title="A")
    columns, rows = privacy_db.table_rows(db, "items")
    rows = list(rows)
    assert "path" in columns and len(rows) == 1
    assert rows[0][columns.index("id")] == item
    with pytest.raises(ValueError, match="no table 'sqlite_sequence'"):
        privacy_db.table_rows(db, "sqlite_sequence")
    with pytest.raises(ValueError, match="no table"):
        privacy_db.table_rows(db, 'items"; DROP TABLE items; --')


def test_erase_empties_the_named_tables_and_leaves_no_trace_in_the_files(db, profile):
    item = add_item(db, "/m/a.flac", title="Zephyr Quokka Nocturne")
    kept = add_item(db, "/m/b.flac", title="Kept Song")
    for _ in range(3):
        record_event(db, item, "completed", position=200.0, duration=200.0)
    counts = privacy_db.erase(db, ["events", "no_such_table"])
    assert counts == {"events": 3}
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 2  # not named: kept
    with db:
        db.execute("DELETE FROM items WHERE id = ?", (kept,))  # a title written and deleted before erasing
    assert privacy_db.erase(db, ["items"]) == {"items": 1}
    files = [profile.data_dir / "library.sqlite3", profile.data_dir / "library.sqlite3-wal"]
    written = b"".join(f.read_bytes() for f in files if f.exists())
    assert b"Zephyr Quokka Nocturne" not in written  # vacuumed and checkpointed: no old page keeps it
    assert b"Kept Song" not in written
