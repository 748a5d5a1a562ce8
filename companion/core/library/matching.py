"""Finding the library item an outside entry means: by MusicBrainz id, by normalised artist and
title (album breaks ties), by show/season/episode or movie title for videos.

The index is built once per import from the ``items`` table, so matching a long history costs
dictionary look-ups, not queries.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from companion.core.db import items as item_db
from companion.core.library.normalize import fold, norm_artist, norm_mbid, norm_title, primary_artist


@dataclass(frozen=True)
class Candidate:
    item_id: int
    album: str  # normalised
    duration: float | None
    status: str


class LibraryIndex:
    """Look-ups over the library's items for matching entries from elsewhere."""

    def __init__(self) -> None:
        self.by_mbid: dict[str, int] = {}
        self.by_artist_title: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        self.by_primary_title: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        self.by_episode: dict[tuple[str, int, int], int] = {}
        self.by_episode_title: dict[tuple[str, int, str], int] = {}
        self.by_video_title: dict[str, list[Candidate]] = defaultdict(list)
        self.durations: dict[int, float | None] = {}

    @classmethod
    def build(cls, conn: sqlite3.Connection) -> LibraryIndex:
        index = cls()
        for r in item_db.match_fields(conn):
            index.add(r)
        return index

    def add(self, r: item_db.MatchFields) -> None:
        cand = Candidate(int(r.id), fold(r.album), r.duration, r.status)
        self.durations[cand.item_id] = r.duration
        if r.kind == "video":
            if r.show and r.season is not None and r.episode is not None:
                key = (fold(r.show), int(r.season), int(r.episode))
                self.by_episode.setdefault(key, cand.item_id)
                if r.title:
                    self.by_episode_title.setdefault((key[0], key[1], fold(r.title)), cand.item_id)
            if r.title:
                self.by_video_title[fold(r.title)].append(cand)
            return
        mbid = norm_mbid(r.mb_track_id)
        if mbid:
            self.by_mbid.setdefault(mbid, cand.item_id)
        title = norm_title(r.title)
        if not title:
            return
        for artist in {r.artist, r.album_artist}:
            if artist:
                self.by_artist_title[(norm_artist(artist), title)].append(cand)
                self.by_primary_title[(primary_artist(artist), title)].append(cand)

    def match_track(
        self, artist: str | None, title: str | None, album: str | None = None, mbid: str | None = None
    ) -> int | None:
        """The item for a track, or None. An id that is in the library wins over names."""
        key = norm_mbid(mbid)
        if key and key in self.by_mbid:
            return self.by_mbid[key]
        t = norm_title(title)
        if not t:
            return None
        found = self.by_artist_title.get((norm_artist(artist), t))
        if not found:
            found = self.by_primary_title.get((primary_artist(artist), t))
        return _best(found, fold(album)) if found else None

    def match_episode(self, show: str | None, season: int | None, episode: int | None) -> int | None:
        if not show or season is None or episode is None:
            return None
        return self.by_episode.get((fold(show), int(season), int(episode)))

    def match_episode_title(self, show: str | None, season: int | None, title: str | None) -> int | None:
        if not show or not title:
            return None
        return self.by_episode_title.get((fold(show), int(season or 1), fold(title)))

    def match_video_title(self, title: str | None) -> int | None:
        found = self.by_video_title.get(fold(title)) if title else None
        return _best(found, "") if found else None


def _best(cands: list[Candidate], album: str) -> int:
    """Same album first, then a playable copy, then the oldest item."""
    if album:
        same = [c for c in cands if c.album == album]
        if same:
            cands = same
    ok = [c for c in cands if c.status == "ok"]
    return (ok or cands)[0].item_id
