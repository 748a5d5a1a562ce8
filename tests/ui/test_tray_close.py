"""Close to tray: the person's close asks once, then hides or quits as answered; a close from code closes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from companion.ui.tray_close import CloseToTray


def _setup(qtbot, stored, answers):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    saved: list[bool] = []
    asked: list[int] = []

    def ask(_w):
        asked.append(1)
        return answers.pop(0)

    def save(choice: bool) -> None:
        saved.append(choice)
        stored[0] = choice

    return window, CloseToTray(window, lambda: stored[0], save, ask=ask), saved, asked


def test_asked_once_then_kept_in_the_tray(qtbot):
    stored: list = [None]
    window, guard, saved, asked = _setup(qtbot, stored, [True])
    assert guard.user_closed() is True and not window.isVisible()
    window.show()
    assert guard.user_closed() is True and not window.isVisible()
    assert saved == [True] and len(asked) == 1  # the answer is remembered


def test_cancel_keeps_the_window_and_asks_again(qtbot):
    stored: list = [None]
    window, guard, saved, asked = _setup(qtbot, stored, [None, None])
    assert guard.user_closed() is True and window.isVisible()
    assert guard.user_closed() is True
    assert saved == [] and len(asked) == 2


def test_quit_lets_the_close_through_and_a_close_from_code_is_never_asked(qtbot):
    stored: list = [False]
    window, guard, saved, asked = _setup(qtbot, stored, [])
    assert guard.user_closed() is False  # the close goes on; the app quits
    stored[0] = True
    assert window.close()  # not spontaneous: closes for real, no question
    assert not window.isVisible() and asked == []
    guard.remove()
