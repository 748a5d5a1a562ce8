"""Settings > Privacy: a keep-out rule added and shown with what it hides, a bad one said, removed again."""

from __future__ import annotations


def test_keep_out_rules_in_settings(qtbot, built):
    from companion.ui.keep_out_box import KeepOutBox
    from companion.ui.keep_out_link import connect_keep_out

    assert callable(connect_keep_out)  # the controller wired the box with it (what this test drives)

    w = built.window
    w.show_page("settings")
    box = w.settings.keep_out
    assert isinstance(box, KeepOutBox)
    qtbot.waitUntil(lambda: box.none.isVisible(), timeout=30_000)
    assert not box.card.isVisible()  # the demo's week looks like ordinary listening
    box.kind.setCurrentIndex(1)  # a time window
    box.value.setText("whenever")
    box._add()
    qtbot.waitUntil(lambda: "time window" in box.status.text(), timeout=30_000)
    box.value.setText("every day 00:00-24:00")
    box._add()
    qtbot.waitUntil(lambda: len(box.rows) == 1, timeout=30_000)
    assert "Kept out: time every day" in box.status.text()
    text = box.rows[0].findChildren(type(box.none))[0].text()
    assert "hides" in text and "0 plays" not in text
    qtbot.waitUntil(lambda: built.controller.backend.keep_out()[0][0].events > 0, timeout=30_000)
    from PySide6.QtWidgets import QPushButton

    box.rows[0].findChildren(QPushButton)[0].click()
    qtbot.waitUntil(lambda: box.none.isVisible() and not box.rows, timeout=30_000)
