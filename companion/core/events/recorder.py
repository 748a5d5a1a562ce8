"""The recorder: turns playbacks into stored events, resume points and checkpoints.

The player (and anything else that plays) calls it from one thread; it takes a
``companion.core.store.Store`` (each thread gets its own connection) or a plain
connection. Typical use::

    rec = Recorder(store)
    pb = rec.begin(item_id, start_reason="mix", context="daily-1", duration=212.0)
    rec.progress(pb, 12.0)          # often; writes a checkpoint every couple of seconds
    rec.finish(pb, "next")          # -> "skip" / "play" / "completed" / None, recorded once

While ``settings.private_session`` is on, ``begin`` returns a playback marked private
and nothing about it is written. ``recover()`` turns checkpoints left by a killed app
into the events they would have produced.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from companion.core.db import events as event_db
from companion.core.db import items as item_db
from companion.core.db import playback as playback_db
from companion.core.events import resume
from companion.core.events.record import insert_event, local_offset_minutes
from companion.core.events.session import Playback
from companion.core.events.thresholds import CHECKPOINT_INTERVAL_SECONDS, classify
from companion.core.library.queries import mark_unplayable
from companion.core.settings import Settings, load_settings
from companion.core.store import Store


class Recorder:
    def __init__(
        self, store: Store | sqlite3.Connection, settings_provider: Callable[[], Settings] | None = None
    ) -> None:
        self._store = store
        self._settings_provider = settings_provider
        self._last_checkpoint: dict[str, float] = {}

    def conn(self) -> sqlite3.Connection:
        return self._store.conn() if isinstance(self._store, Store) else self._store

    def settings(self) -> Settings:
        return self._settings_provider() if self._settings_provider else load_settings(self.conn())

    def begin(
        self,
        item_id: int,
        *,
        start_reason: str = "user",
        context: str | None = None,
        duration: float | None = None,
        position: float = 0.0,
        kind: str | None = None,
    ) -> Playback:
        """Start tracking one playback (from ``position``, e.g. a resume point)."""
        conn = self.conn()
        if kind is None or duration is None:
            row = item_db.kind_and_duration(conn, item_id)
            if row is not None:
                kind = kind or row.kind
                duration = duration if duration is not None else row.duration
        pb = Playback(
            item_id=item_id,
            kind=kind or "music",
            duration=duration,
            start_reason=start_reason,
            context=context,
            position=position,
            private=self.settings().private_session,
        )
        self.start(pb)
        return pb

    def start(self, pb: Playback) -> None:
        """Begin tracking a playback made by the caller (its ``private`` flag already decided)."""
        self.checkpoint(pb, force=True)

    def progress(self, pb: Playback, position: float) -> None:
        """A position report while playing; checkpoints at most every CHECKPOINT_INTERVAL_SECONDS."""
        pb.progress(position)
        self.checkpoint(pb)

    def checkpoint_now(self, pb: Playback) -> None:
        self.checkpoint(pb, force=True)

    def checkpoint(self, pb: Playback, *, force: bool = False) -> None:
        if pb.finished or pb.private:
            return
        now = time.time()
        if not force and now - self._last_checkpoint.get(pb.session_id, 0.0) < CHECKPOINT_INTERVAL_SECONDS:
            return
        self._last_checkpoint[pb.session_id] = now
        with self.conn() as conn:
            playback_db.put_checkpoint(
                conn,
                playback_db.Checkpoint(
                    pb.session_id,
                    pb.item_id,
                    pb.kind,
                    pb.started_at,
                    local_offset_minutes(pb.started_at),
                    pb.position,
                    pb.listened,
                    pb.duration,
                    pb.start_reason,
                    pb.context,
                    now,
                ),
            )

    def finish(self, pb: Playback, end_reason: str, position: float | None = None) -> str | None:
        """End a playback: record its event (once) and its resume point; return the event type."""
        if position is not None:
            pb.progress(position)
        if pb.finished:
            return None
        kind = pb.finish(end_reason)
        self.store_outcome(pb, kind, end_reason)
        return kind

    def store_outcome(self, pb: Playback, kind: str | None, end_reason: str) -> None:
        """Write what a finished playback produced (the player classifies on its own thread)."""
        self._last_checkpoint.pop(pb.session_id, None)
        if pb.private:
            return
        with self.conn() as conn:
            _store_outcome(conn, pb, kind, end_reason, time.time())

    def mark_unplayable(self, item_id: int, reason: str, status: str = "unplayable") -> None:
        """Mark a library item that failed to play (``missing`` or ``unplayable``; a rescan resets it)."""
        if status == "unplayable":
            mark_unplayable(self.conn(), item_id, reason[:500])
            return
        if status != "missing":
            raise ValueError(f"unknown item status {status!r}")
        item_db.set_missing(self.conn(), item_id, reason[:500], time.time())

    def recover(self, older_than: float = 0.0) -> list[str]:
        """Turn checkpoints left by a closed or killed app into events; return the types recorded.

        Only checkpoints not rewritten for ``older_than`` seconds are taken: a running player
        rewrites its own every CHECKPOINT_INTERVAL_SECONDS (paused too), so it is never taken over.
        """
        conn = self.conn()
        out: list[str] = []
        for row in playback_db.checkpoints_before(conn, time.time() - older_than):
            pb = Playback(
                item_id=row.item_id,
                kind=row.kind,
                duration=row.duration,
                start_reason=row.start_reason or "user",
                context=row.context,
                started_at=row.started_at,
                session_id=row.session_id,
                position=row.position,
                listened=row.listened,
            )
            kind = classify(pb.listened, pb.position, pb.duration, "closed")
            with conn:
                if event_db.session_recorded(conn, pb.session_id):
                    playback_db.delete_checkpoint(conn, pb.session_id)
                    continue
                _store_outcome(conn, pb, kind, "closed", row.updated_at, recovered=True)
            if kind:
                out.append(kind)
        return out


def _store_outcome(
    conn: sqlite3.Connection,
    pb: Playback,
    kind: str | None,
    end_reason: str,
    ts: float,
    *,
    recovered: bool = False,
) -> None:
    """Inside the caller's transaction: the event, the resume point, and the checkpoint gone."""
    if kind is not None:
        data = {"started_at": round(pb.started_at, 3), "listened": round(pb.listened, 3)}
        if recovered:
            data["recovered"] = True
        insert_event(
            conn,
            pb.item_id,
            kind,
            ts=ts,
            position=round(pb.position, 3),
            duration=pb.duration,
            start_reason=pb.start_reason,
            end_reason=end_reason,
            context=pb.context,
            session_id=pb.session_id,
            data=data,
        )
    if end_reason != "error":  # a file that failed says nothing about where the person stopped
        resume.update_after_playback(conn, pb.item_id, pb.kind, pb.position, pb.duration, ts)
    playback_db.delete_checkpoint(conn, pb.session_id)
