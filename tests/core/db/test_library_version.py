"""The library's fingerprint changes when an item is added, changed or removed, and only then."""

from __future__ import annotations

from companion.core.db.library_version import items_fingerprint
from tests.core.events.helpers import add_item


def test_the_fingerprint_follows_every_change_to_the_items(db):
    empty = items_fingerprint(db)
    assert empty == (0, 0.0, 0)
    first = add_item(db, "/m/a.flac", updated_at=100.0)
    one = items_fingerprint(db)
    assert one == (1, 100.0, first)
    assert items_fingerprint(db) == one  # asking again changes nothing
    with db:
        db.execute("UPDATE items SET updated_at = 200.0 WHERE id = ?", (first,))
    changed = items_fingerprint(db)
    assert changed == (1, 200.0, first)
    second = add_item(db, "/m/b.flac", updated_at=150.0)
    with db:
        db.execute("DELETE FROM items WHERE id = ?", (first,))
    # the count alone is back to 1: the highest id tells the two libraries apart
    assert items_fingerprint(db) == (1, 150.0, second) != changed
