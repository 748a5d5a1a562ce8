"""``after_first_paint`` runs its callback once, after the widget's paint, not when it was made or shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from companion.ui.first_paint import after_first_paint


class _Recorder(QWidget):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def paintEvent(self, event) -> None:
        self.log.append("painted")
        super().paintEvent(event)


def test_the_callback_comes_once_after_the_first_paint(qtbot):
    log: list[str] = []
    w = _Recorder(log)
    qtbot.addWidget(w)
    after_first_paint(w, lambda: log.append("then"))
    w.resize(200, 100)
    w.show()  # shown: not painted yet, and nothing runs in this turn
    assert log == []
    qtbot.waitUntil(lambda: "then" in log, timeout=5000)
    assert log.index("painted") < log.index("then")
    w.repaint()
    w.repaint()
    qtbot.wait(50)
    assert log.count("then") == 1 and log.count("painted") >= 3


def test_the_start_makes_the_tray_and_media_keys_only_after_the_first_home_is_painted(qtbot, demo_library):
    """Before, they ran on the home's arrival, in the turn before its strips were laid out and painted,
    and held the first paint back by a quarter of a second."""
    from PySide6.QtCore import QEvent, QObject

    from companion.app import _after_first_home, build

    log: list[str] = []
    parts = build(demo_library, background=False)
    qtbot.addWidget(parts.window)
    home = parts.window.home

    class Paints(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                log.append("first strip painted")
            return False

    paints = Paints(parts.window)

    def arrived(_data) -> None:
        log.append("home arrived")
        home.strips[home.rows[0].id].installEventFilter(paints)

    parts.controller.homeReady.connect(arrived)
    _after_first_home(parts.controller, lambda: log.append("tray and media keys"))
    parts.window.resize(1280, 820)
    parts.window.show()
    try:
        qtbot.waitUntil(lambda: "tray and media keys" in log, timeout=30_000)
        assert log.index("home arrived") < log.index("first strip painted") < log.index("tray and media keys")
    finally:
        parts.close()
        parts.window.close()


def test_a_home_still_being_computed_is_waited_for_past_the_deadline(qtbot, demo_library):
    """The deadline is for the welcome (no home comes); a new profile's first fit outlasted it, and the
    tray's imports then ran while that home arrived (up to 0.25 s later on screen)."""
    from companion.app import _after_first_home, build

    log: list[str] = []
    parts = build(demo_library, background=False)
    qtbot.addWidget(parts.window)
    parts.controller.homeReady.connect(lambda _data: log.append("home arrived"))
    _after_first_home(parts.controller, lambda: log.append("tray and media keys"), at_most_ms=0)
    parts.window.show()
    try:
        assert parts.controller.first_home_coming()
        qtbot.waitUntil(lambda: "tray and media keys" in log, timeout=30_000)
        assert log.index("home arrived") < log.index("tray and media keys")
    finally:
        parts.close()
        parts.window.close()


def test_without_a_home_coming_the_deadline_holds(qtbot, profile):
    from companion.app import _after_first_home, build

    log: list[str] = []
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    _after_first_home(parts.controller, lambda: log.append("tray and media keys"), at_most_ms=50)
    parts.window.show()
    try:
        assert not parts.controller.first_home_coming()  # an empty library: the welcome, no home
        qtbot.waitUntil(lambda: "tray and media keys" in log, timeout=5_000)
        assert parts.controller.home_data is None
    finally:
        parts.close()
        parts.window.close()
