"""Which crossfade comes next: the player asks ``TransitionPlanner`` whenever the track or the queue changes.

The plan is made once per (current, next) pair from the analysis (``flow.transition.track_ends``) and the
``crossfade`` setting, and handed out once, when the current track reaches the fade's start.
"""

from __future__ import annotations

from collections.abc import Callable

from companion.core.flow.transition import OFF, Transition, fades_at_all, parse_setting, plan, track_ends
from companion.core.playqueue import PlayQueue, QueueEntry
from companion.core.store import Store


class TransitionPlanner:
    def __init__(self, store: Store, setting: Callable[[], str]) -> None:
        self._store = store
        self._setting = setting
        self._planned: tuple[int, int, Transition] | None = None  # (current uid, next uid, transition)

    def _mode(self) -> str | float:
        try:
            return parse_setting(self._setting())
        except Exception:  # a stored value from a newer version: play without fades rather than fail
            return OFF

    def plan(self, queue: PlayQueue) -> Transition | None:
        """Plan the fade from the current entry into the one that follows by itself (None: gapless)."""
        self._planned = None
        current, nxt = queue.current, queue.peek_next(auto=True)
        mode = self._mode()
        if current is None or nxt is None or nxt.uid == current.uid or mode == OFF:
            return None
        ends = track_ends(self._store.conn(), [current.item_id, nxt.item_id])
        if current.item_id not in ends or nxt.item_id not in ends:
            return None
        t = plan(mode, ends[current.item_id], ends[nxt.item_id])
        if t is not None:
            self._planned = (current.uid, nxt.uid, t)
        return t

    def planned(self) -> Transition | None:
        return None if self._planned is None else self._planned[2]

    def soon(self, seconds: float, ahead: float) -> bool:
        """True when the planned fade starts within ``ahead`` seconds (time to open the next file)."""
        return self._planned is not None and seconds >= self._planned[2].fade_at - ahead

    def due(self, queue: PlayQueue, seconds: float) -> Transition | None:
        """The planned transition once the current track reaches it (handed out once), else None."""
        if self._planned is None or seconds < self._planned[2].fade_at:
            return None
        cur_uid, next_uid, t = self._planned
        current, nxt = queue.current, queue.peek_next(auto=True)
        self._planned = None
        if current is None or nxt is None or current.uid != cur_uid or nxt.uid != next_uid:
            return None
        return t

    def fades_on_cut(self, current: QueueEntry, nxt: QueueEntry | None) -> bool:
        """Whether skipping from ``current`` to ``nxt`` (None: stopping) fades out for a moment."""
        if self._mode() == OFF or current.kind != "music" or (nxt is not None and nxt.kind != "music"):
            return False
        ids = [current.item_id] + ([nxt.item_id] if nxt is not None else [])
        ends = track_ends(self._store.conn(), ids)
        return all(i in ends and fades_at_all(ends[i]) for i in ids)
