"""The tray menu and its actions, offscreen, with a real Store, real files and the real Player."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from companion.core.media.synth import tone, write_audio, write_video
from companion.core.settings import load_settings, update_setting
from companion.core.taste.rows import Row, RowItem
from companion.ui.backend import Backend
from companion.ui.live_settings import LiveSettings
from companion.ui.tasks import TaskRunner
from companion.ui.tray import Tray, install_tray
from companion.ui.tray_menu import elide, quick_mix_rows
from tests.core.events.helpers import add_item, events
from tests.playback import conftest as playback

store, player = playback.store, playback.player  # the real Player on a fresh Store, shared with its tests


@pytest.fixture
def library(store, tmp_path):
    """Three short real tracks and one real video, as library items."""
    conn = store.conn()
    ids = {}
    for i, name in enumerate(["Morning Light", "Café Élan", "Night & Day"]):
        path = write_audio(tmp_path / f"{i} {name}.flac", tone(1.5, freq=330 + 60 * i))
        ids[name] = add_item(conn, path, duration=1.5, title=name, artist="The Testers")
    video = write_video(tmp_path / "Episode 1.mp4", seconds=1.0, fps=12, size=(64, 36))
    ids["Episode 1"] = add_item(conn, video, kind="video", duration=1.0, title="Episode 1", show="The Show")
    return ids


def db_rows(conn, profile) -> list[Row]:
    """Home-shaped rows read from the small library, deliberately out of quick-mix order."""
    items = {
        r["title"]: RowItem(
            item_id=r["id"],
            path=r["path"],
            kind=r["kind"],
            title=r["title"],
            artist=r["artist"] or r["show"],
            reason="in your library",
            duration=r["duration"],
        )
        for r in conn.execute("SELECT * FROM items WHERE status = 'ok' ORDER BY id")
    }
    music = tuple(i for i in items.values() if i.kind == "music")
    return [
        Row("discover", "Discover", "music", "new to you", music),
        Row("continue", "Continue watching", "video", "you stopped part way", (items["Episode 1"],)),
        Row("mood-chill", "Chill", "music", "calm and slow", music[1:]),
        Row("daily-1", "Daily Mix 1", "music", "The Testers and more", music),
        Row("empty-daily", "Daily Mix 9", "music", "nothing here", ()),
        Row("now", "Right now: morning", "music", "what you play in the morning", music[::-1]),
    ]


@pytest.fixture
def window(qtbot):
    w = QWidget()
    w.setWindowTitle("Companion")
    qtbot.addWidget(w)
    return w


@pytest.fixture
def backend(store):
    return Backend(store)


@pytest.fixture
def settings(backend):
    """The settings as the window has them (saved inline here, so a test reads them back at once)."""
    return LiveSettings(backend, TaskRunner(inline=True))


@pytest.fixture
def make_tray(qtbot, window, player, store, profile, library, backend, settings):
    made = []

    def make(**options) -> Tray:
        options.setdefault("rows_provider", lambda: db_rows(store.conn(), profile))
        options.setdefault("runner", TaskRunner(inline=True))
        tray = Tray(QApplication.instance(), window, player, backend, settings, **options)
        made.append(tray)
        qtbot.waitUntil(lambda: bool(tray.menu.rows), timeout=10_000)
        return tray

    yield make
    for tray in made:
        tray.close()


def _texts(tray: Tray) -> list[str]:
    tray.menu.rebuild()
    return [a.text().replace("&&", "&") for a in tray.menu.actions() if not a.isSeparator()]


def test_quick_mixes_are_now_then_daily_then_moods_then_continue():
    item = RowItem(1, "/a.flac", "music", "A", "B", "r")
    rows = [
        Row(i, i, "music", "r", (item,))
        for i in ("because-3", "continue", "mood-chill", "daily-2", "now", "daily-1", "discover")
    ]
    assert [r.id for r in quick_mix_rows(rows)] == ["now", "daily-2", "daily-1", "mood-chill", "continue"]
    assert quick_mix_rows([Row("now", "Now", "music", "r", ())]) == []


def test_menu_shows_now_playing_quick_mixes_and_global_actions(make_tray):
    tray = make_tray()
    assert _texts(tray) == [
        "Nothing playing",
        "Play",
        "Next",
        "Like",
        "Quick mixes",
        "Right now: morning",
        "Daily Mix 1",
        "Chill",
        "Continue watching",
        "Play something",
        "Private session",
        "Open Companion",
        "Quit",
    ]
    assert not tray.menu.action("tray-toggle").isEnabled()
    assert tray.menu.action("tray-row-now").toolTip() == "what you play in the morning"


def test_one_click_starts_a_quick_mix_and_records_the_row_start(qtbot, make_tray, player, store, library):
    tray = make_tray()
    tray.menu.rebuild()
    tray.menu.action("tray-row-daily-1").trigger()
    assert player.current().item_id == library["Morning Light"]
    assert player.current().context == "daily-1"
    qtbot.waitUntil(lambda: "Morning Light — The Testers" in _texts(tray), timeout=10_000)
    qtbot.waitUntil(lambda: tray.menu.action("tray-toggle").text() == "Pause", timeout=10_000)
    started = events(store.conn(), "row_start")
    assert [(e["item_id"], e["context"]) for e in started] == [(library["Morning Light"], "daily-1")]


def test_play_pause_next_and_like_act_on_the_player_and_the_library(qtbot, make_tray, player, store, library):
    tray = make_tray()
    tray.menu.rebuild()
    tray.menu.action("tray-play-something").trigger()  # the "now" row comes first
    assert player.current().item_id == library["Night & Day"]
    qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
    tray.menu.rebuild()
    tray.menu.action("tray-toggle").trigger()
    qtbot.waitUntil(lambda: player.state() == "paused", timeout=10_000)
    qtbot.waitUntil(lambda: tray.menu.now_playing.state == "paused")
    tray.menu.action("tray-next").trigger()
    assert player.current().item_id == library["Café Élan"]
    qtbot.waitUntil(lambda: tray.menu.now_playing.item_id == library["Café Élan"])
    tray.menu.rebuild()
    tray.menu.action("tray-like").trigger()
    qtbot.waitUntil(lambda: tray.menu.now_playing.liked, timeout=10_000)
    liked = (
        store.conn()
        .execute("SELECT liked FROM ratings WHERE item_id = ?", (library["Café Élan"],))
        .fetchone()
    )
    assert liked[0] == 1
    tray.menu.rebuild()
    assert tray.menu.action("tray-like").isChecked()
    tray.menu.action("tray-like").trigger()  # a second click takes the like back
    qtbot.waitUntil(lambda: not tray.menu.now_playing.liked, timeout=10_000)
    assert [e["type"] for e in events(store.conn()) if e["type"] in ("like", "unlike")] == ["like", "unlike"]


def test_a_video_row_brings_the_window_forward(qtbot, make_tray, window, player, library):
    tray = make_tray()
    assert not window.isVisible()
    tray.start_row("continue")
    assert player.current().item_id == library["Episode 1"]
    assert window.isVisible()


def test_private_session_is_saved_and_nothing_is_recorded_while_on(qtbot, make_tray, store, settings):
    tray = make_tray()
    changed = []
    settings.changed.connect(changed.append)
    tray.menu.rebuild()
    tray.menu.action("tray-private").trigger()
    qtbot.waitUntil(lambda: changed == ["private_session"], timeout=10_000)
    assert load_settings(store.conn()).private_session is True
    tray.menu.rebuild()
    assert tray.menu.action("tray-private").isChecked()
    tray.start_row("daily-1")
    assert events(store.conn(), "row_start") == []


def test_rows_follow_the_home_as_it_changes_on_the_timer(qtbot, make_tray, store, profile, tmp_path):
    tray = make_tray(refresh_ms=100, runner=TaskRunner())  # a real worker thread this time
    assert "Late Show" not in _texts(tray)
    path = write_audio(tmp_path / "late.flac", tone(1.0))
    add_item(store.conn(), path, duration=1.0, title="Late Show", artist="The Testers")

    threads = []

    def late_rows():
        threads.append(threading.current_thread())
        rows = db_rows(store.conn(), profile)
        return [Row("now", "Right now: late evening", "music", "late", rows[3].items)] + rows[1:-1]

    tray.rows_provider = late_rows
    qtbot.waitUntil(lambda: "Right now: late evening" in _texts(tray), timeout=10_000)
    assert "Right now: morning" not in _texts(tray)
    assert threading.main_thread() not in threads, "rows are computed off the UI thread"


def test_the_window_can_push_the_rows_it_rendered(make_tray):
    tray = make_tray()
    rows = tray.rows
    tray.set_home([Row("now", "Right now: pushed", "music", "r", rows[-1].items)])
    assert _texts(tray)[5:7] == ["Right now: pushed", "Play something"]


def test_open_companion_shows_the_window(make_tray, window):
    tray = make_tray()
    window.showMinimized()
    tray.menu.rebuild()
    tray.menu.action("tray-open").trigger()
    assert window.isVisible() and not window.isMinimized()


def test_close_to_tray_asks_once_then_hides_without_asking(qtbot, make_tray, window, store):
    tray = make_tray()
    window.show()
    asked = []

    def answer_keep():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "closeToTrayQuestion"
        asked.append(box.text())
        box.findChild(QWidget, "keepInTray").click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, answer_keep)
    assert tray.close_filter.user_closed() is True  # what a click on the window's close button does
    assert asked and not window.isVisible()
    qtbot.waitUntil(lambda: load_settings(store.conn()).close_to_tray is True, timeout=10_000)

    window.show()
    assert tray.close_filter.user_closed() is True  # asked once: no dialog this time
    assert len(asked) == 1 and not window.isVisible()


def test_choosing_quit_on_close_is_remembered(qtbot, make_tray, window, store):
    update_setting(store.conn(), "close_to_tray", False)  # before the window (and its settings) start
    tray = make_tray()
    assert tray.settings.value().close_to_tray is False
    assert tray.close_filter.user_closed() is False  # closes for real; no question


def test_code_closing_the_window_is_never_intercepted(make_tray, window, store):
    tray = make_tray()
    window.show()
    window.close()  # not spontaneous: what QApplication.quit() and the window's own Quit do
    assert not window.isVisible()
    assert tray.settings.value().close_to_tray is None and load_settings(store.conn()).close_to_tray is None


def test_without_a_tray_on_the_desktop_install_returns_none_quietly(qapp, window, backend, settings):
    from PySide6.QtWidgets import QSystemTrayIcon

    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this platform has a tray")
    assert install_tray(qapp, window, None, backend, settings) is None
    assert qapp.quitOnLastWindowClosed()
    assert QApplication.activeModalWidget() is None


def test_with_no_rows_yet_the_tray_looks_again_soon(qtbot, store, profile, library, backend, settings):
    calls = []

    def first_empty():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("no listening yet")  # as the home does while the first scan is running
        return db_rows(store.conn(), profile)

    from companion.ui import tray as tray_module

    tray = Tray(
        QApplication.instance(),
        QWidget(),
        None,
        backend,
        settings,
        rows_provider=first_empty,
        runner=TaskRunner(inline=True),
    )
    try:
        assert tray.rows == [] and _texts(tray)[4] == "No mixes yet"
        assert tray._retry.isActive() and tray._retry.interval() == tray_module.RETRY_MS
        tray._retry.setInterval(50)
        tray._retry.start()
        qtbot.waitUntil(lambda: len(calls) == 2, timeout=5_000)
        assert "Right now: morning" in _texts(tray)
        assert not tray._retry.isActive()
    finally:
        tray.close()


def test_opening_the_menu_refreshes_stale_rows(make_tray, monkeypatch, store, profile):
    from companion.ui import tray as tray_module

    tray = make_tray()
    seen = []
    tray.rows_provider = lambda: seen.append(1) or db_rows(store.conn(), profile)
    tray.menu.aboutToShow.emit()
    assert seen == []  # fresh rows: no work
    monkeypatch.setattr(tray_module, "STALE_MS", -1)
    tray.menu.aboutToShow.emit()
    assert seen == [1]


@pytest.mark.parametrize("panel", ["#f2f2f2", "#ffffff", "#1e1e1e", "#000000"])
def test_tray_icon_reads_on_light_and_dark_panels(qapp, panel):
    """WCAG's 3:1 for graphics: the icon's visible pixels against the panel, at a typical 22 px."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from companion.core.desktop_entry import ICON_DIR

    def luminance(c: QColor) -> float:
        def lin(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())

    icon = QImage(22, 22, QImage.Format.Format_ARGB32)
    icon.fill(Qt.GlobalColor.transparent)
    painter = QPainter(icon)
    QSvgRenderer(str(ICON_DIR / "companion-tray.svg")).render(painter)
    painter.end()
    background = luminance(QColor(panel))
    covered = [
        QColor(icon.pixel(x, y))
        for x in range(22)
        for y in range(22)
        if QColor.fromRgba(icon.pixel(x, y)).alpha() > 200
    ]
    assert len(covered) > 22 * 22 * 0.5, "the icon fills most of its square"
    mean = sum(luminance(c) for c in covered) / len(covered)
    lighter, darker = max(mean, background), min(mean, background)
    assert (lighter + 0.05) / (darker + 0.05) >= 3.0


