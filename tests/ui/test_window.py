"""The main window: Ctrl+Q quits with a tray, arrow keys seek from any page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.ui.helpers import play_music


# --- B2: Ctrl+Q quits, even when closing the window would only hide it in the tray ---------------------
def test_ctrl_q_quits_even_with_a_tray(qtbot, built):
    w = built.window
    quits: list[int] = []
    w.quit_handler = lambda: quits.append(1)
    shortcut = next(s for s in w._shortcut_objects if s.key() == QKeySequence("Ctrl+Q"))
    shortcut.activated.emit()
    assert quits == [1], "Ctrl+Q asked the application to quit"


# --- B6: Left/Right seek what plays from any page; lists keep their arrows ---------------------------
def test_arrow_keys_seek_outside_the_video(qtbot, built):
    w, player = built.window, built.player
    play_music(qtbot, built)
    w.activateWindow()
    w.show_page("insights")
    w.nav_buttons["insights"].setFocus()
    with qtbot.waitSignal(player.seeked, timeout=2_000) as seeked:
        qtbot.keyClick(w.nav_buttons["insights"], Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert seeked.args[0] >= 9.0, "Shift+Right: ten seconds on"
    expected = max(0.0, player.position() - 5.0)
    with qtbot.waitSignal(player.seeked, timeout=2_000) as seeked:
        qtbot.keyClick(w.nav_buttons["insights"], Qt.Key.Key_Left)
    assert abs(seeked.args[0] - expected) < 1.0, "Left: five seconds back"
    # the home's cards move with the arrows instead
    w.show_page("home")
    strip = next(iter(w.home.strips.values()))
    strip.view.setFocus()
    with qtbot.assertNotEmitted(player.seeked, wait=100):
        qtbot.keyClick(strip.view, Qt.Key.Key_Right)
