"""The queue panel: the playing entry in view, a hint when empty, roomy rows, covers, subtitles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from companion.ui import theme
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
