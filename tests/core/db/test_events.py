"""The events table's repository: one EventType vocabulary (its codes are the taste log's), and reads."""

from __future__ import annotations

import numpy as np
import pytest

from companion.core.db import arrays
from companion.core.db import events as event_db
from companion.core.db.events import PLAY_TYPES, EventType
from companion.core.events.record import record_event
from companion.core.taste import eventlog


def _item(conn, path="/m/a.mp3") -> int:
    with conn:
        return int(
            conn.execute(
                "INSERT INTO items(path, kind, added_at, updated_at, duration) VALUES (?, 'music', 0, 0, 200)",
                (path,),
            ).lastrowid
        )


def test_the_codes_are_the_ones_stored_in_taste_snapshots():
    # snapshots of the taste log keep these numbers: a type may be added at the end, never moved
    assert [(t.value, t.code) for t in EventType] == [
        ("play", 0),
        ("completed", 1),
        ("skip", 2),
        ("rating", 3),
        ("like", 4),
        ("dislike", 5),
        ("unlike", 6),
        ("row_start", 7),
        ("resume", 8),
    ]
    assert {t.value: t.code for t in EventType} == eventlog.TYPE_CODES
    assert (eventlog.PLAY, eventlog.SKIP, eventlog.RESUME) == (0, 2, 8)
    assert PLAY_TYPES == ("play", "completed") and event_db.PLAYS_SQL == "'play', 'completed'"


def test_every_type_reaches_the_taste_log_with_its_code(db):
    item = _item(db)
    for n, t in enumerate(EventType):
        record_event(db, item, t, ts=1000.0 + n, position=10.0)
    with db:  # a type no version of Companion wrote becomes -1, not a wrong code
        db.execute("INSERT INTO events(item_id, type, ts) VALUES (?, 'mystery', 2000)", (item,))
    (chunk,) = arrays.event_arrays(db, 0, 100)
    codes = chunk[:, arrays.EVENT_COLUMNS.index("type")].astype(int).tolist()
    assert codes == [t.code for t in EventType] + [-1]
    assert [tuple(r) for r in db.execute("SELECT DISTINCT typeof(type) FROM events")] == [("text",)]


def test_an_unknown_type_is_refused_with_its_name(db):
    with pytest.raises(ValueError, match="unknown event type 'played'"):
        record_event(db, _item(db), "played")
    assert event_db.count(db) == 0


def test_plays_counts_and_early_skips(db):
    a, b, c = _item(db, "/m/a.mp3"), _item(db, "/m/b.mp3"), _item(db, "/m/c.mp3")
    record_event(db, a, EventType.PLAY, ts=100.0)
    record_event(db, a, EventType.COMPLETED, ts=200.0)
    record_event(db, b, EventType.SKIP, ts=300.0, position=3.0)
    record_event(db, c, EventType.SKIP, ts=310.0, position=3.0)
    record_event(db, c, EventType.COMPLETED, ts=320.0)  # played through since: not an early skip any more
    counts = {r.item_id: r for r in event_db.play_counts(db)}
    assert (counts[a].play_count, counts[a].skip_count, counts[a].last_played) == (2, 0, 200.0)
    assert (counts[b].play_count, counts[b].skip_count) == (0, 1)
    assert event_db.played_item_ids(db) == {a, c}
    assert event_db.skipped_early(db, since_ts=0.0, before_s=30.0) == {b}
    assert event_db.recently_played(db, since_ts=250.0, last_plays=1) == {c}
    assert event_db.count(db, PLAY_TYPES) == 3 and event_db.last_id(db) == 5
    assert [(o.item_id, o.type) for o in event_db.opinions(db)] == []


def test_opinions_in_the_order_they_happened(db):
    a = _item(db)
    record_event(db, a, EventType.LIKE, ts=20.0)
    record_event(db, a, EventType.RATING, ts=10.0, value=4.0)
    record_event(db, a, EventType.DISLIKE, ts=30.0, source="import:lastfm")  # not the app's own: left out
    assert [(o.type, o.value, o.ts) for o in event_db.opinions(db)] == [
        ("rating", 4.0, 10.0),
        ("like", None, 20.0),
    ]


def test_event_arrays_come_in_chunks_of_numbers(db):
    a = _item(db)
    for n in range(5):
        record_event(db, a, EventType.PLAY, ts=float(n), source="import:lastfm" if n == 4 else "app")
    chunks = list(arrays.event_arrays(db, after_id=1, chunk=3))
    assert [c.shape for c in chunks] == [(3, len(arrays.EVENT_COLUMNS)), (1, len(arrays.EVENT_COLUMNS))]
    whole = np.concatenate(chunks)
    assert whole[:, arrays.EVENT_COLUMNS.index("id")].tolist() == [2, 3, 4, 5]
    assert whole[:, arrays.EVENT_COLUMNS.index("imported")].tolist() == [0, 0, 0, 1]
    assert whole.dtype == np.float64
    # a column left NULL (no position was recorded) is nan, as numpy reads None
    assert np.isnan(whole[:, arrays.EVENT_COLUMNS.index("position")]).all()


def test_float_arrays_read_none_as_nan_and_keep_big_ids():
    got = arrays.floats(iter([1, None, 2.5, 2**40]), 4)
    np.testing.assert_array_equal(got, np.array([1, None, 2.5, 2**40], float))
    assert got.dtype == np.float64 and np.isnan(got[1])
