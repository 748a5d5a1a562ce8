import random

import pytest

from companion.core.playqueue import PlayQueue, QueueEntry, entries_from_db
from tests.core.events.helpers import add_item


def _entries(n):
    return [QueueEntry(item_id=i, path=f"/m/{i}.mp3") for i in range(1, n + 1)]


def _ids(q):
    return [e.item_id for e in q.entries]


def test_play_now_next_add_and_advance():
    q = PlayQueue()
    assert q.play_now(_entries(3)).item_id == 1
    q.play_next([QueueEntry(item_id=9, path="/m/9.mp3")])
    q.add([QueueEntry(item_id=7, path="/m/7.mp3")])
    assert _ids(q) == [1, 9, 2, 3, 7]
    assert [q.advance().item_id for _ in range(4)] == [9, 2, 3, 7]
    assert q.advance() is None
    assert q.current.item_id == 7  # the last stays current at the end
    q.add([QueueEntry(item_id=8, path="/m/8.mp3")])
    assert q.advance().item_id == 8  # what is added after the end comes next


def test_previous_stops_at_the_start_unless_repeat_all():
    q = PlayQueue()
    q.play_now(_entries(3))
    assert q.previous().item_id == 1
    q.set_repeat("all")
    assert q.previous().item_id == 3
    assert q.advance().item_id == 1


def test_repeat_one_replays_only_when_the_track_ends_by_itself():
    q = PlayQueue()
    q.play_now(_entries(2))
    q.set_repeat("one")
    assert q.peek_next().item_id == 1
    assert q.advance(auto=True).item_id == 1
    assert q.advance(auto=False).item_id == 2
    with pytest.raises(ValueError):
        q.set_repeat("sometimes")


def test_repeat_all_wraps():
    q = PlayQueue()
    q.play_now(_entries(2), start=1)
    assert q.advance() is None
    q.set_repeat("all")
    assert q.advance().item_id == 1


def test_move_keeps_the_current_entry_current():
    q = PlayQueue()
    q.play_now(_entries(4), start=1)
    q.move(1, 3)
    assert _ids(q) == [1, 3, 4, 2]
    assert q.current.item_id == 2 and q.index == 3
    q.move(0, 2)
    assert _ids(q) == [3, 4, 1, 2]
    with pytest.raises(IndexError):
        q.move(0, 9)


def test_remove_before_and_at_current():
    q = PlayQueue()
    q.play_now(_entries(4), start=2)
    q.remove(0)
    assert q.current.item_id == 3
    q.remove(q.index)
    assert _ids(q) == [2, 4] and q.current.item_id == 4


def test_shuffle_keeps_current_first_and_restores_order():
    q = PlayQueue(rng=random.Random(3))
    q.play_now(_entries(20), start=4)
    q.set_shuffle(True)
    assert q.current.item_id == 5 and q.index == 4
    assert sorted(_ids(q)) == list(range(1, 21))
    assert _ids(q)[5:] != list(range(6, 21))
    q.add([QueueEntry(item_id=99, path="/m/99.mp3")])
    q.advance()
    now = q.current.item_id
    q.set_shuffle(False)
    assert _ids(q) == list(range(1, 21)) + [99]
    assert q.current.item_id == now


def test_the_same_item_can_be_queued_twice():
    q = PlayQueue()
    q.play_now(_entries(1))
    q.add(_entries(1))
    assert len({e.uid for e in q.entries}) == 2
    assert q.advance().item_id == 1


def test_entries_from_db_keep_order_and_start_at_resume_points(db):
    a = add_item(db, "/m/a.mp3", duration=100, rg_track_gain=-7.5)
    v = add_item(db, "/v/film.mkv", kind="video", duration=3600)
    with db:
        db.execute(
            "INSERT INTO resume_points(item_id, position, duration, updated_at) VALUES (?, 900, 3600, 0)",
            (v,),
        )
    got = entries_from_db(db, [v, 12345, a], start_reason="mix", context="daily-1")
    assert [e.item_id for e in got] == [v, a]
    assert (got[0].start_position, got[0].start_reason) == (900, "resume")
    assert (got[1].start_position, got[1].start_reason, got[1].rg_track_gain) == (0, "mix", -7.5)
    assert got[1].context == "daily-1" and got[1].path == "/m/a.mp3"
