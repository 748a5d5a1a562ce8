"""Writing one event: its own short transaction, UTC time plus the local offset at that moment.

The event types are :class:`companion.core.db.events.EventType` (the vocabulary every module shares).
``source`` is ``app`` for what happened in Companion, ``tags`` or ``import:<service>`` for weaker evidence.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime
from typing import Any

from companion.core.db import events as event_db
from companion.core.db.events import EventType

__all__ = [
    "EventType",
    "insert_event",
    "local_offset_minutes",
    "record_event",
]  # the window takes EventType here


def local_offset_minutes(ts: float) -> int:
    """The local time zone's offset from UTC at ``ts``, in minutes (DST-aware)."""
    offset = datetime.fromtimestamp(ts).astimezone().utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def record_event(
    conn: sqlite3.Connection,
    item_id: int,
    type: str,
    *,
    ts: float | None = None,
    tz_offset_min: int | None = None,
    position: float | None = None,
    duration: float | None = None,
    start_reason: str | None = None,
    end_reason: str | None = None,
    context: str | None = None,
    session_id: str | None = None,
    value: float | None = None,
    source: str = "app",
    data: dict[str, Any] | None = None,
) -> int:
    """Append one event in its own transaction and return its id."""
    with conn:
        return insert_event(
            conn,
            item_id,
            type,
            ts=ts,
            tz_offset_min=tz_offset_min,
            position=position,
            duration=duration,
            start_reason=start_reason,
            end_reason=end_reason,
            context=context,
            session_id=session_id,
            value=value,
            source=source,
            data=data,
        )


def insert_event(
    conn: sqlite3.Connection,
    item_id: int,
    type: str,
    *,
    ts: float | None = None,
    tz_offset_min: int | None = None,
    position: float | None = None,
    duration: float | None = None,
    start_reason: str | None = None,
    end_reason: str | None = None,
    context: str | None = None,
    session_id: str | None = None,
    value: float | None = None,
    source: str = "app",
    data: dict[str, Any] | None = None,
) -> int:
    """Append one event inside the caller's transaction (so it commits together with related rows)."""
    try:
        kind = EventType(type)
    except ValueError:
        raise ValueError(f"unknown event type {type!r}") from None
    ts = time.time() if ts is None else ts
    tz = local_offset_minutes(ts) if tz_offset_min is None else tz_offset_min
    return event_db.insert(
        conn,
        event_db.NewEvent(
            item_id,
            kind,
            ts,
            tz,
            position,
            duration,
            start_reason,
            end_reason,
            context,
            session_id,
            value,
            source,
            json.dumps(data) if data else None,
        ),
    )
