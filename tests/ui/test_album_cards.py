"""An album card on the home plays the whole album, in order, from that card."""

from __future__ import annotations

import dataclasses

from companion.core.taste.rows import Row


def test_playing_an_album_card_queues_the_album_in_track_order(qtbot, built):
    c = built.controller
    music = [it for r in c.home_data.rows for it in r.items if it.kind == "music"]
    seen: dict[int, object] = {}
    for it in music:
        seen.setdefault(it.item_id, it)
    a, b, c1, c2, c3 = list(seen.values())[:5]
    album = dataclasses.replace(c1, title="An Album", play_ids=(c1.item_id, c2.item_id, c3.item_id))
    other = dataclasses.replace(a, play_ids=(a.item_id, b.item_id))
    row = Row("jump-back-in", "Jump back in", "music", "albums you play through", (other, album))
    c.shown_rows[row.id] = row
    with qtbot.waitSignal(built.player.currentChanged, timeout=10_000):
        c.item_action("play", album, row.id, 1)
    queue = [e.item_id for e in built.player.queue.entries]
    assert queue == [a.item_id, b.item_id, c1.item_id, c2.item_id, c3.item_id]  # the row stays the queue
    assert built.player.current().item_id == c1.item_id  # from the chosen album's first track
