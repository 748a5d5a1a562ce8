"""One row of the home (ui/home/strip.py), on its own: its title and cards, Enter plays the card, the mix's menu
names the row, and an update keeps where the person scrolled."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from companion.ui.art import ArtCache
from companion.ui.home.strip import RowStrip
from companion.ui.tasks import TaskRunner
from tests.ui.home.rows import row


def test_a_strip_shows_its_row_and_plays_a_card_on_enter(qtbot, profile):
    runner = TaskRunner()
    mix = row("daily-1", "Daily Mix 1: Rock & Roll", 12)
    strip = RowStrip(mix, ArtCache(profile, runner, QSize(64, 64)), frozenset({mix.items[1].item_id}), {})
    qtbot.addWidget(strip)
    strip.resize(600, 300)
    strip.show()
    assert strip.title.full_text() == "Daily Mix 1: Rock && Roll", "an & is shown, not a mnemonic"
    assert (
        strip.view.accessibleName() == "Daily Mix 1: Rock & Roll: 12 items"
        and strip.reason.text() == "Why Daily Mix 1: Rock & Roll"
    )
    assert [i.item_id for i in strip.items()] == [i.item_id for i in mix.items]
    strip.take_focus(2)
    with qtbot.waitSignal(strip.action) as got:
        QTest.keyClick(strip.view, Qt.Key.Key_Return)
    assert got.args[0] == "play" and got.args[1] == mix.items[2] and got.args[2:] == ["daily-1", 2]
    names = []
    strip.rowAction.connect(lambda name, rid: names.append((name, rid)))
    next(a for a in strip.row_menu().actions() if a.text() == "Shuffle").trigger()
    assert names == [("shuffle", "daily-1")]
    assert (
        len(strip.card_menu(strip.model.index(0)).actions()) == 6
    )  # play, play next, queue, like, dislike, why
    runner.shutdown()


def test_an_update_keeps_the_scroll_and_renames(qtbot, profile):
    runner = TaskRunner()
    strip = RowStrip(
        row("now", "Monday morning", 20), ArtCache(profile, runner, QSize(64, 64)), frozenset(), {}
    )
    qtbot.addWidget(strip)
    strip.resize(400, 300)
    strip.show()
    bar = strip.view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    strip.update_row(row("now", "Monday lunch", 20), frozenset(), {})
    assert bar.value() == kept and strip.title.full_text() == "Monday lunch"
    assert strip.menu_button.accessibleName() == "Menu of the mix Monday lunch"
    runner.shutdown()
