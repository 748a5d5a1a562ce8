"""The tray menu and its actions, offscreen, with a real Store, real files and the real Player."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from benchmarks.startup import start_xvfb
from companion.core import desktop_entry
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

player = playback.player  # the real Player, shared with its tests (on the store of tests/conftest.py)


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


# --- A real tray host: Companion's icon docks in ``trayer`` under Xvfb, one click plays, closing keeps it there.
#
# Skips cleanly unless ``Xvfb``, ``trayer`` and ``xwininfo`` are installed (Debian: xvfb, trayer,
# x11-utils). The app side runs in its own process on the real xcb platform (the test
# process is offscreen), with no D-Bus session so Qt uses the XEmbed tray protocol.

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "trayer", "xwininfo")

CHILD = r"""
import ctypes, ctypes.util, json, subprocess, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from companion.core.media.synth import tone, write_audio
from companion.core.paths import resolve_profile
from companion.core.settings import update_setting
from companion.core.store import Store
from companion.playback.player import Player
from companion.ui.backend import Backend
from companion.ui.live_settings import LiveSettings
from companion.ui.tasks import TaskRunner
from companion.ui.tray import install_tray
from tests.core.events.helpers import add_item
from tests.ui.test_tray import db_rows

out = {}
def report(**kw):
    out.update(kw)

from companion.app import make_app
app = make_app()   # the real app's names: WM_CLASS must match the desktop file's StartupWMClass
profile = resolve_profile(sys.argv[1]).ensure()
store = Store(profile)
conn = store.conn()
for i, name in enumerate(["Morning Light", "Café Élan", "Night & Day"]):
    path = write_audio(profile.data_dir / f"{i}.flac", tone(3.0, freq=330 + 60 * i))
    add_item(conn, path, duration=3.0, title=name, artist="The Testers")
add_item(conn, write_audio(profile.data_dir / "v.flac", tone(1.0)), kind="video", title="Episode 1")
update_setting(conn, "close_to_tray", True)
update_setting(conn, "notify_track_change", True)
window = QWidget()
window.setWindowTitle("Companion")
window.resize(320, 200)
backend = Backend(store)
settings = LiveSettings(backend, TaskRunner())
player = Player(store, settings_provider=settings.value)
tray = install_tray(app, window, player, backend, settings, rows_provider=lambda: db_rows(store.conn(), profile))
report(tray=tray is not None)
if tray is None:
    print(json.dumps(out)); sys.exit(3)

def send_wm_delete(wid):
    x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]
    class Event(ctypes.Union):
        _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]
    dpy = x.XOpenDisplay(None)
    ev = Event()
    ev.xclient.type, ev.xclient.window, ev.xclient.format = 33, wid, 32   # 33: ClientMessage
    ev.xclient.message_type = x.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
    ev.xclient.data[0] = x.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
    x.XSendEvent(dpy, wid, 0, 0, ctypes.byref(ev))
    x.XFlush(dpy)

steps = []
def step(delay, fn):
    steps.append((delay, fn))

def run_steps():
    if not steps:
        return
    delay, fn = steps.pop(0)
    def go():
        fn()
        run_steps()
    QTimer.singleShot(delay, go)

def docked():
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    report(tree=tree, rows=[a.text() for a in tray.menu.actions() if a.objectName().startswith("tray-row-")])

def click_now():
    tray.menu.rebuild()
    tray.menu.action("tray-row-now").trigger()

def after_click():
    entry = player.current()
    report(playing=entry.title if entry else None, state=player.state(), window_after_click=window.isVisible())
    from PySide6.QtWidgets import QLabel
    balloons = [w for w in app.topLevelWidgets() if w.metaObject().className() == "QBalloonTip" and w.isVisible()]
    report(notification=[l.text() for b in balloons for l in b.findChildren(QLabel)])
    window.show()

def close_like_a_person():
    report(window_shown=window.isVisible(), window_id=int(window.winId()))
    report(wm_class=subprocess.run(["xprop", "-id", str(int(window.winId())), "WM_CLASS"], capture_output=True,
                                   text=True).stdout)
    send_wm_delete(int(window.winId()))

def after_close():
    report(window_after_close=window.isVisible(), icon_after_close=tray.icon.isVisible())
    tray.menu.rebuild()
    tray.menu.action("tray-quit").trigger()

step(1500, docked)
step(0, click_now)
step(1200, after_click)
step(800, close_like_a_person)
step(800, after_close)
QTimer.singleShot(0, lambda: tray.homeRefreshed.connect(run_steps) if not tray.rows else run_steps())
QTimer.singleShot(30000, lambda: app.exit(4))   # never hang the test
code = app.exec()
player.close()
report(exit=code)
print(json.dumps(out))
"""


@pytest.fixture
def x_with_tray(tmp_path):
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (Debian: xvfb trayer x11-utils)")
    started = start_xvfb("800x600x24")
    if started is None:
        pytest.skip("Xvfb did not start")
    xvfb, display = started
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        PYTHONPATH=str(ROOT),
        # a bus that cannot be reached (no autolaunch either): Qt uses the XEmbed tray of trayer
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}",
    )
    trayer = subprocess.Popen(
        [
            "trayer",
            "--edge",
            "top",
            "--align",
            "right",
            "--widthtype",
            "pixel",
            "--width",
            "200",
            "--height",
            "24",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
        if '"panel"' in tree:
            break
        time.sleep(0.1)
    yield env
    for proc in (trayer, xvfb):
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _tray_icon_in_panel(tree: str) -> bool:
    """True when a window of class "Companion" is a child of trayer's "panel" window."""
    lines = tree.splitlines()
    for i, line in enumerate(lines):
        if '("panel" "trayer")' in line:
            indent = len(line) - len(line.lstrip())
            for child in lines[i + 1 :]:
                if len(child) - len(child.lstrip()) <= indent:
                    break
                if re.search(r'\("[^"]*" "Companion"\)', child):
                    return True
    return False


def test_icon_docks_in_a_real_tray_one_click_plays_and_close_keeps_it(x_with_tray, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(tmp_path / "profile")],
        env=x_with_tray,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.stdout.strip(), result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["tray"] is True
    assert _tray_icon_in_panel(out["tree"]), out["tree"]
    assert out["rows"][0] == "Right now: morning"
    # One click from the tray starts the mix and the window stays closed.
    assert out["playing"] == "Night & Day" and out["state"] == "playing"
    assert out["window_after_click"] is False
    # Track-change notification (turned on in settings): Qt's own balloon, as there is no D-Bus here.
    assert any("Night & Day" in text for text in out["notification"]), out["notification"]
    # The person closes the window (WM_DELETE_WINDOW from the window manager): it goes to the tray.
    assert out["window_shown"] is True
    # The window's class is what the .desktop file's StartupWMClass says, so docks group it with its entry.
    if shutil.which("xprop"):
        assert out["wm_class"].strip().endswith(f'"{desktop_entry.WM_CLASS}"'), out["wm_class"]
    assert out["window_after_close"] is False and out["icon_after_close"] is True
    # Quit from the tray ends the app cleanly.
    assert out["exit"] == 0 and result.returncode == 0, result.stderr[-3000:]
