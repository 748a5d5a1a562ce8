"""The video page's questions: Enter / Esc on "continue from?", the up-next countdown and its cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _active(qtbot, w) -> None:
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5_000)


def test_resume_prompt_takes_enter_and_esc(qtbot, built):
    w = built.window
    _active(qtbot, w)
    answers: list[tuple[int, bool]] = []
    w.video.resumeChosen.connect(lambda item, resume: answers.append((item, resume)))
    w.show_page("video")
    w.video.ask_resume(7, "Arrival", 83.0)
    assert w.video.prompt.isVisible() and w.focusWidget() is w.video.resume_button  # focus on the default
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Return)
    assert answers == [(7, True)] and not w.video.prompt.isVisible()
    w.video.ask_resume(7, "Arrival", 83.0)
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Escape)
    assert answers[-1] == (7, False)
    w.video.ask_resume(7, "Arrival", 83.0)
    w.video.restart_button.setFocus(Qt.FocusReason.TabFocusReason)  # Tab went to "Start over"
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Enter)
    assert answers[-1] == (7, False)


def test_up_next_counts_down_and_can_be_cancelled(qtbot, built, monkeypatch):
    import companion.ui.video as video

    w = built.window
    _active(qtbot, w)
    played: list[int] = []
    w.video.playNext.connect(played.append)
    w.show_page("video")
    w.video.offer_next(12, "The Long Dark")
    assert w.video.prompt_text.text() == f"Up next: The Long Dark, in {video.UP_NEXT_S} s"
    assert w.video.counting_down() and w.focusWidget() is w.video.resume_button
    qtbot.wait(1100)
    assert w.video.prompt_text.text() == f"Up next: The Long Dark, in {video.UP_NEXT_S - 1} s"
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_Escape)  # cancelled: stays offered, no countdown
    assert not w.video.counting_down() and w.video.prompt.isVisible()
    assert w.video.prompt_text.text() == "Up next: The Long Dark"
    qtbot.wait(1500)
    assert played == []
    monkeypatch.setattr(video, "UP_NEXT_S", 2)
    w.video.offer_next(12, "The Long Dark")
    qtbot.waitUntil(lambda: played == [12], timeout=4_000)  # the countdown ran out: it plays
    assert not w.video.prompt.isVisible()
