"""The now-playing bar: accent toggles, narrow widths, seek and volume clicks; and the notice when there is no
sound output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QLabel

from companion.core.media.synth import tone, write_audio, write_tags
from companion.core.playqueue import QueueEntry
from tests import sound_server
from tests.ui.helpers import FakePlayer, colour_close, opaque_colors, play_music

# --- QA (session 2) C2: a toggle that is on shows it -----------------------------------------------------


def test_now_playing_toggles_turn_accent_when_on(qtbot, themed):
    from companion.ui.nowplaying import tool

    c = themed("dark")
    for name in ("like", "shuffle", "repeat"):
        b = tool(name, name, checkable=True, size=18)
        qtbot.addWidget(b)
        b.resize(36, 36)
        b.show()
        qtbot.waitExposed(b)
        off = opaque_colors(b.icon().pixmap(QSize(18, 18), QIcon.Mode.Normal, QIcon.State.Off).toImage())
        on = opaque_colors(b.icon().pixmap(QSize(18, 18), QIcon.Mode.Normal, QIcon.State.On).toImage())
        assert off and all(colour_close(x, QColor(c.text)) for x in off), name
        assert on and all(colour_close(x, QColor(c.accent)) for x in on), name
        b.setChecked(True)
        shot = b.grab().toImage()
        accent = [
            shot.pixelColor(x, y)
            for x in range(shot.width())
            for y in range(shot.height())
            if colour_close(shot.pixelColor(x, y), QColor(c.accent), 30)
        ]
        assert len(accent) > 20, f"{name}: the checked button is drawn with an accent glyph"
    mute = tool("volume", "Mute", checkable=True, accent_when_on=False)
    qtbot.addWidget(mute)
    on = opaque_colors(mute.icon().pixmap(QSize(18, 18), QIcon.Mode.Normal, QIcon.State.On).toImage())
    assert all(colour_close(x, QColor(c.text)) for x in on)


# --- QA (session 2) C10: the now-playing bar at the window's smallest size ------------------------------


class _NoArt(QObject):
    ready = Signal(str)

    def pixmap(self, _key):
        return None


class _PlayerSignals(QObject):
    positionChanged = Signal(float)
    durationChanged = Signal(float)
    stateChanged = Signal(str)


def _bar_player() -> FakePlayer:
    """The test player with what the now-playing bar asks of it."""
    player = FakePlayer()
    player.toggle = player.previous = player.next = lambda: None
    player.set_shuffle = player.set_volume = player.set_muted = lambda *_a: None
    player.volume = lambda: 0.8
    player.signals = more = _PlayerSignals()
    player.positionChanged, player.durationChanged, player.stateChanged = (
        more.positionChanged,
        more.durationChanged,
        more.stateChanged,
    )
    return player


def test_now_playing_bar_keeps_its_parts_apart_when_narrow(qtbot):
    from companion.ui.nowplaying import STARS_FROM_WIDTH, NowPlayingBar

    player = _bar_player()
    bar = NowPlayingBar(player, _NoArt())
    qtbot.addWidget(bar)
    bar.set_entry(player.queue.entries[0])
    bar.title.setText("A very long title that would push every control off the bar " * 3)
    bar._duration(3725.0)
    for width in (960, 1280):
        bar.resize(width, bar.height())
        bar.show()
        qtbot.waitExposed(bar)
        qtbot.wait(20)
        seek, total, elapsed = bar.seek.geometry(), bar.total.geometry(), bar.elapsed.geometry()
        seek_in_bar = bar.seek.parentWidget().mapTo(bar, seek.topLeft())
        total_in_bar = bar.total.parentWidget().mapTo(bar, total.topLeft())
        assert total_in_bar.x() >= seek_in_bar.x() + seek.width(), (
            f"{width}: the time sits beside the seek bar"
        )
        assert (
            bar.total.text() == "1:02:05"
            and bar.total.width() >= bar.total.fontMetrics().horizontalAdvance("1:02:05")
        )
        assert bar.stars.isVisible() == (width >= STARS_FROM_WIDTH)
        assert bar.title.text().startswith("A very long title") and bar.title.width() <= 262
        assert elapsed.width() > 0


# --- B7: a click on the progress or volume bar jumps there -----------------------------------------
def test_clicking_the_seek_and_volume_bars_jumps_there(qtbot, built):
    w, player = built.window, built.player
    play_music(qtbot, built)
    bar = w.now_playing
    bar._duration(100.0)
    seek = bar.seek
    y = seek.height() // 2
    with qtbot.waitSignal(player.seeked, timeout=2_000) as seeked:
        qtbot.mouseClick(seek, Qt.MouseButton.LeftButton, pos=QPoint(int(seek.width() * 0.9), y))
    assert 80.0 <= seeked.args[0] <= 100.0, seeked.args
    volume = bar.volume
    qtbot.mouseClick(
        volume, Qt.MouseButton.LeftButton, pos=QPoint(int(volume.width() * 0.2), volume.height() // 2)
    )
    assert 10 <= volume.value() <= 30
    assert abs(player.volume() - volume.value() / 100) < 0.01


# --- The now-playing bar and what surrounds it: no length left over when nothing play


def test_nothing_playing_shows_no_stale_length(qtbot, built):
    bar = built.window.now_playing
    bar.set_entry(QueueEntry(item_id=1, path="/x.flac", title="Long one", duration=754.0))
    assert bar.total.text() == "12:34"
    bar.set_entry(None)
    assert bar.title.text() == "Nothing playing"
    assert (bar.total.text(), bar.elapsed.text()) == ("0:00", "0:00")


def test_tooltips_are_styled_and_cjk_titles_have_glyphs(qtbot, built):
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
    from PySide6.QtWidgets import QApplication

    assert "QToolTip" in QApplication.instance().styleSheet()
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    japanese = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    assert chinese and japanese, "no font for CJK titles: scripts/setup installs fonts-wqy-zenhei"
    metrics = QFontMetrics(QFont(chinese[0]))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "東京の夜서울")


def test_a_title_is_shortened_only_when_it_has_no_room(qtbot):
    """Issue 16 polish: a title that fits the room the bar gives it is shown whole, a longer one uses all of
    that room before it is shortened (the label's size hint was its shortened text: once cut, it stayed)."""
    from companion.ui.nowplaying import NowPlayingBar

    player = _bar_player()
    bar = NowPlayingBar(player, _NoArt())
    qtbot.addWidget(bar)
    bar.resize(1280, bar.height())
    bar.show()
    qtbot.waitExposed(bar)
    bar.set_entry(player.queue.entries[0])
    fits = "Steam on Glass (Live, 1979)"
    bar.title.setText(fits)
    assert bar.title.fontMetrics().horizontalAdvance(fits) < 230  # room for it in the bar (at most 260 px)
    qtbot.waitUntil(lambda: QLabel.text(bar.title) == fits, timeout=2_000)
    assert bar.title.width() >= bar.title.fontMetrics().horizontalAdvance(fits)
    long = "A very long title that would push every control off the bar " * 3
    bar.title.setText(long)
    qtbot.waitUntil(lambda: bar.title.width() >= 240, timeout=2_000)
    assert QLabel.text(bar.title).endswith("…") and bar.title.toolTip() == long
    bar.title.setText(fits)  # a short title after a long one: shown whole again
    qtbot.waitUntil(lambda: QLabel.text(bar.title) == fits, timeout=2_000)


# --- No sound output (issue 16, part 8): one notice that blocks nothing, no clock running over silence,
# nothing recorded; it clears when a device appears. A real PulseAudio server with no sink, then one.
def test_no_sound_output_is_told_and_nothing_is_recorded(tmp_path):
    try:
        server = sound_server.Server(sink=False)
    except OSError as e:
        pytest.skip(str(e))
    try:
        music = tmp_path / "Music"
        for n in range(2):
            path = write_audio(music / f"0{n} Song.flac", tone(3.0, freq=300 + 50 * n))
            write_tags(path, {"title": f"Song {n}", "artist": "Band", "album": "Album"})
        env = {**os.environ, "PULSE_SERVER": server.address, "QT_QPA_PLATFORM": "offscreen"}
        root = Path(__file__).resolve().parents[2]
        r = subprocess.run(
            [sys.executable, "-m", "tests.ui.no_sound_session", str(tmp_path / "p"), str(music), server.address],
            env=env, cwd=root, capture_output=True, text=True, timeout=240,
        )  # fmt: skip
        assert r.stdout.strip().splitlines()[-1:] == ["OK"], r.stdout[-2000:] + r.stderr[-2000:]
        assert (tmp_path / "p" / "no-sound.png").is_file()
    finally:
        server.stop()
