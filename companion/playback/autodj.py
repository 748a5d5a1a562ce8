"""Auto-DJ: when the queue is about to run out and ``settings.auto_dj`` is on, add radio.

``AutoDj(player, source, runner)`` watches the player. Near the end of the last queued item it asks
``source(seed_item_ids)`` for more entries as a job of ``runner`` (the window's ``TaskRunner``: radio
scores tracks, which must never freeze the window, and the answer comes back on the UI thread), adds
them with start reason ``radio``, and if the queue already ended it starts them. After two early skips
in a row while radio plays, the radio entries not yet heard are chosen again (the radio then steers
away from what was skipped: ``core/flow/steer.py``) and ``steered("Less like this for now")`` tells
the window. ``radio_source(store)`` is the source the app uses: the audio-analysis radio
(``companion.core.taste.radio.next_radio_items``) seeded with the last few items played.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from companion.core.jobs.threads import Job, Threads
from companion.core.playqueue import QueueEntry
from companion.core.store import Store
from companion.playback.qtfix import emit

log = logging.getLogger(__name__)
Source = Callable[[list[int]], list[QueueEntry]]
ASK_BEFORE_END_S = 20.0  # start looking for more this long before the last item ends
SEED_SIZE = 5  # how many of the latest queue entries seed the radio
BATCH = 10
LESS_LIKE_THIS = "Less like this for now"  # what the window says when the radio steers away


Pick = Callable[[list[int], int, list[int]], list[int]]  # (seed ids, how many, ids to leave out) -> item ids


def radio_source(store: Store, pick: Pick | None = None) -> Source:
    """More entries from the audio-analysis radio; [] when nothing is analysed yet. ``pick`` chooses the
    items (the app asks its taste worker process, so the window never imports scikit-learn); without
    it they are chosen here."""

    def more(seed_ids: list[int]) -> list[QueueEntry]:
        from companion.core.playqueue import entries_from_db

        conn = store.conn()
        if pick is not None:
            ids = pick(seed_ids, BATCH, seed_ids)
        else:
            from companion.core.taste.radio import next_radio_items

            ids = next_radio_items(conn, seed_ids, BATCH, exclude=seed_ids)
        return entries_from_db(conn, ids, start_reason="radio", resume=False)

    return more


class AutoDj(QObject):
    """``runner`` delivers its results on the UI thread (the window's ``TaskRunner``)."""

    # the upcoming radio was chosen again after two early skips: one line for the window
    steered = Signal(str)

    def __init__(self, player, source: Source, runner: Threads, parent: QObject | None = None) -> None:
        super().__init__(parent or player)  # player: Player
        self._player = player
        self._source = source
        self._runner = runner
        self._job: Job | None = None
        self._asked_for: int | None = None  # uid of the last entry we asked more for
        self._skips_in_row = 0
        player.eventRecorded.connect(self._on_event)
        player.positionChanged.connect(self._on_position)
        player.queueEnded.connect(self._on_queue_end)

    def close(self) -> None:
        if self._job is not None:
            self._job.cancel()  # an answer still on its way is not added

    def _enabled(self) -> bool:
        return bool(self._player._settings().auto_dj)

    def _on_position(self, seconds: float) -> None:
        current = self._player.current()
        if current is None or self._player.queue.peek_next() is not None:
            return
        duration = self._player.duration() or current.duration or 0
        if duration and duration - seconds < ASK_BEFORE_END_S:
            self._ask(current)

    def _on_event(self, kind: str, item_id: int) -> None:
        """Two early skips in a row (stored already) while radio plays: choose what comes next again."""
        self._skips_in_row = self._skips_in_row + 1 if kind == "skip" else 0
        queue = self._player.queue
        ahead = [k for k in range(queue.index + 1, len(queue)) if queue.entries[k].start_reason == "radio"]
        current = queue.current
        if self._skips_in_row < 2 or not self._enabled() or current is None:
            return
        if not ahead and current.start_reason != "radio":
            return
        self._skips_in_row = 0
        for k in reversed(ahead):
            self._player.remove(k)
        emit(self.steered, LESS_LIKE_THIS)
        self._asked_for = None
        self._ask(current)

    def _on_queue_end(self) -> None:
        last = self._player.queue.current
        if last is not None:
            self._ask(last)

    def _ask(self, last: QueueEntry) -> None:
        if last.uid == self._asked_for or not self._enabled():
            return
        self._asked_for = last.uid
        seeds = [e.item_id for e in self._player.queue.entries[: self._player.queue.index + 1]][-SEED_SIZE:]
        self._job = self._runner.run(lambda: self._source(seeds), self._add, self._failed)

    def _failed(self, error: BaseException) -> None:
        """A radio failure must not stop the music that is playing."""
        log.warning("auto-DJ could not find more: %s", error)

    def _add(self, entries: list[QueueEntry]) -> None:
        if not entries:
            return
        self._player.enqueue([dataclasses.replace(e, start_reason="radio") for e in entries])
        if self._player.at_end():
            self._player.play()
