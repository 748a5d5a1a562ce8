"""Two QMediaPlayers taking turns, so the next track is loaded before the current one ends.

Each player has its own ``QAudioOutput`` (so two can sound at once during a crossfade); the
active one plays (with the video output, when the window attached one); the spare opens the
next file ahead of time (``prepare``). When that file is asked for, the players swap instead
of opening it again: the gap between tracks is the swap, not a file open plus demuxer start.
``hand_over`` swaps while the old player keeps playing (``fading``) for a crossfade. Only the
active player's signals are forwarded.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QLoggingCategory, QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from companion.playback.override_cache import settle_overrides
from companion.playback.qtfix import emit

Status = QMediaPlayer.MediaStatus
# FFmpeg's "Input #0, flac, from ..." dump and Qt's FFmpeg notes on every file are not for the person's
# terminal; warnings still show, and QT_LOGGING_RULES still wins for whoever debugs.
QUIET_FFMPEG = "qt.multimedia.ffmpeg*.info=false\nqt.multimedia.ffmpeg*.debug=false"
QLoggingCategory.setFilterRules(QUIET_FFMPEG)


SETTLE_S = 2.0
_OPENING = (QMediaPlayer.MediaStatus.LoadingMedia, QMediaPlayer.MediaStatus.StalledMedia)


class Engine(QObject):
    positionChanged = Signal(int)  # ms
    durationChanged = Signal(int)  # ms
    mediaStatusChanged = Signal(object)  # QMediaPlayer.MediaStatus
    playbackStateChanged = Signal(object)  # QMediaPlayer.PlaybackState
    errorOccurred = Signal(object, str)  # QMediaPlayer.Error, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._players = [self._make(), self._make()]
        for mp in self._players:
            mp.setAudioOutput(settle_overrides(QAudioOutput(self)))
        self.active = self._players[0]
        self.fading: QMediaPlayer | None = None  # the outgoing player of a crossfade, still sounding
        self._video_output: QObject | None = None
        self._prepared: str | None = None  # path the spare has opened
        self.swaps = 0  # how many tracks started from a prepared spare

    @property
    def audio(self) -> QAudioOutput:
        """The active player's audio output (what volume and mute apply to)."""
        return self.active.audioOutput()

    def set_device(self, device: object) -> None:
        """Both players sound on ``device`` (a QAudioDevice: a new default output)."""
        for mp in self._players:
            mp.audioOutput().setDevice(device)

    @property
    def spare(self) -> QMediaPlayer:
        return self._players[1] if self.active is self._players[0] else self._players[0]

    def _make(self) -> QMediaPlayer:
        mp = settle_overrides(QMediaPlayer(self))  # its Qt threads never wait for Python's lock
        mp.positionChanged.connect(lambda v, mp=mp: self._forward(mp, self.positionChanged, v))
        mp.durationChanged.connect(lambda v, mp=mp: self._forward(mp, self.durationChanged, v))
        mp.mediaStatusChanged.connect(lambda v, mp=mp: self._forward(mp, self.mediaStatusChanged, v))
        mp.playbackStateChanged.connect(lambda v, mp=mp: self._forward(mp, self.playbackStateChanged, v))
        mp.errorOccurred.connect(lambda e, m, mp=mp: self._forward(mp, self.errorOccurred, e, m))
        return mp

    def _forward(self, mp: QMediaPlayer, signal, *args) -> None:  # signal: a bound Signal
        if mp is self.active:
            emit(signal, *args)

    def set_video_output(self, output: QObject | None) -> None:
        """Attach the window's QVideoWidget / QVideoSink / QGraphicsVideoItem (None detaches)."""
        self._video_output = output
        self.active.setVideoOutput(output)

    def prepare(self, path: str | None) -> None:
        """Open ``path`` in the spare player (not playing) so a later ``load`` of it is instant."""
        if path == self._prepared or self.fading is not None:
            return  # (while a crossfade runs the spare is the outgoing player: it is asked again later)
        self._prepared = path
        self.spare.setSource(QUrl.fromLocalFile(path) if path else QUrl())

    def load(self, path: str) -> bool:
        """Make ``path`` the active source; True when the prepared spare was swapped in."""
        spare = self.spare
        ready = (
            self._prepared == path
            and spare.source() == QUrl.fromLocalFile(path)
            and spare.mediaStatus() in (Status.LoadedMedia, Status.BufferedMedia)
        )
        self._prepared = None
        if ready:
            old = self.active
            old.setSource(QUrl())  # not stop(): see release()
            old.setVideoOutput(None)
            self.active = spare
            self.swaps += 1
            _same_level(old.audioOutput(), spare.audioOutput())
            spare.setVideoOutput(self._video_output)
            spare.setPlaybackRate(old.playbackRate())
            old.setSource(QUrl())
            emit(self.durationChanged, spare.duration())
            emit(self.mediaStatusChanged, spare.mediaStatus())
            return True
        if (
            self.active.source() == QUrl.fromLocalFile(path)
            and Path(path).exists()
            and self.active.mediaStatus() != Status.InvalidMedia
        ):
            self.active.setPosition(0)  # the same file again (repeat one): no reopen
            return False
        self.active.setSource(QUrl.fromLocalFile(path))
        return False

    def hand_over(self, path: str | None) -> QMediaPlayer:
        """Make the spare the active player with ``path`` (the prepared one, else opened now; None: nothing),
        silent, while the old active player keeps playing as ``fading``; return that one.

        The caller ramps the two outputs' volumes and calls ``end_fade`` when the fade is over.
        """
        self.end_fade()
        old, spare = self.active, self.spare
        url = QUrl.fromLocalFile(path) if path else QUrl()
        if not (path and self._prepared == path and spare.source() == url):
            spare.setSource(url)
        self._prepared = None
        old.setVideoOutput(None)
        self.active, self.fading = spare, old
        self.swaps += 1 if path else 0
        _same_level(old.audioOutput(), spare.audioOutput())
        spare.audioOutput().setVolume(0.0)
        spare.setVideoOutput(self._video_output)
        spare.setPlaybackRate(old.playbackRate())
        emit(self.durationChanged, spare.duration())
        emit(self.mediaStatusChanged, spare.mediaStatus())
        return old

    def end_fade(self) -> None:
        """Stop and unload the outgoing player of a crossfade (if any)."""
        if self.fading is not None:
            self.fading.setSource(QUrl())
            self.fading = None

    def halt(self) -> None:
        """Stop what plays and unload it (``QMediaPlayer.stop()`` can hang: see :meth:`release`)."""
        self.active.setSource(QUrl())

    def release(self) -> None:
        """Stop both players and drop their sources, once they have finished opening.

        Releasing a QMediaPlayer while Qt's FFmpeg backend is still opening a file can block
        forever inside Qt; waiting (at most SETTLE_S) for the open to finish avoids it.
        """
        deadline = time.monotonic() + SETTLE_S
        while any(mp.mediaStatus() in _OPENING for mp in self._players) and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)
        for mp in self._players:
            # No stop() first: QMediaPlayer.stop() on a file that has just started can wait for ever inside
            # Qt's FFmpeg backend (reproduced: about one release in 200 right after play()); an empty source
            # stops and unloads without that wait (700 releases in a row, none stuck).
            mp.setSource(QUrl())
        self.fading = None


def _same_level(source: QAudioOutput, target: QAudioOutput) -> None:
    target.setVolume(source.volume())
    target.setMuted(source.isMuted())
