"""The row menu's "Play as a flow": the whole mix, reordered to flow, starts playing."""

from __future__ import annotations

from companion.core.taste.flow_mixes import flow_row

WAIT = 30_000


def test_play_as_a_flow_plays_the_mix_in_flow_order(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    strip = next(iter(w.home.strips.values()))
    labels = [a.text() for a in strip.row_menu().actions() if a.text()]
    assert "Play as a flow" in labels
    whole = c.backend.row(strip.row.id)
    expected, _items = flow_row(c.backend.store.conn(), whole)
    with qtbot.waitSignal(player.currentChanged, timeout=WAIT):
        strip.rowAction.emit("flow", strip.row.id)
    queued = [e.item_id for e in player.queue.entries]
    assert (
        queued[: len(expected.items)] == [i for item in expected.items for i in item.plays()][: len(queued)]
    )
    assert player.queue.current.item_id == expected.items[0].item_id
