"""QA session 2, B8: starting something new keeps what the person queued by hand (Spotify's "Next in queue")."""

from __future__ import annotations

from companion.core.playqueue import entries_from_db


def _ids(player) -> list[int]:
    return [e.item_id for e in player.queue.entries]


def test_a_new_context_keeps_play_next_and_add_to_queue_after_its_first_item(
    qtbot, player, store, make_track
):
    a, b, c, d, e = (make_track(f"{n}.mp3", 3.0) for n in "abcde")
    x, y = make_track("x.mp3", 3.0), make_track("y.mp3", 3.0)
    player.play_items([a, b, c], start_reason="mix", context="row-1")
    player.play_next(entries_from_db(store.conn(), [x]))
    player.enqueue(entries_from_db(store.conn(), [y]))
    assert _ids(player) == [a, x, b, c, y]
    with qtbot.waitSignal(player.currentChanged) as sig:
        player.play_items([d, e], start_reason="mix", context="row-2")
    assert sig.args[0].item_id == d
    assert _ids(player) == [d, x, y, e], "the hand-queued entries come right after the new current one"
    with qtbot.waitSignal(player.currentChanged) as sig:
        player.next()
    assert sig.args[0].item_id == x
    player.stop()


def test_what_was_queued_and_already_heard_is_not_kept(qtbot, player, store, make_track):
    a, b, d = (make_track(f"{n}.mp3", 3.0) for n in "abd")
    x, y = make_track("x.mp3", 3.0), make_track("y.mp3", 3.0)
    player.play_items([a, b])
    player.play_next(entries_from_db(store.conn(), [x]))
    player.enqueue(entries_from_db(store.conn(), [y]))
    with qtbot.waitSignal(player.currentChanged):
        player.next()  # x plays now: it has been heard
    assert player.current().item_id == x
    player.play_items([d])
    assert _ids(player) == [d, y]
    player.stop()


def test_start_at_a_later_item_and_replace_everything_when_asked(qtbot, player, store, make_track):
    a, b, c, d = (make_track(f"{n}.mp3", 3.0) for n in "abcd")
    x = make_track("x.mp3", 3.0)
    player.play_items([a])
    player.enqueue(entries_from_db(store.conn(), [x]))
    player.play_items([b, c, d], start=1)
    assert _ids(player) == [b, c, x, d] and player.current().item_id == c
    player.play_items([a, b], keep_queued=False)
    assert _ids(player) == [a, b]
    player.stop()


def test_queued_before_anything_played_comes_after_the_first_choice(qtbot, player, store, make_track):
    a, b = make_track("a.mp3", 3.0), make_track("b.mp3", 3.0)
    x = make_track("x.mp3", 3.0)
    player.enqueue(entries_from_db(store.conn(), [x]))
    player.play_items([a, b])
    assert _ids(player) == [a, x, b] and player.current().item_id == a
    player.stop()
