"""The ``events`` table: the one vocabulary of event types, appending events, and the reads others need.

Events are append-only facts (a play, a skip, a rating...); every score is derived from them. The
taste engine's bulk reads of the whole log are in :mod:`companion.core.db.arrays`; the rating state
derived from rating events is in :mod:`companion.core.db.ratings`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple


class EventType(StrEnum):
    """What happened. Stored as the text value; the taste engine's event log codes each type by its
    position here (:attr:`code`), so new types go at the end.

    - ``play``: listened past the play threshold, not to the end;
    - ``completed``: reached the end (or the completion threshold); also counts as a play;
    - ``skip``: moved on before the play threshold; ``position`` says how early;
    - ``rating`` (``value`` = 0..5 stars, NULL clears), ``like``, ``dislike``, ``unlike`` (clears either);
    - ``row_start``: the person started a home row (``context`` = row id);
    - ``resume``: a playback continued from a resume point (the taste log reads it; nothing records
      it yet: a resumed playback is recorded as the play or skip it becomes).
    """

    PLAY = "play"
    COMPLETED = "completed"
    SKIP = "skip"
    RATING = "rating"
    LIKE = "like"
    DISLIKE = "dislike"
    UNLIKE = "unlike"
    ROW_START = "row_start"
    RESUME = "resume"

    @property
    def code(self) -> int:
        """The small number the taste engine's event log stores for this type."""
        return _CODES[self]


_CODES = {t: n for n, t in enumerate(EventType)}
PLAY_TYPES = (EventType.PLAY, EventType.COMPLETED)  # both count as a play
OPINION_TYPES = (EventType.RATING, EventType.LIKE, EventType.DISLIKE, EventType.UNLIKE)


def sql_list(types: Iterable[EventType]) -> str:
    """The types as an SQL list of literals, for ``type IN (...)`` (values from the enum only)."""
    return ", ".join(f"'{EventType(t).value}'" for t in types)


PLAYS_SQL = sql_list(PLAY_TYPES)  # 'play', 'completed'
# "CASE type WHEN 'play' THEN 0 ... ELSE -1 END": the taste log's code of each row's type, in SQL
TYPE_CODE_SQL = (
    "CASE {col} " + " ".join(f"WHEN '{t.value}' THEN {t.code}" for t in EventType) + " ELSE -1 END"
)


class NewEvent(NamedTuple):
    """One event to append (``data`` already JSON text or None)."""

    item_id: int
    type: str
    ts: float
    tz_offset_min: int
    position: float | None = None
    duration: float | None = None
    start_reason: str | None = None
    end_reason: str | None = None
    context: str | None = None
    session_id: str | None = None
    value: float | None = None
    source: str = "app"
    data: str | None = None


def insert(conn: sqlite3.Connection, event: NewEvent) -> int:
    """Append one event inside the caller's transaction; its id."""
    cur = conn.execute(
        "INSERT INTO events(item_id, type, ts, tz_offset_min, position, duration, start_reason, end_reason,"
        " context, session_id, value, source, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        event,
    )
    return int(cur.lastrowid or 0)


def insert_many(conn: sqlite3.Connection, events: Iterable[NewEvent]) -> None:
    """Append many events inside the caller's transaction (made-up libraries for benchmarks and tests)."""
    conn.executemany(
        "INSERT INTO events(item_id, type, ts, tz_offset_min, position, duration, start_reason, end_reason,"
        " context, session_id, value, source, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        events,
    )


# --- reading -------------------------------------------------------------------------------------------


class RecentEvent(NamedTuple):
    """An event with the item it is about (the item's fields are None when the item is gone)."""

    id: int
    type: str
    item_id: int
    ts: float
    tz_offset_min: int
    position: float | None
    duration: float | None
    start_reason: str | None
    end_reason: str | None
    context: str | None
    value: float | None
    source: str
    data: str | None
    path: str | None
    title: str | None
    artist: str | None
    album: str | None
    kind: str | None


def recent(conn: sqlite3.Connection, limit: int) -> list[RecentEvent]:
    """The latest ``limit`` events with their item, newest first."""
    rows = conn.execute(
        "SELECT e.id, e.type, e.item_id, e.ts, e.tz_offset_min, e.position, e.duration, e.start_reason,"
        " e.end_reason, e.context, e.value, e.source, e.data, i.path, i.title, i.artist, i.album, i.kind"
        " FROM events e LEFT JOIN items i ON i.id = e.item_id ORDER BY e.ts DESC, e.id DESC LIMIT ?",
        (limit,),
    )
    return [RecentEvent._make(r) for r in rows]


class PlayCounts(NamedTuple):
    """Per item: plays (play or completed), skips, the latest play, the app's rating and like, the tags'
    own play count."""

    item_id: int
    play_count: int
    skip_count: int
    last_played: float | None
    rating: float | None
    liked: int
    tag_play_count: int | None


_STATS = f"""
SELECT i.id AS item_id, COALESCE(e.plays, 0) AS play_count, COALESCE(e.skips, 0) AS skip_count,
       e.last_played, r.stars AS rating, COALESCE(r.liked, 0) AS liked, i.tag_play_count
FROM items i
LEFT JOIN (SELECT item_id, SUM(type IN ({PLAYS_SQL})) AS plays, SUM(type = '{EventType.SKIP.value}') AS skips,
                  MAX(CASE WHEN type IN ({PLAYS_SQL}) THEN ts END) AS last_played
           FROM events {{where_events}} GROUP BY item_id) e ON e.item_id = i.id
LEFT JOIN ratings r ON r.item_id = i.id
"""


