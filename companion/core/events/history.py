"""Recent events for people to read: newest first, with the local time they happened at."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from companion.core.db import events as event_db


def local_time(ts: float, tz_offset_min: int) -> datetime:
    """The wall-clock time at the place and moment the event happened."""
    return datetime.fromtimestamp(ts, UTC).astimezone(timezone(timedelta(minutes=tz_offset_min)))


def recent_events(conn: sqlite3.Connection, limit: int = 50) -> list[dict[str, Any]]:
    """The latest ``limit`` events with their item, newest first."""
    rows = event_db.recent(conn, limit)
    out = []
    for r in rows:
        when = local_time(r.ts, r.tz_offset_min)
        out.append(
            {
                "id": r.id,
                "type": r.type,
                "item_id": r.item_id,
                "path": r.path,
                "title": r.title,
                "artist": r.artist,
                "album": r.album,
                "kind": r.kind,
                "ts": r.ts,
                "time_utc": datetime.fromtimestamp(r.ts, UTC).isoformat(timespec="seconds"),
                "local_time": when.isoformat(timespec="seconds"),
                "tz_offset_min": r.tz_offset_min,
                "weekday": when.strftime("%A"),
                "hour": when.hour,
                "position": r.position,
                "duration": r.duration,
                "start_reason": r.start_reason,
                "end_reason": r.end_reason,
                "context": r.context,
                "value": r.value,
                "source": r.source,
                "data": json.loads(r.data) if r.data else None,
            }
        )
    return out
