"""The play queue, as pure Python: play now / next / add / clear / reorder, shuffle and repeat.

The queue holds ``QueueEntry`` values in their listening order and a cursor on the
current one. Shuffle keeps the original order aside and restores it (around the
current entry) when switched off; repeat is ``off``, ``all`` or ``one``. The Qt
player owns one queue; nothing here touches Qt, files or the database.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from companion.core.db import items as item_db
from companion.core.library.pathcodec import from_db

REPEAT_MODES = ("off", "all", "one")


@dataclass(frozen=True)
class QueueEntry:
    item_id: int
    path: str  # file-system path (already decoded from the database form)
    kind: str = "music"  # music | video
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    duration: float | None = None
    start_reason: str = "user"  # user | mix | queue | resume | radio
    context: str | None = None  # home row id or playlist it came from
    start_position: float = 0.0  # seconds (a resume point)
    rg_track_gain: float | None = None
    rg_track_peak: float | None = None
    rg_album_gain: float | None = None
    rg_album_peak: float | None = None
    cover_key: str | None = None  # items.cover_key (companion.core.library.covers.cover_path)
    offset: float = 0.0  # where the item starts in its file (a CUE sheet's track), seconds
    end: float | None = None  # where it ends in its file (the next track's start); None: the file's end
    spoken: bool = False  # spoken word (items.spoken): its leaving updates Continue, as a video's does
    uid: int = field(default=0, compare=False)  # unique per queue slot (the same item may be queued twice)
    by_hand: bool = field(default=False, compare=False)  # queued with Play next / Add to queue


class PlayQueue:
    def __init__(self, rng: random.Random | None = None) -> None:
        self._entries: list[QueueEntry] = []
        self._original: list[QueueEntry] | None = None  # order before shuffling
        self._index = -1
        self._next_uid = 1
        self._rng = rng or random.Random()
        self.repeat = "off"

    # reading
    @property
    def entries(self) -> tuple[QueueEntry, ...]:
        return tuple(self._entries)

    @property
    def index(self) -> int:
        return self._index

    @property
    def current(self) -> QueueEntry | None:
        return self._entries[self._index] if 0 <= self._index < len(self._entries) else None

    @property
    def shuffled(self) -> bool:
        return self._original is not None

    def __len__(self) -> int:
        return len(self._entries)

    def upcoming(self) -> tuple[QueueEntry, ...]:
        return tuple(self._entries[self._index + 1 :])

    # changing
    def play_now(
        self, entries: list[QueueEntry], start: int = 0, *, keep_queued: bool = True
    ) -> QueueEntry | None:
        """Play ``entries`` from ``entries[start]``: they replace the queue, except what the person queued by hand
        (Play next, Add to queue) and has not heard yet, which comes right after the new current entry, in its
        order, before the rest of the new entries (Spotify's "Next in queue"). ``keep_queued=False`` replaces
        everything."""
        kept = [e for e in self._entries[self._index + 1 :] if e.by_hand] if keep_queued else []
        new = [self._stamp(e) for e in entries]
        self._original = None
        self._index = min(max(start, 0), len(new) - 1) if new else -1
        at = self._index + 1
        self._entries = new[:at] + kept + new[at:]
        return self.current

    def play_next(self, entries: list[QueueEntry]) -> None:
        """Insert right after the current entry (queued by hand: a new context keeps it)."""
        stamped = [self._stamp(e, by_hand=True) for e in entries]
        at = self._index + 1
        self._entries[at:at] = stamped
        if self._original is not None:
            self._original.extend(stamped)

    def add(self, entries: list[QueueEntry]) -> None:
        """Append at the end (queued by hand: a new context keeps it)."""
        stamped = [self._stamp(e, by_hand=True) for e in entries]
        self._entries.extend(stamped)
        if self._original is not None:
            self._original.extend(stamped)

    def clear(self) -> None:
        self._entries, self._original, self._index = [], None, -1

    def remove(self, position: int) -> None:
        if not 0 <= position < len(self._entries):
            raise IndexError(position)
        gone = self._entries.pop(position)
        if self._original is not None:
            self._original = [e for e in self._original if e.uid != gone.uid]
        if position < self._index or (position == self._index and self._index >= len(self._entries)):
            self._index -= 1

    def move(self, source: int, dest: int) -> None:
        """Reorder: the entry at ``source`` ends up at ``dest``; the current entry stays current."""
        n = len(self._entries)
        if not (0 <= source < n and 0 <= dest < n):
            raise IndexError((source, dest))
        current = self.current
        entry = self._entries.pop(source)
        self._entries.insert(dest, entry)
        if current is not None:
            self._index = next(i for i, e in enumerate(self._entries) if e.uid == current.uid)

    def jump(self, position: int) -> QueueEntry:
        if not 0 <= position < len(self._entries):
            raise IndexError(position)
        self._index = position
        return self._entries[position]

    def set_repeat(self, mode: str) -> None:
        if mode not in REPEAT_MODES:
            raise ValueError(f"repeat must be one of {', '.join(REPEAT_MODES)}, not {mode!r}")
        self.repeat = mode

    def set_shuffle(self, on: bool) -> None:
        """Shuffle what comes after the current entry; switching off restores the original order."""
        if on and self._original is None:
            self._original = list(self._entries)
            rest = self._entries[self._index + 1 :]
            self._rng.shuffle(rest)
            self._entries = self._entries[: self._index + 1] + rest
        elif not on and self._original is not None:
            current = self.current
            self._entries, self._original = self._original, None
            if current is not None:
                self._index = next(i for i, e in enumerate(self._entries) if e.uid == current.uid)

    # moving through
    def peek_next(self, *, auto: bool = True) -> QueueEntry | None:
        """What ``advance(auto)`` would make current, without moving (to prepare it early)."""
        position = self._next_index(auto)
        return self._entries[position] if position is not None else None

    def advance(self, *, auto: bool = True) -> QueueEntry | None:
        """Move on: ``auto`` is the track ending by itself (repeat-one replays), else the user pressed next."""
        position = self._next_index(auto)
        if position is None:
            return None  # the end: the last entry stays current, entries added later come next
        self._index = position
        return self.current

    def previous(self) -> QueueEntry | None:
        if not self._entries:
            return None
        if self._index > 0:
            self._index -= 1
        elif self.repeat == "all":
            self._index = len(self._entries) - 1
        else:
            self._index = 0
        return self.current

    def _next_index(self, auto: bool) -> int | None:
        if not self._entries:
            return None
        if auto and self.repeat == "one" and self.current is not None:
            return self._index
        if self._index + 1 < len(self._entries):
            return self._index + 1
        return 0 if self.repeat == "all" else None

    def _stamp(self, entry: QueueEntry, *, by_hand: bool = False) -> QueueEntry:
        uid, self._next_uid = self._next_uid, self._next_uid + 1
        return replace(entry, uid=uid, by_hand=by_hand)


def entries_from_db(
    conn: sqlite3.Connection,
    item_ids: Sequence[int],
    *,
    start_reason: str = "user",
    context: str | None = None,
    resume: bool = True,
) -> list[QueueEntry]:
    """Queue entries for library items, in the given order (unknown ids are left out).

    With ``resume``, an item that has a resume point starts there (start reason ``resume``).
    """

    ids = [int(i) for i in item_ids]
    if not ids:
        return []
    rows = item_db.queue_fields(conn, ids)
    out = []
    for item_id in ids:
        r = rows.get(item_id)
        if r is None:
            continue
        at = float(r.resume_at) if resume and r.resume_at else 0.0
        out.append(
            QueueEntry(
                item_id=item_id,
                path=from_db(r.path),
                kind=r.kind,
                title=r.title,
                artist=r.artist,
                album=r.album,
                duration=r.duration,
                start_reason="resume" if at else start_reason,
                context=context,
                start_position=at,
                rg_track_gain=r.rg_track_gain,
                rg_track_peak=r.rg_track_peak,
                rg_album_gain=r.rg_album_gain,
                rg_album_peak=r.rg_album_peak,
                cover_key=r.cover_key,
                spoken=bool(r.spoken),
            )
        )
    return with_cue_spans(conn, out)


def with_cue_spans(conn: sqlite3.Connection, entries: list[QueueEntry]) -> list[QueueEntry]:
    """Entries for tracks of a CUE sheet play their span of the album's file (``offset`` to ``end``)."""
    # CUE sheets' tracks: kept out of the window's start-up (the queue is imported there)
    from companion.core.db.cue_tracks import cue_spans
    from companion.core.library.cue import file_of_track_key
    from companion.core.library.pathcodec import from_db, to_db

    spans = cue_spans(conn, [e.item_id for e in entries if "#track" in e.path])
    if not spans:
        return entries
    out = []
    for e in entries:
        span = spans.get(e.item_id)
        if span is not None:
            start, end = span
            e = replace(e, path=from_db(file_of_track_key(to_db(e.path))), offset=start, end=end)
        out.append(e)
    return out