def play_counts(conn: sqlite3.Connection, item_ids: Sequence[int] | None = None) -> list[PlayCounts]:
    """:class:`PlayCounts` of the given items (all items when None)."""
    if item_ids is None:
        return [PlayCounts._make(r) for r in conn.execute(_STATS.format(where_events=""))]
    out: list[PlayCounts] = []
    for chunk in chunks(item_ids):
        marks = ",".join("?" * len(chunk))
        sql = _STATS.format(where_events=f"WHERE item_id IN ({marks})") + f" WHERE i.id IN ({marks})"
        out += [PlayCounts._make(r) for r in conn.execute(sql, [*chunk, *chunk])]
    return out


def chunks(ids: Iterable[int], size: int = 500) -> list[list[int]]:
    """Distinct ids in their order, in lists short enough for one ``IN (...)`` each."""
    unique = list(dict.fromkeys(int(i) for i in ids))
    return [unique[start : start + size] for start in range(0, len(unique), size)]


def played_item_ids(conn: sqlite3.Connection) -> frozenset[int]:
    """Every item played at least once."""
    rows = conn.execute(f"SELECT DISTINCT item_id FROM events WHERE type IN ({PLAYS_SQL})")
    return frozenset(int(r[0]) for r in rows)


def recently_played(conn: sqlite3.Connection, since_ts: float, last_plays: int) -> set[int]:
    """Items played since ``since_ts``, and those among the latest ``last_plays`` plays."""
    rows = conn.execute(
        f"SELECT item_id FROM events WHERE type IN ({PLAYS_SQL}) AND ts >= ? "
        f"UNION SELECT item_id FROM (SELECT item_id FROM events WHERE type IN ({PLAYS_SQL}) "
        "ORDER BY ts DESC LIMIT ?)",
        (since_ts, last_plays),
    )
    return {int(r[0]) for r in rows}


def skipped_early(conn: sqlite3.Connection, since_ts: float, before_s: float) -> set[int]:
    """Items skipped since ``since_ts`` within their first ``before_s`` seconds, unless played since."""
    rows = conn.execute(
        f"SELECT s.item_id FROM events s WHERE s.type = '{EventType.SKIP.value}' AND s.ts >= ? "
        "AND coalesce(s.position, 0) < ? AND NOT EXISTS (SELECT 1 FROM events p WHERE p.item_id = s.item_id "
        f"AND p.type IN ({PLAYS_SQL}) AND p.ts > s.ts)",
        (since_ts, before_s),
    )
    return {int(r[0]) for r in rows}


def session_recorded(conn: sqlite3.Connection, session_id: str) -> bool:
    """Whether a playback's event is stored already."""
    row = conn.execute("SELECT 1 FROM events WHERE session_id = ? LIMIT 1", (session_id,)).fetchone()
    return row is not None


def has_completed(conn: sqlite3.Connection, item_id: int) -> bool:
    row = conn.execute(
        f"SELECT 1 FROM events WHERE item_id = ? AND type = '{EventType.COMPLETED.value}' LIMIT 1", (item_id,)
    ).fetchone()
    return row is not None


def last_completed_episodes(conn: sqlite3.Connection) -> list[int]:
    """Per show, the episode whose completion is the latest; shows most recently finished first."""
    rows = conn.execute(
        "SELECT e.item_id, MAX(e.ts) AS ts FROM events e JOIN items i ON i.id = e.item_id"
        f" WHERE e.type = '{EventType.COMPLETED.value}' AND i.video_type = 'episode'"
        " GROUP BY i.show ORDER BY ts DESC"
    )
    return [int(r[0]) for r in rows]


def imported_near(
    conn: sqlite3.Connection, item_id: int, ts: float, slack: float, except_source: str
) -> bool:
    """Whether an imported event (of another source than ``except_source``) of this item lies within
    ``slack`` seconds of ``ts``."""
    row = conn.execute(
        "SELECT 1 FROM events WHERE item_id = ? AND ts BETWEEN ? AND ? AND source LIKE 'import:%'"
        " AND source != ? LIMIT 1",
        (item_id, ts - slack, ts + slack, except_source),
    ).fetchone()
    return row is not None


def any_with_data(conn: sqlite3.Connection, data: str) -> bool:
    """Whether any event carries exactly this ``data`` text (a marker such as the demo's)."""
    return conn.execute("SELECT 1 FROM events WHERE data = ? LIMIT 1", (data,)).fetchone() is not None


def count(conn: sqlite3.Connection, types: Sequence[EventType] | None = None) -> int:
    """How many events (of these types, or of any)."""
    if types is None:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    return int(conn.execute(f"SELECT count(*) FROM events WHERE type IN ({sql_list(types)})").fetchone()[0])


def last_id(conn: sqlite3.Connection) -> int:
    """The largest event id (0 when there are none)."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])


def ts_of(conn: sqlite3.Connection, event_id: int) -> float | None:
    """When the event with this id happened (None: no such event)."""
    row = conn.execute("SELECT ts FROM events WHERE id = ?", (event_id,)).fetchone()
    return None if row is None else float(row[0])


class Opinion(NamedTuple):
    item_id: int
    type: str  # rating | like | dislike | unlike
    value: float | None  # stars of a rating
    ts: float


def opinions(conn: sqlite3.Connection) -> list[Opinion]:
    """The app's own rating, like, dislike and unlike events, in the order they happened."""
    rows = conn.execute(
        "SELECT item_id, type, value, ts FROM events WHERE source = 'app'"
        f" AND type IN ({sql_list(OPINION_TYPES)}) ORDER BY ts, id"
    )
    return [Opinion._make(r) for r in rows]


def delete_for_items(conn: sqlite3.Connection, item_ids: Sequence[int]) -> None:
    """Remove every event of these items (inside the caller's transaction)."""
    for chunk in chunks(item_ids):
        conn.execute(f"DELETE FROM events WHERE item_id IN ({','.join('?' * len(chunk))})", chunk)
