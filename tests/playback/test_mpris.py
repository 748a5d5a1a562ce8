"""MPRIS2 against a private ``dbus-daemon --session``, driven by an independent client (gdbus)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtDBus import QDBusConnection

from companion.playback.mpris import OBJECT_PATH, SERVICE, Mpris
from tests.core.events.helpers import add_item
from tests.playback.conftest import wait_position

needs_dbus = pytest.mark.skipif(
    not (shutil.which("dbus-daemon") and shutil.which("gdbus")), reason="dbus-daemon and gdbus are needed"
)


@pytest.fixture
def bus_address():
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True
    )
    address = proc.stdout.readline().strip()
    yield address
    proc.terminate()
    proc.wait(10)


def _gdbus(qtbot, address: str, *args: str) -> str:
    """Run gdbus without blocking the Qt loop that answers it."""
    proc = subprocess.Popen(
        [
            "gdbus",
            "call",
            "--address",
            address,
            "--dest",
            SERVICE,
            "--object-path",
            OBJECT_PATH,
            "--method",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10_000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return out


def _get(qtbot, address: str, iface: str, name: str) -> str:
    return _gdbus(qtbot, address, "org.freedesktop.DBus.Properties.Get", iface, name)


@needs_dbus
def test_mpris_metadata_and_controls(qtbot, player, store, make_track, bus_address):
    cover = store.profile.covers_dir / "abc123.jpg"
    cover.parent.mkdir(parents=True, exist_ok=True)
    cover.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    song = make_track("song.mp3", 4.0, title="Song", artist="Band", album="Album", cover_key="abc123")
    other = make_track("other.flac", 4.0, title="Other")
    bus = QDBusConnection.connectToBus(bus_address, "mpris-test")
    mpris = Mpris(player, bus=bus)
    assert mpris.start()
    player.play_items([song, other])
    wait_position(qtbot, player, 0.3)

    meta = _get(qtbot, bus_address, "org.mpris.MediaPlayer2.Player", "Metadata")
    for expected in (
        "'xesam:title': <'Song'>",
        "'xesam:artist': <['Band']>",
        "'xesam:album': <'Album'>",
        f"'mpris:artUrl': <'{cover.as_uri()}'>",
        f"'mpris:trackid': <objectpath '/io/github/companion/track/{song}'>",
    ):
        assert expected in meta
    # int64 as the spec says (PySide6 6.11), or int32 where PySide6 narrows small ints in a map; the
    # length is the library's or, once the decoder knows it, the file's own (MP3 padding adds ~75 ms)
    length = re.search(r"'mpris:length': <(?:int64 )?(\d+)>", meta)
    assert length and 4_000_000 <= int(length.group(1)) <= 4_200_000, meta
    assert "Playing" in _get(qtbot, bus_address, "org.mpris.MediaPlayer2.Player", "PlaybackStatus")
    assert "Companion" in _get(qtbot, bus_address, "org.mpris.MediaPlayer2", "Identity")

    monitor = subprocess.Popen(
        ["gdbus", "monitor", "--address", bus_address, "--dest", SERVICE],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        qtbot.wait(300)  # let the monitor subscribe
        _gdbus(
            qtbot,
            bus_address,
            "org.mpris.MediaPlayer2.Player.SetPosition",
            f"/io/github/companion/track/{song}",
            "2500000",
        )
        qtbot.waitUntil(lambda: player.position() >= 2.5, timeout=5_000)
        _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.PlayPause")
        qtbot.waitUntil(lambda: player.state() == "paused")
        qtbot.wait(300)
    finally:
        monitor.terminate()
        seen = monitor.communicate(timeout=10)[0]
    assert "org.mpris.MediaPlayer2.Player.Seeked (int64 2500000,)" in seen
    # what GDBus clients (playerctl, GNOME) accept: (sa{sv}as)
    assert (
        "PropertiesChanged ('org.mpris.MediaPlayer2.Player', {'PlaybackStatus': <'Paused'>}, @as [])" in seen
    )

    assert "Paused" in _get(qtbot, bus_address, "org.mpris.MediaPlayer2.Player", "PlaybackStatus")
    _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.Play")
    qtbot.waitUntil(lambda: player.state() == "playing")
    _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.Next")
    qtbot.waitUntil(lambda: player.current() is not None and player.current().item_id == other)
    assert "'xesam:title': <'Other'>" in _get(qtbot, bus_address, "org.mpris.MediaPlayer2.Player", "Metadata")
    _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.Previous")
    qtbot.waitUntil(lambda: player.current() is not None and player.current().item_id == song)
    _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.Stop")
    qtbot.waitUntil(lambda: player.state() == "stopped")
    mpris.stop()
    QDBusConnection.disconnectFromBus("mpris-test")


def test_mpris_starts_cleanly_without_a_session_bus(qtbot, player, tmp_path):
    bus = QDBusConnection.connectToBus(f"unix:path={tmp_path / 'no-bus-here'}", "no-bus")
    mpris = Mpris(player, bus=bus)
    assert mpris.start() is False
    assert not mpris.registered
    QDBusConnection.disconnectFromBus("no-bus")


def test_metadata_without_a_track_has_only_the_no_track_id():
    from companion.playback.mpris import NO_TRACK, metadata

    meta = metadata(None, 0.0, None)
    assert list(meta) == ["mpris:trackid"] and meta["mpris:trackid"].path() == NO_TRACK


def test_items_without_tags_show_their_file_name(store):
    from companion.core.playqueue import entries_from_db
    from companion.playback.mpris import metadata

    item = add_item(store.conn(), "/m/Some Song.mp3", title=None, duration=61.5)
    store.conn().execute("UPDATE items SET title = NULL WHERE id = ?", (item,))
    (entry,) = entries_from_db(store.conn(), [item])
    meta = metadata(entry, 0.0, None)
    assert meta["xesam:title"] == "Some Song" and meta["mpris:length"] == 61_500_000
    assert "xesam:artist" not in meta


@needs_dbus
def test_open_uri_and_play_with_an_empty_queue(qtbot, player, store, make_track, bus_address, tmp_path):
    """QA session 2, B13: OpenUri was missing (the spec requires it); Play on a fresh start did nothing."""
    song = make_track("open me.flac", 3.0, title="Open Me")
    path = store.conn().execute("SELECT path FROM items WHERE id = ?", (song,)).fetchone()[0]
    opened: list[list[str]] = []
    started: list[int] = []
    bus = QDBusConnection.connectToBus(bus_address, "mpris-open")
    mpris = Mpris(player, bus=bus, play_something=lambda: started.append(1), open_files=opened.append)
    assert mpris.start()
    try:
        assert "true" in _get(qtbot, bus_address, "org.mpris.MediaPlayer2.Player", "CanPlay")
        _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.Play")
        qtbot.waitUntil(lambda: started == [1], timeout=5_000)
        _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.PlayPause")
        qtbot.waitUntil(lambda: started == [1, 1], timeout=5_000)
        from pathlib import Path

        _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.OpenUri", Path(path).as_uri())
        qtbot.waitUntil(lambda: opened == [[path]], timeout=5_000)
        _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.OpenUri", "https://example.org/x.mp3")
        qtbot.wait(200)
        assert opened == [[path]], "only local files are opened"
        player.play_items([song])
        qtbot.waitUntil(lambda: player.state() == "playing", timeout=10_000)
        _gdbus(qtbot, bus_address, "org.mpris.MediaPlayer2.Player.PlayPause")
        qtbot.waitUntil(lambda: player.state() == "paused", timeout=5_000)
        assert started == [1, 1], "with a queue, PlayPause pauses"
    finally:
        mpris.stop()
        QDBusConnection.disconnectFromBus("mpris-open")
