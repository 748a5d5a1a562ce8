"""Which vanished item a new file of a scan is: moved or renamed (the same fingerprint), or moved and
retagged (the same recording by its tags, ``identity``), so it keeps its history."""

from __future__ import annotations

import sqlite3
from typing import Any

from companion.core.db import scans as scan_db
from companion.core.db.scans import KnownFile
from companion.core.library.columns import FINGERPRINT, SIZE
from companion.core.library.fingerprint import is_legacy, legacy
from companion.core.library.identity import Candidates


class Reattach:
    """Which vanished item a new file is: the one with its fingerprint (moved or renamed), else the same
    recording by its tags (moved and retagged, ``identity``); each item is taken at most once. The
    candidates are read on the first new file (a rescan with nothing new never reads them)."""

    def __init__(self, conn: sqlite3.Connection, vanished: dict[int, KnownFile]) -> None:
        self.conn, self.vanished = conn, vanished
        self.by_fingerprint: dict[str, list[int]] | None = None
        self.legacy_sizes: set[int] = set()  # sizes of candidates fingerprinted the older way
        self.by_identity: Candidates | None = None
        self.taken: set[int] = set()  # items a new file of this scan already is
        self.nothing_vanished = False  # no item vanished and none is missing: no file can be one

    def item_for(self, path: str, values: tuple[Any, ...]) -> int | None:
        if self.by_fingerprint is None:
            self.by_fingerprint, self.legacy_sizes = _reattach_candidates(self.conn, self.vanished)
            self.nothing_vanished = (
                not self.by_fingerprint and not self.vanished and not scan_db.any_missing(self.conn)
            )
        if self.nothing_vanished:
            return None  # a first scan: no cost per file
        same = self.by_fingerprint.get(values[FINGERPRINT] or "")
        if not same and values[SIZE] in self.legacy_sizes:  # an item fingerprinted the old way
            same = self.by_fingerprint.get(_legacy_fingerprint(path, values[SIZE]))
        item_id = same.pop() if same else None
        if item_id is None:  # retagged as well as moved: the same recording by its tags
            if self.by_identity is None:
                self.by_identity = Candidates(self.conn, [*self.vanished, *scan_db.missing_ids(self.conn)])
                self.by_identity.taken |= self.taken
            item_id = self.by_identity.take(values)
            if item_id is not None:
                _forget_fingerprint(self.by_fingerprint, item_id)
        if item_id is not None:
            self.taken.add(item_id)
            if self.by_identity is not None:
                self.by_identity.taken.add(item_id)
            self.vanished.pop(item_id, None)
        return item_id


def _reattach_candidates(
    conn: sqlite3.Connection, vanished: dict[int, KnownFile]
) -> tuple[dict[str, list[int]], set[int]]:
    """Fingerprint -> ids of items a new file may be: missing ones, and ones that vanished in this scan;
    and the sizes of those whose fingerprint is of the older kind (a new file of such a size is
    fingerprinted that way too)."""
    out: dict[str, list[int]] = {}
    legacy_sizes: set[int] = set()
    for c in scan_db.reattach_fingerprints(conn, list(vanished)):
        out.setdefault(c.fingerprint, []).append(c.item_id)
        if is_legacy(c.fingerprint):
            size = c.fingerprint.partition(":")[0]
            if size.isdigit():
                legacy_sizes.add(int(size))
    return out, legacy_sizes


def _forget_fingerprint(candidates: dict[str, list[int]], item_id: int) -> None:
    for ids in candidates.values():
        if item_id in ids:
            ids.remove(item_id)


def _legacy_fingerprint(path: str, size: int) -> str:
    try:
        return legacy(path, size)
    except OSError:
        return ""
