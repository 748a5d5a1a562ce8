"""The library's tables read listening facts from an index, not from every event row."""

from __future__ import annotations

from companion.core.db.browse import TABLES, items_with_listening
from companion.core.db.connection import open_profile_db
from companion.core.events.record import record_event


def _plan(conn, sql: str) -> str:
    return " | ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))


def test_play_counts_come_from_the_covering_index(profile):
    conn = open_profile_db(profile)
    for view in ("tracks", "albums", "artists", "genres", "movies", "episodes"):
        assert "COVERING INDEX events_item_type" in _plan(conn, TABLES[view][1]), view


def test_items_with_listening_counts_plays_skips_and_the_last_play(profile):
    conn = open_profile_db(profile)
    conn.execute(
        "INSERT INTO items (path, kind, title, status, added_at, updated_at)"
        " VALUES ('/m/a.mp3', 'music', 'A', 'ok', 1, 1)"
    )
    item = conn.execute("SELECT id FROM items").fetchone()[0]
    conn.commit()
    for ts, kind in ((100.0, "play"), (200.0, "skip"), (300.0, "completed")):
        record_event(conn, item, kind, ts=ts)
    (row,) = items_with_listening(conn, "music")
    assert (row["plays"], row["skips"], row["last_played"]) == (2, 1, 300.0)
