"""MPRIS2 on the session bus (QtDBus): media keys, GNOME/KDE media controls and ``playerctl``.

``Mpris(player).start()`` registers ``org.mpris.MediaPlayer2.companion`` with the
``org.mpris.MediaPlayer2`` and ``org.mpris.MediaPlayer2.Player`` interfaces on
``/org/mpris/MediaPlayer2``. Where there is no session bus (tests, servers, Windows,
macOS) ``start`` returns False and nothing else happens. Changes are announced with
``PropertiesChanged`` as the player's signals arrive.

Known limit: PySide6 turns Python ints below 2**31 into D-Bus ``int32`` inside
``Metadata`` (so ``mpris:length`` is ``int32`` for items under ~35 minutes, ``int64``
above); ``Position`` is always ``int64``. Clients we know read either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import ClassInfo, Property, QMetaType, QObject, Signal, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusArgument, QDBusConnection, QDBusMessage, QDBusObjectPath

from companion.core.playqueue import QueueEntry
from companion.playback.qtfix import emit

log = logging.getLogger(__name__)

SERVICE = "org.mpris.MediaPlayer2.companion"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
PLAYER_IFACE = "org.mpris.MediaPlayer2.Player"
ROOT_IFACE = "org.mpris.MediaPlayer2"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
_STATUS = {"playing": "Playing", "paused": "Paused", "stopped": "Stopped"}
_LOOP_TO_REPEAT = {"None": "off", "Playlist": "all", "Track": "one"}


def _empty_string_array() -> QDBusArgument:
    """An empty ``as``: PySide6 would send a Python ``[]`` as ``av``, which GDBus clients reject."""
    arg = QDBusArgument()
    arg.beginArray(QMetaType.Type.QString)
    arg.endArray()
    return arg


def track_id(entry: QueueEntry | None) -> str:
    return f"/io/github/companion/track/{entry.item_id}" if entry is not None else NO_TRACK


def metadata(entry: QueueEntry | None, duration: float, art: Path | None) -> dict[str, Any]:
    """The MPRIS ``Metadata`` map for an entry (pure; empty but for the track id when nothing plays)."""
    meta: dict[str, Any] = {"mpris:trackid": QDBusObjectPath(track_id(entry))}
    if entry is None:
        return meta
    meta["xesam:title"] = entry.title or Path(entry.path).stem
    if entry.artist:
        meta["xesam:artist"] = [entry.artist]
    if entry.album:
        meta["xesam:album"] = entry.album
    length = duration or entry.duration or 0
    if length > 0:
        meta["mpris:length"] = int(length * 1_000_000)
    meta["xesam:url"] = Path(entry.path).as_uri()
    if art is not None:
        meta["mpris:artUrl"] = art.as_uri()
    return meta


@ClassInfo(**{"D-Bus Interface": ROOT_IFACE})
class _RootAdaptor(QDBusAbstractAdaptor):
    def __init__(self, parent: QObject, mpris: Mpris) -> None:
        super().__init__(parent)
        self._m = mpris

    @Slot()
    def Raise(self) -> None:
        if self._m.raise_window:
            self._m.raise_window()

    @Slot()
    def Quit(self) -> None:
        if self._m.quit_app:
            self._m.quit_app()

    CanQuit = Property(bool, lambda self: self._m.quit_app is not None)
    CanRaise = Property(bool, lambda self: self._m.raise_window is not None)
    HasTrackList = Property(bool, lambda self: False)
    Identity = Property(str, lambda self: "Companion")
    DesktopEntry = Property(str, lambda self: "io.github.companion.Companion")
    SupportedUriSchemes = Property("QStringList", lambda self: ["file"])
    SupportedMimeTypes = Property(
        "QStringList",
        lambda self: ["audio/mpeg", "audio/flac", "audio/ogg", "audio/mp4", "video/mp4", "video/x-matroska"],
    )


@ClassInfo(**{"D-Bus Interface": PLAYER_IFACE})
class _PlayerAdaptor(QDBusAbstractAdaptor):
    Seeked = Signal("qlonglong")

    def __init__(self, parent: QObject, mpris: Mpris) -> None:
        super().__init__(parent)
        self._m = mpris

    @property
    def _p(self):  # the Player
        return self._m.player

    @Slot()
    def Next(self) -> None:
        self._p.next()

    @Slot()
    def Previous(self) -> None:
        self._p.previous()

    @Slot()
    def Pause(self) -> None:
        self._p.pause()

    @Slot()
    def PlayPause(self) -> None:
        if not self._m.start_when_empty():
            self._p.toggle()

    @Slot()
    def Stop(self) -> None:
        self._p.stop()

    @Slot()
    def Play(self) -> None:
        if not self._m.start_when_empty():
            self._p.play()

    @Slot(str)
    def OpenUri(self, uri: str) -> None:
        """Play a file:// URI (``playerctl open``, KDE Connect); other schemes are not played."""
        from PySide6.QtCore import QUrl

        url = QUrl(uri)
        if url.isLocalFile() and self._m.open_files is not None:
            self._m.open_files([url.toLocalFile()])

    @Slot("qlonglong")
    def Seek(self, offset_us: int) -> None:
        self._p.seek(self._p.position() + offset_us / 1_000_000)

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, track: QDBusObjectPath, position_us: int) -> None:
        if track.path() == track_id(self._p.current()) and position_us >= 0:
            self._p.seek(position_us / 1_000_000)

    def _set_volume(self, v: float) -> None:
        self._p.set_volume(v)

    def _set_shuffle(self, on: bool) -> None:
        self._p.set_shuffle(bool(on))

    def _set_loop(self, status: str) -> None:
        if status in _LOOP_TO_REPEAT:
            self._p.set_repeat(_LOOP_TO_REPEAT[status])

    PlaybackStatus = Property(str, lambda self: _STATUS[self._p.state()])
    LoopStatus = Property(
        str, lambda self: {v: k for k, v in _LOOP_TO_REPEAT.items()}[self._p.queue.repeat], _set_loop
    )
    Rate = Property(float, lambda self: 1.0)
    MinimumRate = Property(float, lambda self: 1.0)
    MaximumRate = Property(float, lambda self: 1.0)
    Shuffle = Property(bool, lambda self: self._p.queue.shuffled, _set_shuffle)
    Metadata = Property("QVariantMap", lambda self: self._m.metadata())
    Volume = Property(float, lambda self: self._p.volume(), _set_volume)
    Position = Property("qlonglong", lambda self: int(self._p.position() * 1_000_000))
    CanGoNext = Property(bool, lambda self: bool(self._p.queue.upcoming()) or self._p.queue.repeat == "all")
    CanGoPrevious = Property(bool, lambda self: len(self._p.queue) > 0)
    CanPlay = Property(bool, lambda self: len(self._p.queue) > 0 or self._m.play_something is not None)
    CanPause = Property(bool, lambda self: True)
    CanSeek = Property(bool, lambda self: self._p.current() is not None)
    CanControl = Property(bool, lambda self: True)


