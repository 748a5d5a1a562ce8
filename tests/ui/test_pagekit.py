"""A page's scrolling body with its title, and the wheel that scrolls past value controls it was not
pointed into."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from companion.ui.pagekit import guard_wheel, scrolling_body
from tests.ui.helpers import wheel_down


def test_the_body_has_its_title_and_scrolls(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    scroll, layout = scrolling_body(page, "Settings")
    titles = [w for w in scroll.widget().findChildren(QLabel) if w.objectName() == "pageTitle"]
    assert [t.text() for t in titles] == ["Settings"]
    assert scroll.widgetResizable() and layout.count() == 1
    untitled = QWidget()
    qtbot.addWidget(untitled)
    assert scrolling_body(untitled, None)[1].count() == 0


def test_the_wheel_passes_over_a_combo_box_until_it_is_focused(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    scroll, layout = scrolling_body(page, "Settings")
    combo = QComboBox()
    combo.addItems(["one", "two", "three"])
    layout.addWidget(combo)
    for _ in range(40):
        layout.addWidget(QLabel("filler line"))  # enough to scroll
    guard_wheel(scroll)
    page.resize(300, 200)
    page.show()
    qtbot.waitExposed(page)
    wheel_down(combo)
    assert combo.currentIndex() == 0  # unchanged: the page scrolled instead
    assert scroll.verticalScrollBar().value() > 0
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=5_000)
    wheel_down(combo)
    assert combo.currentIndex() == 1  # pointed into: the wheel is the control's again
