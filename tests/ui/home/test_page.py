"""The home page: the keyboard, rows arriving after focus, room beside an open queue."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMenu

from companion.core.taste.rows import Row
from companion.ui import theme
from companion.ui.art import ArtCache
from companion.ui.home.delegate import ACTION_LABELS
from companion.ui.home.page import HomePage
from companion.ui.tasks import TaskRunner
from tests.ui.helpers import first_strip, save_shot
from tests.ui.home.rows import row

# --- C14 --------------------------------------------------------------------------------------------


def test_the_home_works_from_the_keyboard(qtbot, built):
    w = built.window
    w.show_page("library")
    w.focus_page()
    w.show_page("home")  # the library's focused list went away: focus to the home
    home = w.home
    order = [home.strips[r.id] for r in home.rows if r.id in home.strips]
    first, second = order[0], order[1]
    assert w.focusWidget() is first.view
    assert first.view.currentIndex().row() == 0
    qtbot.wait(50)
    save_shot(w, "c14_home_focused")
    # the ring: accent pixels along the top edge of the first card's art
    img = first.view.viewport().grab().toImage()
    card = first.view.visualRect(first.model.index(0))
    accent = QColor(theme.current().accent)
    dpr = img.devicePixelRatio()
    px = img.pixelColor(int(card.center().x() * dpr), int((card.top() + 1) * dpr))
    assert (
        abs(px.red() - accent.red()) + abs(px.green() - accent.green()) + abs(px.blue() - accent.blue()) < 90
    ), px.name()
    qtbot.keyClick(first.view, Qt.Key.Key_Right)
    qtbot.keyClick(first.view, Qt.Key.Key_Right)
    assert first.view.currentIndex().row() == 2
    qtbot.keyClick(first.view, Qt.Key.Key_Left)
    assert first.view.currentIndex().row() == 1
    qtbot.keyClick(first.view, Qt.Key.Key_Down)
    assert w.focusWidget() is second.view and second.view.currentIndex().row() == 1
    assert not first.view.selectionModel().hasSelection(), "the row left behind drops its ring"
    qtbot.keyClick(second.view, Qt.Key.Key_Up)
    assert w.focusWidget() is first.view and first.view.currentIndex().row() == 1
    home.play_button.setFocus(
        Qt.FocusReason.TabFocusReason
    )  # away (Tab) and back (Shift+Tab): the ring is back
    assert not first.view.selectionModel().hasSelection()
    first.view.setFocus(Qt.FocusReason.BacktabFocusReason)
    assert first.view.selectionModel().isSelected(first.view.currentIndex())
    # the menu key and Shift+F10 open the card's menu
    for key, mods in (
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    ):
        seen: list[list[str]] = []

        def close_menu(seen: list[list[str]] = seen) -> None:
            menu = QApplication.activePopupWidget()
            if isinstance(menu, QMenu):
                seen.append([a.text() for a in menu.actions()])
                menu.close()

        QTimer.singleShot(100, close_menu)
        qtbot.keyClick(first.view, key, mods)
        assert seen and seen[0] == [
            ACTION_LABELS[n] for n in ("play", "play_next", "queue", "like", "dislike", "why")
        ], seen
    # Enter plays the current card
    wanted = first.model.item(1)
    qtbot.keyClick(first.view, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: built.player.current() is not None and built.player.current().item_id == wanted.item_id,
        timeout=5000,
    )


def test_rows_that_arrive_after_the_home_got_focus_take_it(qtbot, built):
    w = built.window
    home = w.home
    rows = list(home.rows)
    home.set_rows([], frozenset(), {})
    qtbot.waitUntil(lambda: not home.strips)
    w.focus_page()  # nothing to focus yet: the page's scroll area
    assert w.focusWidget() is home.scroll
    home.set_rows(rows, frozenset(), {})
    qtbot.waitUntil(lambda: home.is_complete())
    first = first_strip(home)
    assert w.focusWidget() is first.view and first.view.currentIndex().row() == 0


# --- C12 --------------------------------------------------------------------------------------------


def test_with_the_queue_open_the_home_neither_scrolls_sideways_nor_cuts_play_something(qtbot, built):
    w = built.window
    w.resize(1280, 820)
    home = w.home
    long = (
        "A start from your library: rated and much-played tracks, new additions and a varied sampler. "
        "It learns from what you play, and it says why each card is here when you ask it."
    )
    rows = [dataclasses.replace(home.rows[0], reason=long)] + list(home.rows[1:])
    home.set_rows(rows, frozenset(), {})
    home.status.setText("Picked for you from your own library. Hover a card and ask “Why this?”. " * 2)
    w.now_playing.toggleQueue.emit(True)
    qtbot.waitUntil(lambda: w.queue.isVisible())
    qtbot.wait(100)
    QApplication.processEvents()
    save_shot(w, "c12_queue_open")
    bar = home.scroll.horizontalScrollBar()
    assert bar.maximum() == 0, "no sideways scrolling"
    vp = home.scroll.viewport()
    button = home.play_button.geometry()
    right = home.play_button.mapTo(vp, QPoint(button.width(), 0)).x()
    assert right <= vp.width(), (right, vp.width())
    strip = home.strips[rows[0].id]
    assert strip.reason.wordWrap() and strip.reason.width() <= vp.width()
    assert home.status.width() <= vp.width()
    # the window's smallest size with the queue open: the greeting wraps, nothing is cut
    w.resize(960, 600)
    qtbot.wait(150)
    QApplication.processEvents()
    save_shot(w, "c12_queue_open_smallest")
    assert bar.maximum() == 0
    assert home.play_button.mapTo(vp, QPoint(home.play_button.width(), 0)).x() <= vp.width()
    assert home.hello.heightForWidth(home.hello.width()) <= home.hello.height() + 1, "the greeting is not cut"


# --- An album card on the home plays the whole album, in order, from that card.


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


# --- the page on its own (no window): rows placed, updated in place, removed; an empty home says what to do


def test_rows_are_placed_updated_in_place_and_removed(qtbot, profile):
    runner = TaskRunner()
    page = HomePage(ArtCache(profile, runner, QSize(64, 64)))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.complete, timeout=5_000):
        page.set_rows([row("now", "Now"), row("daily-1", "Daily Mix 1")], frozenset(), {})
    assert list(page.strips) == ["now", "daily-1"] and page.is_complete() and page.play_button.isEnabled()
    daily = page.strips["daily-1"]
    with qtbot.waitSignal(page.complete, timeout=5_000):
        page.set_rows([row("daily-1", "Daily Mix 1: Jazz")], frozenset(), {})
    assert list(page.strips) == ["daily-1"] and page.strips["daily-1"] is daily, "updated in place"
    assert daily.title.text() == "Daily Mix 1: Jazz"
    opened = []
    page.openRow.connect(opened.append)
    daily.title.click()
    assert opened == ["daily-1"]
    with qtbot.waitSignal(page.complete, timeout=5_000):
        page.set_rows([], frozenset(), {})
    assert not page.strips and not page.play_button.isEnabled()
    assert page.status.text().startswith("Nothing here yet: add a folder in Settings")
    runner.shutdown()
