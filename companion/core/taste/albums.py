"""Album listening: does this person play albums through, in order, and which albums are in rotation?

A listening session (a 30-minute gap starts a new one) is an *album session* when it plays most of
one album (at least ``MOST_OF_ALBUM`` of the album's tracks in the library, and ``MIN_TRACKS``) with
its tracks mostly in track order. The person is an *album listener* when at least ``LISTENER_SHARE``
of their sessions (of ``MIN_SESSION_PLAYS`` plays or more) are album sessions; for everyone else
nothing about their home changes.

Pure numpy over the event log; only events before the moment count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste.library import Library

MOST_OF_ALBUM = 0.5
MIN_TRACKS = 4
IN_ORDER = 0.75  # share of consecutive plays that move forward in track order
MIN_SESSION_PLAYS = 3
MIN_SESSIONS = 6  # fewer listening sessions than this say nothing about a habit
LISTENER_SHARE = 0.25


@dataclass(frozen=True)
class LastRun:
    album: int  # album code
    track: float  # track number of the latest play of it
    when: float  # ts of that play
    tracks: int  # distinct tracks of the album that session played


@dataclass
class AlbumListening:
    """What the history says about albums, as of one moment."""

    sessions: int = 0  # sessions with at least MIN_SESSION_PLAYS plays
    album_sessions: int = 0
    album_plays: np.ndarray = field(
        default_factory=lambda: np.zeros(0)
    )  # per album code: times played through
    album_last: np.ndarray = field(default_factory=lambda: np.zeros(0))  # per album: last played through (ts)
    last_run: LastRun | None = None  # the latest album play, and how far that session got into it

    @property
    def share(self) -> float:
        return self.album_sessions / self.sessions if self.sessions else 0.0

    @property
    def is_album_listener(self) -> bool:
        return self.sessions >= MIN_SESSIONS and self.share >= LISTENER_SHARE

    def then(self, later: AlbumListening) -> AlbumListening:
        """This history followed by ``later`` (sessions of their own): what one pass over both finds."""
        return AlbumListening(
            sessions=self.sessions + later.sessions,
            album_sessions=self.album_sessions + later.album_sessions,
            album_plays=self.album_plays + later.album_plays,
            album_last=np.maximum(self.album_last, later.album_last),
            last_run=later.last_run or self.last_run,
        )


def album_sizes(lib: Library) -> np.ndarray:
    """Per album code: how many music items with a track number it has in the library."""
    numbered = (lib.album_code >= 0) & ~lib.is_video & ~np.isnan(lib.track_no)
    return np.bincount(lib.album_code[numbered], minlength=max(1, len(lib.albums.names))).astype(float)


def album_listening(lib: Library, log: ev.EventLog, n: int) -> AlbumListening:
    """Album sessions among the first ``n`` events (those before a moment)."""
    n_albums = max(1, len(lib.albums.names))
    out = AlbumListening(album_plays=np.zeros(n_albums), album_last=np.full(n_albums, -np.inf))
    if n == 0 or not len(lib):
        return out
    sess = log.sessions(n)
    types, item = log.type[:n], log.item[:n]
    played = ((types == ev.PLAY) | (types == ev.COMPLETED)) & (item >= 0)
    idx = np.flatnonzero(played)
    plays_per_session = np.bincount(sess[idx], minlength=int(sess[-1]) + 1)
    out.sessions = int((plays_per_session >= MIN_SESSION_PLAYS).sum())
    it = item[idx]
    album, track = lib.album_code[it], lib.track_no[it]
    ok = (album >= 0) & ~np.isnan(track) & ~lib.is_video[it]
    idx, it, album, track = idx[ok], it[ok], album[ok], track[ok]
    if not len(idx):
        return out
    key = sess[idx].astype(np.int64) * n_albums + album
    order = np.argsort(key, kind="stable")  # by (session, album), time order kept within
    key, it, track, ts = key[order], it[order], track[order], log.ts[idx][order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])  # one group per (session, album)
    group = np.cumsum(np.r_[True, key[1:] != key[:-1]]) - 1
    steps = np.bincount(group) - 1
    forward = np.r_[False, (track[1:] > track[:-1]) & (key[1:] == key[:-1])]
    ahead = np.bincount(group, forward.astype(float))
    pairs = np.sort(group.astype(np.int64) * (len(lib) + 1) + it)
    # distinct (sorted) pairs; not np.unique, which imports numpy.ma (0.1 s of the warm start's first home)
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]
    distinct = np.bincount(pairs // (len(lib) + 1), minlength=len(starts))
    a = (key[starts] % n_albums).astype(np.int64)
    whole = (distinct >= np.maximum(MIN_TRACKS, MOST_OF_ALBUM * album_sizes(lib)[a])) & (steps >= 1)
    whole &= ahead >= IN_ORDER * np.maximum(steps, 1)
    album_session = np.zeros(int(sess[-1]) + 1, bool)
    album_session[key[starts][whole] // n_albums] = True
    np.add.at(out.album_plays, a[whole], 1.0)
    group_end = np.r_[starts[1:], len(key)] - 1
    np.maximum.at(out.album_last, a[whole], ts[group_end][whole])
    out.album_sessions = int((album_session & (plays_per_session >= MIN_SESSION_PLAYS)).sum())
    last = int(np.argmax(ts))  # the latest album play: where its run stopped
    g = int(group[last])
    out.last_run = LastRun(int(key[last] % n_albums), float(track[last]), float(ts[last]), int(distinct[g]))
    return out


def last_session_start(log: ev.EventLog, n: int) -> int:
    """Where the listening session holding event ``n - 1`` began (0 for none)."""
    if n == 0:
        return 0
    gaps = np.flatnonzero(np.diff(log.ts[:n]) > ev.SESSION_GAP)
    return int(gaps[-1]) + 1 if len(gaps) else 0


def album_listening_cached(lib: Library, log: ev.EventLog, n: int, cache: dict[Any, Any]) -> AlbumListening:
    """``album_listening`` of the first ``n`` events, reusing ``cache``'s answer for the sessions before the
    latest one: a new play only costs its own session (a whole pass is 20-50 ms at 100,000 events)."""
    start = last_session_start(log, n)
    key = ("album-habit", lib.fingerprint, start)
    head = cache.get(key)
    if head is None:
        head = album_listening(lib, log, start)
        cache.pop(cache.get("album-habit-key"), None)  # one head kept: the latest
        cache["album-habit-key"] = key
        cache[key] = head
    return head.then(album_listening(lib, log.window(start, n), n - start))
