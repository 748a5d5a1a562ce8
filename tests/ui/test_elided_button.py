"""ElidedButton: a long title is shortened to the room it gets, in full when there is room, never wider."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from companion.ui.elided_button import ElidedButton

TITLE = "Because you played Corner Shop Lights"


def test_a_long_title_is_shortened_to_its_room_and_whole_again_when_there_is_room(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    button = ElidedButton(TITLE)
    row.addWidget(button)
    row.addStretch(1)
    full = button.sizeHint().width()
    assert button.minimumSizeHint().width() < full / 2  # asks for little: the window decides
    host.resize(full + 100, 40)
    host.show()
    qtbot.waitUntil(lambda: button.width() >= full)
    assert button.text() == TITLE and button.toolTip() == ""
    host.resize(full // 2, 40)
    qtbot.waitUntil(lambda: button.width() < full)
    assert button.text().endswith("…") and TITLE.startswith(button.text()[:-1])
    assert button.toolTip() == TITLE and button.full_text() == TITLE
    host.resize(full + 100, 40)
    qtbot.waitUntil(lambda: button.text() == TITLE)  # the room came back: the whole title again
    button.setText("Daily Mix 2")
    assert button.text() == "Daily Mix 2" and button.sizeHint().width() < full
