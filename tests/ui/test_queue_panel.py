"""The queue panel: the playing entry in view, a hint when empty, roomy rows, covers, subtitles; and it holds
still under the person (no scrolling within 2 s of a click or under the pointer); and the play mark goes when
the queue has played out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from companion.core.media.synth import tone, write_audio
from companion.core.store import Store
from companion.ui import theme
from companion.ui.queue_panel import CurrentRole, QueuePanel
from tests.core.events.helpers import add_item
from tests.ui.helpers import FakePlayer, colour_close, save_shot


def test_the_queue_shows_the_playing_entry_and_a_hint_when_empty(qtbot, built):
    from companion.ui.queue_panel import EMPTY_HINT

    w = built.window
    w.resize(1280, 820)
    panel = w.queue
    panel.show()
    qtbot.waitUntil(panel.isVisible)
    assert panel.list.count() == 0 and panel.list.accessibleDescription() == EMPTY_HINT
    qtbot.wait(50)
    save_shot(panel, "c12_queue_empty")
    img = panel.list.viewport().grab().toImage()
    muted = QColor(theme.current().muted)
    assert any(
        abs(img.pixelColor(x, y).red() - muted.red()) < 30
        and abs(img.pixelColor(x, y).blue() - muted.blue()) < 30
        for x in range(0, img.width(), 2)
        for y in range(0, min(img.height(), 90))
    ), "the hint is painted"
    items = [i for r in w.home.rows for i in r.items if i.kind == "music"]
    built.controller.play_items(items[:30], 0, "test")
    qtbot.waitUntil(lambda: panel.list.count() == len(built.player.queue.entries) > 20)
    for _ in range(22):
        built.player.next()
    qtbot.waitUntil(lambda: built.player.queue.index == 22)
    qtbot.wait(50)
    QApplication.processEvents()
    item = panel.list.item(22)
    rect = panel.list.visualItemRect(item)
    assert panel.list.viewport().rect().contains(rect.center()), "the playing entry is in view"
    save_shot(panel, "c12_queue_scrolled")


def test_queue_subtitle_has_no_dangling_separator():
    from companion.ui.queue_panel import entry_subtitle

    assert entry_subtitle("Northern Lights", 201) == "Northern Lights  ·  3:21"
    assert entry_subtitle(None, 10) == "0:10"
    assert entry_subtitle("", None) == ""


def test_queue_rows_are_roomy_and_the_selection_is_visible(qtbot, themed):

    from companion.ui.queue_panel import CurrentRole, QueuePanel, SubtitleRole

    c = themed("dark")
    player = FakePlayer()
    panel = QueuePanel(player)
    qtbot.addWidget(panel)
    panel.resize(300, 400)
    panel.show()
    qtbot.waitExposed(panel)
    lst = panel.list
    assert lst.item(0).text() == "Aurora II" and lst.item(0).data(CurrentRole)
    assert lst.item(1).data(SubtitleRole) == "0:10"
    assert all(lst.visualItemRect(lst.item(i)).height() >= 48 for i in range(lst.count()))
    lst.setCurrentRow(1)
    img = lst.viewport().grab().toImage()
    sel, other = lst.visualItemRect(lst.item(1)), lst.visualItemRect(lst.item(2))
    highlight = QColor(theme.mix(c.surface, c.accent, 0.28))
    assert colour_close(img.pixelColor(sel.right() - 20, sel.center().y()), highlight, 12), (
        "the selected entry is shown"
    )
    assert not colour_close(img.pixelColor(other.right() - 20, other.center().y()), highlight, 12)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    assert player.removed == [1]
    qtbot.waitUntil(lambda: lst.count() == 2)
    assert lst.currentRow() == 1, "after Delete the next entry is selected, so Delete can go on"


def test_queue_shows_covers_from_the_windows_home(qtbot):
    from types import SimpleNamespace

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from companion.ui.queue_panel import QueuePanel

    class _Art(QObject):
        ready = Signal(str)

        def pixmap(self, _key):
            pm = QPixmap(80, 80)
            pm.fill(QColor("#ff0000"))
            return pm

    window = QWidget()
    qtbot.addWidget(window)
    window.home = SimpleNamespace(art=_Art())
    panel = QueuePanel(FakePlayer())
    QHBoxLayout(window).addWidget(panel)
    window.resize(300, 400)
    window.show()
    qtbot.waitExposed(window)
    assert panel.art is window.home.art
    lst = panel.list
    rect = lst.visualItemRect(lst.item(2))
    img = lst.viewport().grab().toImage()
    assert colour_close(img.pixelColor(rect.left() + 20, rect.center().y()), QColor("#ff0000"), 30)


# --- The queue panel holds still under the person: no scrolling to the playing entry


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


@pytest.fixture
def player(qtbot, store):
    """A real player on a fresh profile."""
    from companion.playback.player import Player

    p = Player(store)
    yield p
    p.close()


@pytest.fixture
def make_track(store, tmp_path):
    """make_track(name, seconds) -> item id of a real audio file in the player's library."""

    def make(name: str, seconds: float) -> int:
        path = write_audio(tmp_path / name, tone(seconds, freq=330 + 10 * len(name)))
        return add_item(store.conn(), path, duration=seconds)

    return make


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
