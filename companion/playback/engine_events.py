"""What the player does when its engine reports: positions (a CUE track's end, the next file opened in
time, a crossfade that is due), lengths, the end of a file (a video cut short is a failure), pauses, errors
and stalls (the file is marked and the queue moves on). Mixed into ``Player``, whose state it reads and
sets; the attributes and methods it uses are declared below."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtMultimedia import QMediaPlayer

from companion.core.events.recorder import Recorder
from companion.core.events.session import Playback
from companion.core.flow.transition import Transition
from companion.core.playqueue import PlayQueue, QueueEntry
from companion.playback.cue_offsets import past_track_end
from companion.playback.engine import Engine, Status
from companion.playback.qtfix import emit
from companion.playback.transitions import TransitionPlanner
from companion.playback.unplayable import cut_short, error_reason, failure
from companion.playback.watchdog import StallWatchdog

State = QMediaPlayer.PlaybackState
STATE_NAMES = {State.PlayingState: "playing", State.PausedState: "paused", State.StoppedState: "stopped"}
PREPARE_BEFORE_END_S = 15.0  # open the next file this long before the current one ends


class EngineEvents:
    # the player's (companion.playback.player.Player)
    queue: PlayQueue
    watchdog: StallWatchdog
    _engine: Engine
    _recorder: Recorder
    _transitions: TransitionPlanner
    _pb: Playback | None
    _pending_seek: float | None
    _seek_check: tuple[float, float] | None
    _offset: float
    _failures_in_row: int
    _reports: tuple[float, float]
    positionChanged: SignalInstance
    durationChanged: SignalInstance
    stateChanged: SignalInstance
    errorMessage: SignalInstance
    currentChanged: SignalInstance
    failed: SignalInstance
    duration: Callable[[], float]
    state: Callable[[], str]
    _end_current: Callable[[str], None]
    _continue: Callable[..., None]
    _stop_at_end: Callable[[], None]
    _prepare_next: Callable[[], None]
    _apply_pending_seek: Callable[[], None]
    _checkpoint: Callable[[], None]
    _crossfade_to_next: Callable[[Transition], None]
    _record: Callable[..., None]

    def _on_position(self, ms: int) -> None:
        seconds = ms / 1000
        self._reports = (seconds, self._reports[0])
        if self._seek_check is not None:
            target, until = self._seek_check
            if seconds < target - 1.0 and time.monotonic() < until:
                self._engine.active.setPosition(int(target * 1000))  # it was dropped: ask again
                return
            self._seek_check = None
        entry = self.queue.current
        ended = past_track_end(entry, seconds)
        if ended and entry is not None and self._pb is not None and self._pending_seek is None:  # a CUE track
            self._track_ended(entry)
            return
        seconds = max(0.0, seconds - self._offset)
        if self._pb is not None and self._pending_seek is None:
            self._pb.progress(seconds)
            remaining = (self._pb.duration or 0) - seconds
            due = self._transitions.due(self.queue, seconds)
            if 0 < remaining < PREPARE_BEFORE_END_S or self._transitions.soon(seconds, PREPARE_BEFORE_END_S):
                self._prepare_next()
            if due is not None and self.state() == "playing":
                QTimer.singleShot(0, lambda: self._crossfade_to_next(due))
        emit(self.positionChanged, seconds)

    def _on_duration(self, ms: int) -> None:
        seconds = self.duration() if ms > 0 else 0.0  # a CUE sheet's track: its own length
        if self._pb is not None and seconds > 0:
            self._pb.set_duration(seconds)
        emit(self.durationChanged, seconds)

    def _track_ended(self, entry: QueueEntry) -> None:
        """A CUE sheet's track reached the next one's start: it ended; the next entry follows without a
        gap when it is the next track of the same file, else as after any file's end."""
        if self._pb is not None and self._pb.duration:
            self._pb.progress(self._pb.duration)
        self._end_current("ended")
        self._continue(auto=True, from_entry=entry)

    def _on_status(self, status: object) -> None:
        if status in (Status.LoadedMedia, Status.BufferedMedia):
            self._apply_pending_seek()
            self._failures_in_row = 0 if status == Status.BufferedMedia else self._failures_in_row
        elif status == Status.EndOfMedia and self._pb is not None:
            if self._ended_early():
                return
            if self._pb.duration:
                self._pb.progress(self._pb.duration)
            video = self.queue.current is not None and self.queue.current.kind == "video"
            self._end_current("ended")
            # a video ends and stops: the next episode is offered (up next), nothing else just starts
            QTimer.singleShot(0, lambda: self._after_end(video))

    def _after_end(self, video: bool) -> None:
        """What follows an item's end, a moment later. A play the person started in that moment wins: the
        queue is not continued over it, nor the engine halted under it (that left it silent, stuck)."""
        if self._pb is not None:
            return
        if video:
            self._stop_at_end()
        else:
            self._continue(auto=True)

    def _ended_early(self) -> bool:
        """A video that ends well before its length is damaged (cut short): a failure, never "completed"."""
        pb = self._pb
        why = cut_short(pb.duration, self._reports) if pb and pb.kind == "video" and pb.duration else None
        if why is not None:
            self._fail(why)
        return why is not None

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == State.PausedState:
            self._checkpoint()
        emit(self.stateChanged, STATE_NAMES[state])

    def _on_error(self, error: object, message: str) -> None:
        why = error_reason(error, message)
        if why is not None:
            self._fail(why)

    def _on_stalled(self) -> None:
        self._fail(
            f"it stopped making progress for {self.watchdog.stall_seconds:g} s "
            "(damaged, or not audio or video)"
        )

    def _fail(self, why: str) -> None:
        """The current file cannot be played: say so once, mark it, move on (never loop, never hang)."""
        entry = self.queue.current
        if entry is None or self._pb is None:
            return
        self.watchdog.disarm()
        text, status = failure(entry.path, why)
        emit(self.errorMessage, text)
        self._record(partial(self._recorder.mark_unplayable, entry.item_id, text, status))
        self._end_current("error")
        emit(self.failed, entry)
        self._failures_in_row += 1
        if self._failures_in_row >= len(self.queue):
            self._engine.halt()
            emit(self.currentChanged, None)
            return
        if entry.kind == "video":  # a video that cannot play: the window says so and goes back
            self._stop_at_end()
            return
        QTimer.singleShot(0, lambda: self._continue(auto=False))
