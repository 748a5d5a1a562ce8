"""Messages: a toast over the page, placed above the now-playing bar where it covers no card's title, gone
after a while (QA C6, issue 16)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from companion.ui.toast import MAX_MS, MIN_MS, Toast, shown_for_ms
from tests.ui.helpers import save_shot


def test_longer_messages_stay_longer_within_bounds():
    assert shown_for_ms("Saved") == MIN_MS + 5 * 60
    assert shown_for_ms("x" * 10_000) == MAX_MS
    assert shown_for_ms("Not played:\n/a: no such file") > shown_for_ms("Saved")


def test_the_toast_floats_over_the_bottom_of_its_area_and_goes_away(qtbot, monkeypatch):
    import companion.ui.toast as toast_module

    window = QWidget()
    qtbot.addWidget(window)
    v = QVBoxLayout(window)
    area = QStackedWidget()
    v.addWidget(area, 1)
    bottom = QWidget()
    bottom.setFixedHeight(80)
    v.addWidget(bottom)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    monkeypatch.setattr(toast_module, "MIN_MS", 300)
    monkeypatch.setattr(toast_module, "PER_CHAR_MS", 0)
    toast = Toast(area)
    toast.show_message("Exported the queue to /tmp/q.m3u8")
    assert toast.isVisible() and toast.label.text() == "Exported the queue to /tmp/q.m3u8"
    geo, frame = toast.geometry(), area.geometry()
    assert frame.contains(geo), (geo, frame)
    assert frame.right() - geo.right() <= 24 and geo.left() > frame.center().x(), "the bottom-right corner"
    assert frame.bottom() - geo.bottom() <= 40, "it sits at the bottom of the page area, above the bar"
    window.resize(800, 600)
    qtbot.waitUntil(lambda: area.geometry().contains(toast.geometry()), timeout=2_000)
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=3_000)
    toast.show_message("again")
    qtbot.mouseClick(toast.close_button, Qt.MouseButton.LeftButton)
    assert not toast.isVisible()


def test_window_messages_show_in_the_toast(qtbot, built):
    w = built.window
    built.controller.message.emit("Saved 1 item in “Road trip”")
    assert w.toast.isVisible() and w.status.text() == "Saved 1 item in “Road trip”"


def test_the_toast_covers_no_card_title_wherever_the_home_is_scrolled(qtbot, built):
    from PySide6.QtCore import QRect

    w = built.window
    home = w.home
    qtbot.waitUntil(lambda: len(home.card_text_rects()) >= 6, timeout=10_000)
    bar = w.now_playing
    bar_top = bar.mapToGlobal(bar.rect().topLeft()).y()
    bar_scroll = home.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: home.is_complete() and bar_scroll.maximum() > 400, timeout=20_000)
    places = set()
    for value in range(0, min(bar_scroll.maximum(), 1200) + 1, 40):
        bar_scroll.setValue(value)
        qtbot.wait(10)
        w.toast.show_message("Exported 24 items to /home/me/Music/Playlists/Morning mix.m3u8")
        spot = QRect(w.toast.mapToGlobal(w.toast.rect().topLeft()), w.toast.size())
        covered = [r for r in home.card_text_rects() if r.intersects(spot)]
        assert not covered, (value, spot, covered)
        assert spot.bottom() < bar_top, "above the now-playing bar"
        places.add((spot.x(), spot.y()))
    bar_scroll.setValue(0)
    w.toast.show_message("Saved")
    save_shot(w, "toast_on_home")
    assert len(places) >= 2 and w.toast.geometry().right() > w.width() * 0.6  # bottom-right when it is free
