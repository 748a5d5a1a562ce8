"""The ``folders`` table: folders remembered once, and a forgotten folder's items kept, marked missing."""

from __future__ import annotations

from companion.core.db import folders as folders_db
from tests.core.events.helpers import add_item


def test_a_folder_is_remembered_once_in_path_order(db):
    folders_db.add(db, "/music/b", now=1.0)
    folders_db.add(db, "/music/a", now=2.0)
    folders_db.add(db, "/music/b", now=3.0)  # already there: stays as it is
    listed = folders_db.listed(db)
    assert [f.path for f in listed] == ["/music/a", "/music/b"]
    assert folders_db.get(db, "/music/b") == listed[1]
    assert listed[1].status == "ok" and listed[1].last_scan_at is None
    assert folders_db.get(db, "/music/c") is None


def test_status_is_set_and_a_scan_time_kept_when_none_is_given(db):
    folders_db.add(db, "/music", now=1.0)
    folder = folders_db.get(db, "/music")
    with db:
        folders_db.set_status(db, folder.id, "ok", None, scanned_at=50.0)
    with db:
        folders_db.set_status(db, folder.id, "unreadable", "permission denied")
    after = folders_db.get(db, "/music")
    assert (after.status, after.status_reason, after.last_scan_at) == (
        "unreadable",
        "permission denied",
        50.0,
    )


def test_removing_a_folder_keeps_its_items_marked_missing(db):
    folders_db.add(db, "/music", now=1.0)
    folder = folders_db.get(db, "/music")
    kept = add_item(db, "/music/a.flac", folder_id=folder.id, updated_at=1.0)
    gone = add_item(db, "/music/b.flac", folder_id=folder.id, status="missing", missing_since=5.0)
    other = add_item(db, "/elsewhere/c.flac")
    assert folders_db.remove(db, folder.id, now=100.0) == 1  # one was not missing before
    rows = {
        r[0]: r[1:] for r in db.execute("SELECT id, status, folder_id, missing_since, updated_at FROM items")
    }
    assert rows[kept] == ("missing", None, 100.0, 100.0)
    assert rows[gone][:3] == ("missing", None, 5.0)  # missing since then, not since now
    assert rows[other][0] == "ok"
    assert folders_db.listed(db) == []
