"""Who a new file may be, when its fingerprint matches no vanished item: the same recording, retagged.

The fingerprint (size + the first and last 64 KiB) covers the tag blocks, so a file whose tags were edited
and that was moved in one go (MusicBrainz Picard, beets, Kid3, or Companion writing a rating into it) is a
new fingerprint at a new path. Such a file is the vanished item with the same MusicBrainz recording id, or
the same artist, title and album (a show's season and episode, a film's title), and a length within
:data:`DURATION_SLACK_S`; only a single such item is taken, never a guess between two.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from companion.core.db import scans as scan_db
from companion.core.db.scans import IDENTITY_COLUMNS, TAG_COLUMNS

DURATION_SLACK_S = 1.5
_COL = {name: TAG_COLUMNS.index(name) for name in IDENTITY_COLUMNS}


def _norm(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


def keys(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Identity keys of an item record (column name -> value), strongest first."""
    out: list[tuple[Any, ...]] = []
    if record.get("mb_track_id"):
        out.append(("mbid", _norm(record["mb_track_id"])))
    title = _norm(record.get("title"))
    if record.get("kind") == "video":
        if record.get("video_type") == "episode" and record.get("show") and record.get("episode") is not None:
            out.append(("episode", _norm(record["show"]), record.get("season"), record.get("episode")))
        elif title:
            out.append(("film", title))
    elif title and record.get("artist"):
        out.append(("track", _norm(record["artist"]), title, _norm(record.get("album"))))
    return out


def values_record(values: Sequence[object]) -> dict[str, Any]:
    """The identity columns of a scanned file's values (in ``TAG_COLUMNS`` order)."""
    return {name: values[i] for name, i in _COL.items()}


class Candidates:
    """Vanished and missing items by identity key, each taken at most once."""

    def __init__(self, conn: sqlite3.Connection, item_ids: Iterable[int]) -> None:
        self._by_key: dict[tuple[Any, ...], list[tuple[int, float | None]]] = {}
        for item_id, record in scan_db.identity_fields(conn, item_ids):
            for key in keys(record):
                self._by_key.setdefault(key, []).append((item_id, record["duration"]))
        self.taken: set[int] = set()

    def take(self, values: Sequence[object]) -> int | None:
        """The one item the file with these values is, or None (none, or more than one could be)."""
        if not self._by_key:
            return None  # nothing vanished (a first scan): no cost per file
        record = values_record(values)
        duration = record["duration"]
        for key in keys(record):
            near = [
                item_id
                for item_id, d in self._by_key.get(key, ())
                if item_id not in self.taken
                and (d is None or duration is None or abs(float(d) - float(duration)) <= DURATION_SLACK_S)
            ]
            if len(near) == 1:
                self.taken.add(near[0])
                return near[0]
            if len(near) > 1:
                return None  # two could be it: better a new item than history on the wrong one
        return None