class Mpris(QObject):
    """The player on the session bus. ``raise_window`` / ``quit_app`` are the window's callables."""

    def __init__(
        self,
        player: Any,
        raise_window: Callable[[], None] | None = None,
        quit_app: Callable[[], None] | None = None,
        bus: QDBusConnection | None = None,
        *,
        play_something: Callable[[], None] | None = None,
        open_files: Callable[[list[str]], None] | None = None,
    ) -> None:
        super().__init__(player)
        self.player = player
        self.raise_window = raise_window
        self.quit_app = quit_app
        self.play_something = play_something  # Play with an empty queue: the best mix for now
        self.open_files = open_files  # OpenUri
        self._bus = bus
        self._root = QObject(self)
        self._root_adaptor = _RootAdaptor(self._root, self)
        self._player_adaptor = _PlayerAdaptor(self._root, self)
        self.registered = False

    def start(self) -> bool:
        """Register on the session bus; False (quietly) where there is none or the name is taken."""
        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no D-Bus session bus: MPRIS is off")
            return False
        if not bus.registerObject(OBJECT_PATH, self._root):
            log.info("MPRIS object path already in use")
            return False
        if not bus.registerService(SERVICE):
            bus.unregisterObject(OBJECT_PATH)
            log.info("MPRIS name %s is taken (another Companion?)", SERVICE)
            return False
        self._bus, self.registered = bus, True
        p = self.player
        p.currentChanged.connect(lambda _e: self._changed("Metadata", "CanSeek", "CanGoNext"))
        p.durationChanged.connect(lambda _d: self._changed("Metadata"))
        p.stateChanged.connect(lambda _s: self._changed("PlaybackStatus"))
        p.volumeChanged.connect(lambda *_a: self._changed("Volume"))
        p.seeked.connect(lambda seconds: emit(self._player_adaptor.Seeked, int(seconds * 1_000_000)))
        p.queueChanged.connect(
            lambda: self._changed("CanGoNext", "CanGoPrevious", "CanPlay", "Shuffle", "LoopStatus")
        )
        return True

    def start_when_empty(self) -> bool:
        """With nothing queued, Play starts the best mix for now (as the window's Play something does)."""
        if len(self.player.queue) == 0 and self.play_something is not None:
            self.play_something()
            return True
        return False

    def stop(self) -> None:
        if self.registered and self._bus is not None:
            self._bus.unregisterService(SERVICE)
            self._bus.unregisterObject(OBJECT_PATH)
            self.registered = False

    def metadata(self) -> dict[str, Any]:
        entry = self.player.current()
        art = None
        if entry is not None and entry.cover_key:
            from companion.core.library.covers import cover_path

            art = cover_path(self.player.profile, entry.cover_key)
        return metadata(entry, self.player.duration(), art)

    def _changed(self, *names: str) -> None:
        if not self.registered or self._bus is None:
            return
        values = {n: getattr(self._player_adaptor, n) for n in names}
        msg = QDBusMessage.createSignal(OBJECT_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged")
        msg.setArguments([PLAYER_IFACE, values, _empty_string_array()])
        self._bus.send(msg)
