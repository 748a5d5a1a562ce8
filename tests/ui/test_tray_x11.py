"""A real tray host: Companion's icon docks in ``trayer`` under Xvfb, one click plays, closing keeps it there.

Skips cleanly unless ``Xvfb``, ``trayer`` and ``xwininfo`` are installed (Debian: xvfb, trayer,
x11-utils). The app side runs in its own process on the real xcb platform (the test
process is offscreen), with no D-Bus session so Qt uses the XEmbed tray protocol.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from benchmarks.startup import start_xvfb
from companion.core import desktop_entry

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
