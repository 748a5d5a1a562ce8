"""Where imported history goes: events for what matched, ``import_unmatched`` for the rest,
``import_keys`` so the same entry never becomes two events, ``import_files`` for each file."""

from __future__ import annotations

import json
import sqlite3
import time

from companion.core.db import events as event_db
from companion.core.db import imports as import_db
from companion.core.events.record import insert_event, local_offset_minutes
from companion.core.events.thresholds import classify
from companion.core.importers.artists import resolve_waiting
from companion.core.importers.model import HistoryEntry, ImportSummary
from companion.core.library.matching import LibraryIndex
from companion.core.library.pathcodec import to_db


def is_known(conn: sqlite3.Connection, key: str) -> bool:
    return import_db.is_known(conn, key)


def match(index: LibraryIndex, entry: HistoryEntry) -> int | None:
    if entry.kind == "video":
        if entry.show is not None:
            if entry.episode is None:
                return index.match_episode_title(entry.show, entry.season, entry.title)
            return index.match_episode(entry.show, entry.season, entry.episode)
        return index.match_video_title(entry.title)
    return index.match_track(entry.artist, entry.title, entry.album, entry.mb_track_id)


# Two services saw the same listening (Spotify's scrobbler feeds Last.fm, ListenBrainz imports Last.fm):
# their times for it differ by a few seconds at most. One such import event is kept.
SAME_LISTENING_SECONDS = 90


def heard_elsewhere(conn: sqlite3.Connection, entry: HistoryEntry, item_id: int) -> bool:
    """Whether another service's imported history already holds this listening of this item."""
    return event_db.imported_near(conn, item_id, entry.ts, SAME_LISTENING_SECONDS, f"import:{entry.service}")


def event_type(entry: HistoryEntry, duration: float | None) -> str | None:
    """The event this entry is, judged by the same thresholds as the app's own player (None: nothing)."""
    if entry.end_reason is None or entry.position is None:
        return entry.type
    listened = float(entry.data.get("watched", entry.position))
    return classify(listened, entry.position, duration, entry.end_reason)


def record_matched(
    conn: sqlite3.Connection, entry: HistoryEntry, item_id: int, key: str, duration: float | None
) -> int | None:
    """Turn one matched entry into an event plus its dedup key, inside the caller's transaction (the
    caller commits in batches); None if the entry means nothing (stopped before the play threshold)."""
    etype = event_type(entry, duration)
    if etype is None:
        return None
    data = {"import_key": key, **entry.data}
    for name in ("artist", "title", "album", "show"):
        if getattr(entry, name):
            data.setdefault(name, getattr(entry, name))
    event_id = insert_event(
        conn,
        item_id,
        etype,
        ts=entry.ts,
        tz_offset_min=local_offset_minutes(entry.ts),
        position=entry.position,
        duration=duration,
        start_reason="import",
        end_reason=entry.end_reason,
        source=f"import:{entry.service}",
        data=data,
    )
    import_db.add_key(conn, key, event_id)
    return event_id


def keep_unmatched(conn: sqlite3.Connection, entry: HistoryEntry, key: str, file_id: int | None) -> None:
    data = dict(entry.data)
    if entry.end_reason:
        data["end_reason"] = entry.end_reason
    import_db.keep_unmatched(
        conn,
        import_db.Unmatched(
            key,
            entry.service,
            file_id,
            entry.ts,
            entry.kind,
            entry.type,
            entry.artist,
            entry.title,
            entry.album,
            entry.mb_track_id,
            entry.show,
            entry.season,
            entry.episode,
            entry.position,
            json.dumps(data, ensure_ascii=False) if data else None,
            time.time(),
        ),
    )


def rematch_unmatched(conn: sqlite3.Connection, index: LibraryIndex | None = None) -> int:
    """Turn kept unmatched entries whose item is now in the library into events; return how many.

    The scanner may call this after adding files; every history import calls it first.
    """
    rows = import_db.unmatched(conn)
    if not rows:
        return 0
    index = index or LibraryIndex.build(conn)
    found = 0
    try:
        found = _rematch_rows(conn, rows, index)
        resolve_waiting(conn)  # the library's artists may have changed too
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return found


def _rematch_rows(conn: sqlite3.Connection, rows: list[import_db.Unmatched], index: LibraryIndex) -> int:
    found = 0
    for r in rows:
        data = json.loads(r.data) if r.data else {}
        entry = HistoryEntry(
            r.service,
            r.ts,
            type=r.type,
            kind=r.kind,
            artist=r.artist,
            title=r.title,
            album=r.album,
            mb_track_id=r.mb_track_id,
            show=r.show,
            season=r.season,
            episode=r.episode,
            position=r.position,
            end_reason=data.pop("end_reason", None),
            data=data,
        )
        item_id = match(index, entry)
        if item_id is None:
            continue
        assert r.id is not None  # read from its table: it has its id
        import_db.drop_unmatched(conn, r.id)
        if heard_elsewhere(conn, entry, item_id):
            continue
        record_matched(conn, entry, item_id, r.key, index.durations.get(item_id))
        found += 1
    return found


def file_row(conn: sqlite3.Connection, path: str, sha256: str, service: str) -> tuple[int, bool]:
    """(id, seen before) of the ``import_files`` row for this content."""
    return import_db.file_row(conn, to_db(path), sha256, service, time.time())


def finish_file(conn: sqlite3.Connection, file_id: int, s: ImportSummary) -> None:
    import_db.finish_file(
        conn, file_id, import_db.FileCounts(s.read, s.matched, s.unmatched, s.duplicates, len(s.errors))
    )
    conn.commit()


def top_unmatched(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, object]]:
    """The artists (or shows, or films) with the most kept unmatched entries: what to add to the
    library for the imported history to count."""
    return [
        {"kind": u.kind, "name": u.name, "entries": u.entries} for u in import_db.top_unmatched(conn, limit)
    ]
