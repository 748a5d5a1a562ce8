"""QA finding C8: when the queue has played out, the panel no longer marks an entry as playing."""

from __future__ import annotations

from companion.ui.queue_panel import CurrentRole, QueuePanel


def _marked(panel: QueuePanel) -> list[int]:
    return [i for i in range(panel.list.count()) if panel.list.item(i).data(CurrentRole)]


def test_the_play_mark_goes_when_the_queue_ends(qtbot, player, make_track):
    ids = [make_track("one.wav", 0.6), make_track("two.wav", 0.6)]
    panel = QueuePanel(player)
    qtbot.addWidget(panel)
    ended: list[int] = []
    player.queueEnded.connect(lambda: ended.append(1))
    player.play_items(ids)
    qtbot.waitUntil(lambda: _marked(panel) == [0], timeout=10_000)
    qtbot.waitUntil(lambda: _marked(panel) == [1], timeout=15_000)
    qtbot.waitUntil(lambda: bool(ended), timeout=15_000)
    qtbot.waitUntil(lambda: _marked(panel) == [], timeout=5_000)
    assert panel.list.count() == 2, "the played entries stay in the queue"
    player.jump(0)  # playing again marks the entry again
    qtbot.waitUntil(lambda: _marked(panel) == [0], timeout=10_000)
