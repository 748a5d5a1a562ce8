"""The player: one object for music and video, a play queue, and listening events.

For the window (and the tray, MPRIS) — create one per app::

    player = Player(store, settings_provider=lambda: window.settings)
    player.set_video_output(video_widget)          # QVideoWidget / QVideoSink, optional
    player.play_items([12, 13, 14], start_reason="mix", context="daily-1")

Signals: ``currentChanged(entry | None)`` (a ``QueueEntry``), ``positionChanged(seconds)``,
``durationChanged(seconds)``, ``stateChanged("playing" | "paused" | "stopped")``,
``errorMessage(text)`` (one clear line, e.g. a file that cannot be played — the queue has
already moved on), ``queueChanged()``, ``seeked(seconds)``, ``eventRecorded(type, item_id)`` (after a play /
completed / skip is stored), ``volumeChanged(volume, muted)``. Signals are emitted through
``companion.playback.qtfix.emit`` (a guard against a PySide6 6.12.0 reference bug).

Methods: ``play_items``, ``play_entries``, ``play_next``, ``enqueue``, ``clear_queue``, ``move``,
``remove``, ``jump``, ``play``, ``pause``, ``toggle``, ``stop``, ``next``, ``previous``, ``seek``,
``set_volume``, ``set_muted``, ``set_shuffle``, ``set_repeat``, ``set_playback_rate``,
``set_video_output``, ``close`` (call when the app quits: records where playback stopped).
``queueEnded()`` is emitted when the queue ran out; ``AutoDj`` (``companion.playback.autodj``)
listens to it and keeps the music going with radio when ``settings.auto_dj`` is on. ``play()``
after the end continues with whatever was added since, else starts the queue again.

Recording happens on one writer thread of the job system (``companion.core.jobs.threads``), which
runs the recorder's calls in order, so a slow disk or a database busy with a scan never freezes the
window; thresholds are in ``companion.core.events.thresholds``. A file that fails is marked ``unplayable``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from companion.core.events.recorder import Recorder
from companion.core.events.session import Playback
from companion.core.events.thresholds import CHECKPOINT_INTERVAL_SECONDS
from companion.core.flow.transition import SKIP_FADE_S, Transition
from companion.core.jobs.threads import Threads
from companion.core.playqueue import PlayQueue, QueueEntry, entries_from_db
from companion.core.settings import Settings, load_settings
from companion.core.store import Store
from companion.playback.crossfade import Crossfader
from companion.playback.cue_offsets import follows, track_length
from companion.playback.engine import Engine, Status
from companion.playback.engine_events import STATE_NAMES, EngineEvents, State
from companion.playback.qtfix import emit
from companion.playback.replaygain import gain_factor
from companion.playback.sound_output import SoundOutput
from companion.playback.transitions import TransitionPlanner
from companion.playback.watchdog import StallWatchdog

log = logging.getLogger(__name__)
PREVIOUS_RESTARTS_AFTER_S = 3.0  # "previous" later than this restarts the current track
RECOVER_STALE_S = 10.0  # a checkpoint not rewritten for this long was left by a dead player
SEEK_CHECK_S = 3.0  # how long to make sure a start-up (resume) seek really happened


class Player(EngineEvents, QObject):
    currentChanged = Signal(object)
    positionChanged = Signal(float)
    durationChanged = Signal(float)
    stateChanged = Signal(str)
    errorMessage = Signal(str)
    queueChanged = Signal()
    eventRecorded = Signal(str, int)
    volumeChanged = Signal(float, bool)
    queueEnded = Signal()
    seeked = Signal(float)
    failed = Signal(object)  # the QueueEntry that could not be played (after errorMessage)
    soundOutputChanged = Signal(bool)  # False: no sound output (nothing plays, nothing is recorded)

    def __init__(
        self,
        store: Store,
        settings_provider: Callable[[], Settings] | None = None,
        parent: QObject | None = None,
        *,
        recover: bool = True,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.profile = store.profile
        self._settings = settings_provider or (lambda: load_settings(store.conn()))
        self.queue = PlayQueue()
        self._recorder = Recorder(store, self._settings)
        self._writer = Threads(1, name="companion-recorder")  # one thread: history is written in order
        self._closed = False
        self._volume, self._gain = 1.0, 1.0
        if recover:
            # a checkpoint still fresh may be another instance's live one: look again once it is stale
            self._record(partial(self._recorder.recover, RECOVER_STALE_S))
            QTimer.singleShot(
                int(RECOVER_STALE_S * 1000) + 2000,
                lambda: (
                    None if self._closed else self._record(partial(self._recorder.recover, RECOVER_STALE_S))
                ),
            )
        self._engine = Engine(self)
        self._engine.positionChanged.connect(self._on_position)
        self._engine.durationChanged.connect(self._on_duration)
        self._engine.mediaStatusChanged.connect(self._on_status)
        self._engine.playbackStateChanged.connect(self._on_state)
        self._engine.errorOccurred.connect(self._on_error)
        self._output = SoundOutput(self._engine, self)
        self._output.changed.connect(self._outputs_changed)
        self.crossfade = Crossfader(self._engine, lambda: self._volume * self._gain, self)
        self._transitions = TransitionPlanner(store, lambda: self._settings().crossfade)
        self.watchdog = StallWatchdog(self._engine, self)
        self.watchdog.stalled.connect(self._on_stalled)
        self._pb: Playback | None = None
        self._pending_seek: float | None = None
        self._offset = 0.0  # where the current entry starts in its file (a CUE sheet's track), seconds
        self._seek_check: tuple[float, float] | None = None  # (target s, give up at monotonic s)
        self._failures_in_row = 0
        self._at_end = False
        self._reports = (0.0, 0.0)  # the last two positions reported (s), newest first
        self._checkpoint_timer = QTimer(self)
        self._checkpoint_timer.setInterval(int(CHECKPOINT_INTERVAL_SECONDS * 1000))
        self._checkpoint_timer.timeout.connect(self._checkpoint)

    # --- what is playing
    def current(self) -> QueueEntry | None:
        return self.queue.current if self._pb is not None else None

    def position(self) -> float:
        return max(0.0, self._engine.active.position() / 1000 - self._offset)

    def duration(self) -> float:
        return track_length(self.queue.current, self._engine.active.duration() / 1000, self._offset)

    def state(self) -> str:
        return STATE_NAMES[self._engine.active.playbackState()]

    def can_play_sound(self) -> bool:
        """False while the system has no sound output: nothing plays (no clock running over silence) and no
        play or skip is recorded; ``soundOutputChanged`` tells when that changes."""
        return self._output.hearing

    def volume(self) -> float:
        return self._volume

    def output_volume(self) -> float:
        """The volume actually applied: the user's volume times the ReplayGain factor."""
        return self._engine.audio.volume()

    def is_muted(self) -> bool:
        return self._engine.audio.isMuted()

    # --- the queue
    def play_items(
        self,
        item_ids: Sequence[int],
        *,
        start: int = 0,
        start_reason: str = "user",
        context: str | None = None,
        keep_queued: bool = True,
    ) -> None:
        """Play ``item_ids[start]`` with the items as the queue (resume points honoured); see ``play_entries``
        for what was queued by hand."""
        self.play_entries(
            entries_from_db(self._store.conn(), item_ids, start_reason=start_reason, context=context),
            start,
            keep_queued=keep_queued,
        )

    def play_entries(
        self, entries: Sequence[QueueEntry], start: int = 0, *, keep_queued: bool = True
    ) -> None:
        """Play ``entries[start]`` with ``entries`` as the queue; what the person queued by hand and has not
        heard yet stays queued right after it (``keep_queued=False``: the queue is only ``entries``)."""
        self._end_current("next")
        entry = self.queue.play_now(list(entries), start, keep_queued=keep_queued)
        emit(self.queueChanged)
        self._failures_in_row = 0
        self._start(entry, None)

    def play_next(self, entries: Sequence[QueueEntry]) -> None:
        self.queue.play_next(list(entries))
        self._queue_edited()

    def enqueue(self, entries: Sequence[QueueEntry]) -> None:
        self.queue.add(list(entries))
        self._queue_edited()

    def clear_queue(self) -> None:
        self.stop()
        self.queue.clear()
        self._queue_edited()
        emit(self.currentChanged, None)

    def move(self, source: int, dest: int) -> None:
        self.queue.move(source, dest)
        self._queue_edited()

    def remove(self, position: int) -> None:
        if position == self.queue.index and self._pb is not None:
            self.next()
        self.queue.remove(position)
        self._queue_edited()

    def jump(self, position: int) -> None:
        self._end_current("next")
        self._start(self.queue.jump(position), None)

    def set_shuffle(self, on: bool) -> None:
        self.queue.set_shuffle(on)
        self._queue_edited()

    def set_repeat(self, mode: str) -> None:
        self.queue.set_repeat(mode)
        self._queue_edited()

    # --- transport
    def play(self) -> None:
        if self._pb is None:
            if self._at_end:  # continue with what was added since the end, else from the top
                entry = self.queue.advance(auto=False) or (self.queue.jump(0) if len(self.queue) else None)
            else:
                entry = self.queue.current or self.queue.advance(auto=False)
            if entry is not None:
                self._start(entry, None)
            return
        if not self._output.hearing:
            emit(self.soundOutputChanged, False)  # said again: Play was pressed
            return
        self._engine.active.play()

    def at_end(self) -> bool:
        """True when the queue ran out (nothing is playing and nothing came next)."""
        return self._at_end and self._pb is None

    def pause(self) -> None:
        self._engine.active.pause()

    def toggle(self) -> None:
        self.pause() if self.state() == "playing" else self.play()

    def stop(self) -> None:
        fade = self._fade_on_cut(None)
        self._end_current("stop")
        if fade:  # the music fades out (about a second) while the player is already stopped
            self.crossfade.start(self._engine.hand_over(None), SKIP_FADE_S, fade_in=False)
        self._engine.halt()

    def next(self) -> None:
        fade = self._fade_on_cut(self.queue.peek_next(auto=False))
        self._end_current("next")
        self._continue(auto=False, fade=SKIP_FADE_S if fade else None)

    def previous(self) -> None:
        if self._pb is not None and self.position() > PREVIOUS_RESTARTS_AFTER_S:
            self.seek(0.0)
            return
        self._end_current("previous")
        entry = self.queue.previous()
        if entry is not None:
            self._start(entry, None)

    def seek(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        if self._pb is not None:
            self._pb.seek(seconds)
        self._engine.active.setPosition(int((seconds + self._offset) * 1000))
        emit(self.seeked, seconds)

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, float(volume)))
        self._apply_volume()

    def set_muted(self, muted: bool) -> None:
        self._engine.audio.setMuted(bool(muted))
        emit(self.volumeChanged, self._volume, bool(muted))

    def set_playback_rate(self, rate: float) -> None:
        self._engine.active.setPlaybackRate(rate)

    def set_video_output(self, output: QObject | None) -> None:
        self._engine.set_video_output(output)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until all listening history handed to the writer is stored."""
        return self._writer.flush(timeout)

    def close(self) -> None:
        """Record where playback stopped and stop the writer (the app is quitting)."""
        if self._closed:
            return
        self._closed = True
        self._end_current("closed")
        self._checkpoint_timer.stop()
        self.watchdog.disarm()
        self.crossfade.abandon()
        self._engine.release()
        self._writer.shutdown(10.0, cancel=False)  # what was handed over is still written

    # --- internals
    def _start(
        self,
        entry: QueueEntry | None,
        start_reason: str | None,
        *,
        gapless: bool = False,
        fade: float | None = None,
        skip_to: float = 0.0,
    ) -> None:
        """Play ``entry``; ``fade``: crossfade into it over that many seconds from what plays now, starting it
        at ``skip_to`` s (its leading silence). One piece on purpose: the order of its steps (record, volume,
        load or hand over, seek, play) is what starts a track cleanly."""
        if entry is None:
            self._engine.halt()
            emit(self.currentChanged, None)
            return
        self._at_end = False
        reason = "resume" if entry.start_position > 0 else (start_reason or entry.start_reason)
        self._pb = Playback(
            item_id=entry.item_id,
            kind=entry.kind,
            duration=entry.duration,
            start_reason=reason,
            context=entry.context,
            position=entry.start_position,
            private=self._settings().private_session
            or not self._output.hearing,  # nothing heard: nothing kept
        )
        self._record(partial(self._recorder.start, dataclasses.replace(self._pb)))
        self._gain = gain_factor(
            self._settings().replaygain,
            entry.rg_track_gain,
            entry.rg_track_peak,
            entry.rg_album_gain,
            entry.rg_album_peak,
        )
        self._apply_volume()
        if gapless:  # the next track of the same file: it is already playing from its start
            self._offset = entry.offset
            self.watchdog.arm()
            self._checkpoint_timer.start()
            emit(self.currentChanged, entry)
            emit(self.durationChanged, self.duration())
            return
        self._offset = entry.offset
        self._pending_seek = (entry.offset + (entry.start_position or skip_to)) or None
        self._seek_check = None
        self._reports = (entry.start_position, entry.start_position)
        if fade and self._engine.active.playbackState() == State.PlayingState:
            self.crossfade.start(self._engine.hand_over(entry.path), fade)
        else:
            self.crossfade.finish()
            self._engine.load(entry.path)
        self.watchdog.arm()
        if self._pending_seek is not None:
            self._apply_pending_seek()
        if self._output.hearing:
            self._engine.active.play()
        else:
            emit(self.soundOutputChanged, False)
        self._checkpoint_timer.start()
        self._transitions.plan(self.queue)
        emit(self.currentChanged, entry)

    def _end_current(self, end_reason: str) -> None:
        pb, self._pb = self._pb, None
        if pb is None:
            return
        self._checkpoint_timer.stop()
        self.watchdog.disarm()
        if end_reason not in ("ended", "error"):
            pb.progress(self.position())
        kind = pb.finish(end_reason)
        done = dataclasses.replace(pb)
        self._record(
            partial(self._recorder.store_outcome, done, kind, end_reason),
            then=lambda _none: self._recorded(done, kind),
        )

    def _continue(
        self,
        *,
        auto: bool,
        from_entry: QueueEntry | None = None,
        fade: float | None = None,
        skip_to: float = 0.0,
    ) -> None:
        entry = self.queue.advance(auto=auto)
        if entry is not None and from_entry is not None and follows(from_entry, entry):
            self._start(entry, "queue" if entry.start_reason == "user" else None, gapless=True)
            return
        if entry is None:
            self._engine.halt()
            self._at_end = True
            emit(self.currentChanged, None)
            emit(self.queueEnded)
            return
        # the person picked the first entry; the rest came because the queue continued
        self._start(entry, "queue" if entry.start_reason == "user" else None, fade=fade, skip_to=skip_to)

    def _fade_on_cut(self, nxt: QueueEntry | None) -> bool:
        """Whether a skip (to ``nxt``) or a stop fades: crossfade on, music playing (never video or speech)."""
        current = self.queue.current
        return (
            self._pb is not None
            and current is not None
            and self.state() == "playing"
            and self._transitions.fades_on_cut(current, nxt)
        )

    def _crossfade_to_next(self, transition: Transition) -> None:
        """The current track reached its outro: it is heard out while the next one fades in."""
        if self._pb is not None and self._pb.duration:
            self._pb.progress(self._pb.duration)  # its ending overlaps the next track: heard to the end
        self._end_current("ended")
        self._continue(auto=True, fade=transition.length, skip_to=transition.incoming_start)

    def _stop_at_end(self) -> None:
        """After a video: stopped at its end, as at the end of the queue, without radio taking over."""
        self._engine.halt()
        self._at_end = True
        emit(self.currentChanged, None)

    def _outputs_changed(self, hearing: bool) -> None:
        if hearing and self._pb is not None and not self._settings().private_session:
            self._pb.private = False  # heard from now on: recorded from now on
            self._record(partial(self._recorder.start, dataclasses.replace(self._pb)))
        elif not hearing and self.state() == "playing":
            self.pause()  # the headset went: no clock running over silence
        emit(self.soundOutputChanged, hearing)

    def _queue_edited(self) -> None:
        self._transitions.plan(self.queue)
        emit(self.queueChanged)
        self._prepare_next()

    def _prepare_next(self) -> None:
        nxt = self.queue.peek_next(auto=True)
        current = self.queue.current
        if (
            nxt is not None
            and current is not None
            and current.kind != "video"  # nothing follows a video by itself
            and nxt.uid != current.uid
            and nxt.path != current.path
            and os.path.exists(nxt.path)
        ):
            self._engine.prepare(nxt.path)

    def _apply_volume(self) -> None:
        self._engine.audio.setVolume(self._volume * self._gain)
        emit(self.volumeChanged, self._volume, self._engine.audio.isMuted())

    def _apply_pending_seek(self) -> None:
        if self._pending_seek is not None and self._engine.active.mediaStatus() in (
            Status.LoadedMedia,
            Status.BufferingMedia,
            Status.BufferedMedia,
        ):
            self._engine.active.setPosition(int(self._pending_seek * 1000))
            # A seek sent while a video is still opening can be dropped: check the first reports.
            self._seek_check = (self._pending_seek, time.monotonic() + SEEK_CHECK_S)
            self._pending_seek = None

    def _checkpoint(self) -> None:
        if self._pb is not None:
            self._pb.progress(self.position())
            self._record(partial(self._recorder.checkpoint_now, dataclasses.replace(self._pb)))

    # --- the writer thread
    def _record(self, write: Callable[[], object], then: Callable[[object], None] | None = None) -> None:
        """Run a recorder call on the writer thread, after everything handed over before; ``then`` runs
        there after it succeeded."""
        self._writer.run(write, on_done=then, on_error=self._record_failed)

    def _recorded(self, pb: Playback, kind: str | None) -> None:  # on the writer thread
        if kind and not pb.private:
            emit(self.eventRecorded, kind, pb.item_id)

    def _record_failed(self, error: BaseException) -> None:  # on the writer thread: it goes on
        log.warning(
            "recording failed: %s", error, exc_info=None if isinstance(error, sqlite3.Error) else error
        )
        emit(self.errorMessage, f"Could not save listening history: {error}")
