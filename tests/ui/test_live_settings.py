"""The window's observed settings: a change is stored, then told with its key; every view that shows it follows;
a refused change is put back and said; the window's process reads the settings once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from companion.core import settings as core_settings
from companion.core.settings import load_settings, update_setting
from companion.ui import theme
from companion.ui.backend import Backend
from companion.ui.live_settings import LiveSettings
from companion.ui.tasks import TaskRunner
from companion.ui.tray import Tray


def test_a_change_is_stored_then_told_with_its_key(qtbot, store):
    live = LiveSettings(Backend(store), TaskRunner())
    with qtbot.waitSignal(live.changed, timeout=10_000) as told:
        live.set("exploration", 0.7)
    assert told.args == ["exploration"]
    assert live.value().exploration == 0.7
    assert load_settings(store.conn()).exploration == 0.7  # stored before it is told


def test_a_bad_value_is_refused_said_and_shown_again_as_it_was(qtbot, store):
    live = LiveSettings(Backend(store), TaskRunner(inline=True))
    said: list[str] = []
    told: list[str] = []
    live.failed.connect(said.append)
    live.changed.connect(told.append)
    live.set("exploration", 3)
    live.set("no_such_setting", True)
    assert said == [
        "exploration not changed: exploration must be a number from 0 to 1, not 3",
        "no_such_setting not changed: unknown setting 'no_such_setting'",
    ]
    assert told == ["exploration", "no_such_setting"]  # the view that showed the bad value shows the old one
    assert live.value().exploration == 0.3 and load_settings(store.conn()).exploration == 0.3


def test_a_change_that_cannot_be_stored_is_put_back(qtbot, store):
    live = LiveSettings(
        Backend(store), TaskRunner(inline=True)
    )  # inline: the change is stored on this thread
    said: list[str] = []
    live.failed.connect(said.append)
    store.conn().execute("PRAGMA query_only = ON")  # the database refuses every write, as a full disk would
    live.set("private_session", True)
    assert live.value().private_session is False, "not stored: not in effect either"
    assert len(said) == 1 and said[0].startswith("private_session not changed: ")
    store.conn().execute("PRAGMA query_only = OFF")
    assert load_settings(store.conn()).private_session is False


def _tray(built) -> Tray:
    return Tray(
        QApplication.instance(),
        built.window,
        built.player,
        built.controller.backend,
        built.settings,
        rows_provider=lambda: [],
        runner=TaskRunner(inline=True),
    )


def test_every_view_of_a_setting_follows_it(qtbot, built):
    w, live = built.window, built.settings
    tray = _tray(built)
    try:
        # private session from the Settings page: the sidebar's badge, the tray's menu, the recorder
        w.settings.private.setChecked(True)
        qtbot.waitUntil(lambda: w.private_badge.isVisible() and tray.menu.private_session, timeout=10_000)
        assert built.player._settings().private_session is True
        # ... and from the tray: the Settings page and the badge
        tray.set_private_session(False)
        qtbot.waitUntil(lambda: not w.settings.private.isChecked(), timeout=10_000)
        assert not w.private_badge.isVisible() and not tray.menu.private_session
        # closing to the tray, chosen in the tray's question: the Settings page shows the choice
        tray.close_filter.ask = lambda _window: True
        w.show()
        assert tray.close_filter.user_closed() is True
        qtbot.waitUntil(lambda: w.settings.close_to_tray.currentData() is True, timeout=10_000)
        # notifications and the theme, set from anywhere: the page shows them, the theme is applied
        live.set("notify_track_change", True)
        qtbot.waitUntil(w.settings.notify.isChecked, timeout=10_000)
        live.set("theme", "light")
        qtbot.waitUntil(lambda: theme.current().name == "light", timeout=10_000)
        assert w.settings.theme.currentText() == "light"
    finally:
        tray.close()


def test_the_window_reads_the_settings_once(qtbot, demo_profile, monkeypatch):
    """Built, shown, its Settings page opened, a setting changed and a mix started (the backend asks about a
    private session): one read of the settings in all (storing a change reads the stored ones to merge into)."""
    import sys

    from companion.app import build
    from companion.core.db import open_profile_db
    from companion.core.demo import ensure_demo

    conn = open_profile_db(demo_profile)
    ensure_demo(conn, demo_profile)
    update_setting(conn, "notify_track_change", True)
    conn.close()
    readers: list[str] = []
    real = core_settings.load_settings

    def counted(c):
        readers.append(sys._getframe(1).f_code.co_name)
        return real(c)

    monkeypatch.setattr(core_settings, "load_settings", counted)
    parts = build(demo_profile, background=False)
    qtbot.addWidget(parts.window)
    w, c = parts.window, parts.controller
    try:
        w.show()
        qtbot.waitUntil(lambda: c.home_data is not None, timeout=30_000)
        assert w.settings.notify.isChecked(), "the page shows the settings read at start"
        w.show_page("settings")
        qtbot.waitUntil(lambda: w.settings.folders.count() > 0, timeout=10_000)
        with qtbot.waitSignal(parts.settings.changed, timeout=10_000):
            parts.settings.set("replaygain", "track")
        c.play_row(c.home_data.rows[0], 0, False)
        starts = "SELECT COUNT(*) FROM events WHERE type = 'row_start'"
        qtbot.waitUntil(lambda: c.backend.store.conn().execute(starts).fetchone()[0] == 1, timeout=10_000)
        assert [r for r in readers if r != "update_setting"] == ["start_core"]
    finally:
        parts.close()
        w.close()