def test_quick_mixes_are_the_real_homes_rows(qtbot, store, profile, backend, settings):
    """The default provider is the backend's home (the taste engine's): the tray lists its rows, ``now`` first."""
    import random
    import time

    from companion.core.taste.home import build_home

    conn = store.conn()
    rng = random.Random(3)
    now = time.time()
    genres = ["rock", "jazz", "ambient", "folk"]
    ids = [
        add_item(
            conn,
            f"/music/a{i % 12}/{i}.flac",
            title=f"Song {i}",
            artist=f"Artist {i % 12}",
            album=f"Album {i % 30}",
            genres=f'["{genres[i % 4]}"]',
        )
        for i in range(240)
    ]
    with conn:
        conn.executemany(
            "INSERT INTO events(item_id, type, ts, tz_offset_min) VALUES (?, ?, ?, 0)",
            [
                (
                    rng.choice(ids[:120]),
                    rng.choice(["play", "completed", "skip"]),
                    now - rng.uniform(0, 20 * 86400),
                )
                for _ in range(900)
            ],
        )
    tray = Tray(QApplication.instance(), QWidget(), None, backend, settings, runner=TaskRunner())
    try:
        qtbot.waitUntil(lambda: bool(tray.menu.rows), timeout=30_000)
        expected = quick_mix_rows(build_home(conn, profile))
        assert [r.id for r in tray.menu.rows] == [r.id for r in expected]
        assert tray.menu.rows[0].id == "now"
        assert _texts(tray)[5 : 5 + len(expected)] == [elide(r.title) for r in expected]
    finally:
        tray.close()


def test_an_album_card_in_continue_plays_its_album_in_order(
    qtbot, make_tray, player, library, store, profile
):
    import dataclasses

    tracks = [library[n] for n in ("Night & Day", "Morning Light", "Café Élan")]  # the album's order

    def rows():
        music = db_rows(store.conn(), profile)[0].items
        first = next(i for i in music if i.item_id == tracks[0])
        card = dataclasses.replace(first, title="The Album", play_ids=tuple(tracks))
        return [Row("continue", "Continue", "music", "the album you were playing", (card,))]

    tray = make_tray(rows_provider=rows)
    tray.start_row("continue")
    assert [e.item_id for e in player.queue.entries] == tracks
    assert player.current().item_id == tracks[0]
