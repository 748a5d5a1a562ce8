"""The Why-this popup: framed, a plain Close button."""

from __future__ import annotations

from PySide6.QtGui import QColor

from tests.ui.helpers import colour_close, row_item

# --- C10: the Why-this popup has a frame and a plain Close button ------------------------------------


def test_why_popup_is_framed_and_its_close_button_has_no_stock_icon(qtbot, themed):
    from PySide6.QtWidgets import QPushButton

    from companion.ui.why import WhyDialog

    c = themed("dark")
    d = WhyDialog(row_item(reasons=("you play this on weekend mornings",)), "Saturday morning")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    buttons = d.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Close"]
    assert all(b.icon().isNull() for b in buttons)
    img = d.grab().toImage()
    edge = img.pixelColor(0, img.height() // 2)
    assert not colour_close(edge, QColor(c.surface), 20) and not colour_close(edge, QColor(c.window), 20), (
        "a visible frame"
    )
    d.close_button.click()
    assert not d.isVisible()
