"""The queue panel holds still under the person: no scrolling to the playing entry within 2 s of a click
(or while the pointer is over it), so a double-click starts the track that was aimed at."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from companion.core.media.synth import tone, write_audio
from companion.core.store import Store
from tests.core.events.helpers import add_item


def test_the_queue_does_not_move_after_a_click(qtbot, profile, tmp_path, monkeypatch):
    import companion.ui.queue_panel as queue_panel
    from companion.playback.player import Player

    store = Store(profile)
    clip = write_audio(tmp_path / "clip.flac", tone(3.0))
    ids = [add_item(store.conn(), clip.with_name(f"{n:02d}.flac"), duration=3.0) for n in range(40)]
    for n in range(40):
        clip.with_name(f"{n:02d}.flac").write_bytes(clip.read_bytes())
    player = Player(store, recover=False)
    panel = queue_panel.QueuePanel(player)
    qtbot.addWidget(panel)
    try:
        panel.resize(300, 400)
        panel.show()
        player.play_items(ids)
        qtbot.waitUntil(lambda: panel.list.count() == 40, timeout=5_000)
        bar = panel.list.verticalScrollBar()
        assert bar.maximum() > 0 and bar.value() == 0
        aimed = panel.list.visualItemRect(panel.list.item(2)).center()
        QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=aimed)
        player.jump(30)  # the track changes right after the click (the queue went on, or a key)
        qtbot.wait(300)
        assert bar.value() == 0, "the list held still under the person's click"
        assert panel.list.row(panel.list.itemAt(aimed)) == 2  # a second click lands on the same track
        monkeypatch.setattr(queue_panel, "HOLD_AFTER_CLICK_S", 0.5)
        qtbot.wait(600)
        player.jump(31)  # later, with the person done with the list: the playing entry is shown again
        qtbot.waitUntil(lambda: bar.value() > 0, timeout=3_000)
    finally:
        player.close()
        store.close_all()
