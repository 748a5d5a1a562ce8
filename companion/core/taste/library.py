"""The library as numpy arrays: what the taste engine knows about each item.

Loaded once per process and reloaded only when the ``items`` table changes
(its fingerprint: row count, newest ``updated_at``, largest id).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property
from itertools import chain
from typing import Any

import numpy as np

from companion.core.db import arrays
from companion.core.db.library_version import items_fingerprint
from companion.core.taste.recordings import one_entry_per_recording

# LIBRARY_COLUMNS positions of year, duration, bpm, tag rating, tag play count, added, season, episode,
# track number: the numeric columns, read as one float array
NUMBERS = (9, 10, 11, 13, 14, 15, 17, 18, 19)

__all__ = ["AUDIO_FEATURES", "Codes", "Library", "items_fingerprint", "load_library"]

AUDIO_FEATURES = ("energy", "danceability", "acousticness", "valence")


def _genres(text: str | None) -> list[str]:
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        value = [text]
    if isinstance(value, str):
        value = [value]
    out: list[str] = []
    for g in value if isinstance(value, list) else []:
        for part in str(g).replace(";", "/").split("/"):
            part = part.strip().lower()
            if part and part not in out:
                out.append(part)
    return out


class Codes:
    """Strings to small ints (-1 for none)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.names: list[str] = []

    def code(self, name: str | None) -> int:
        if not name:
            return -1
        got = self.index.get(name)
        if got is None:
            got = self.index[name] = len(self.names)
            self.names.append(name)
        return got

    def codes_of(self, names: list[str | None]) -> list[int]:
        """``code`` of each name; new names are numbered in order of first appearance, as calls one by one
        would number them (at C speed: a library's load asks this for every item)."""
        index, known = self.index, self.names
        for name in dict.fromkeys(n for n in names if n and n not in index):
            index[name] = len(known)
            known.append(name)
        return [index[n] if n else -1 for n in names]


@dataclass
class Library:
    ids: np.ndarray  # int64, ascending
    is_video: np.ndarray  # bool
    ok: np.ndarray  # bool: status ok
    path: list[str]
    title: list[str | None]
    artist: list[str | None]  # artist, album artist, or show
    album: list[str | None]
    genres: list[list[str]]
    artist_code: np.ndarray  # int32, -1 none (show for episodes)
    album_code: np.ndarray  # int32, -1 none (album, or show+season)
    genre_code: np.ndarray  # int32 primary genre, -1 none
    year: np.ndarray  # float, nan unknown
    duration: np.ndarray  # float, nan unknown
    bpm: np.ndarray  # float, nan unknown
    mood: list[str | None]
    tag_rating: np.ndarray  # float, nan unknown
    tag_play_count: np.ndarray  # float, 0 unknown
    added_at: np.ndarray
    season: np.ndarray  # float, nan
    episode: np.ndarray  # float, nan
    track_no: np.ndarray  # float, nan
    cover_key: list[str | None]
    folder_words: list[str]  # parent folder names (video keywords, search)
    tags: list[list[str]]  # free tags / keywords from ``items.extra`` {"tags": [...]}
    artists: Codes = field(default_factory=Codes)
    albums: Codes = field(default_factory=Codes)
    genre_names: Codes = field(default_factory=Codes)
    features: np.ndarray | None = None  # (n, 4) AUDIO_FEATURES, nan where unknown
    sound: np.ndarray | None = None  # (n, d) the analysis' "sounds like" vector, nan rows where unknown
    feature_mood: list[str | None] | None = None
    fingerprint: tuple[Any, ...] = ()
    # one entry per recording (its best file, see taste/recordings.py); set by load_library
    recording: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # recording id
    files: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # files of the recording present
    spoken: np.ndarray = field(
        default_factory=lambda: np.zeros(0, bool)
    )  # audiobook, podcast: no music mixes
    suspect: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # implausible length, undecodable
    alias_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # other files, ascending ...
    alias_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # ... and their recording

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def genre_groups(self) -> tuple[np.ndarray, int]:
        """(group number per item, number of groups) for the primary genre (no genre is a group too)."""
        uniq, inv = np.unique(self.genre_code, return_inverse=True)
        return inv, len(uniq)

    @cached_property
    def artist_groups(self) -> tuple[np.ndarray, int, np.ndarray]:
        """(group per item, number of groups, genre group of each group) for artist-within-genre."""
        g, _ = self.genre_groups
        key = self.genre_code.astype(np.int64) * (len(self.artists.names) + 2) + self.artist_code + 1
        uniq, inv = np.unique(key, return_inverse=True)
        genre_of = np.zeros(len(uniq), np.int64)
        genre_of[inv] = g
        return inv, len(uniq), genre_of

    def subset(self, keep: np.ndarray) -> Library:
        """The entries where ``keep`` holds (every per-item array and list cut alike; codes shared)."""
        n = len(self.ids)
        where = np.flatnonzero(keep)
        values = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, np.ndarray) and v.shape[:1] == (n,) and f.name not in ("alias_ids", "alias_pos"):
                v = v[where]
            elif isinstance(v, list) and len(v) == n:
                v = [v[i] for i in where.tolist()]
            values[f.name] = v
        return Library(**values)

    def index_of(self, item_ids: np.ndarray | list[int], files: bool = True) -> np.ndarray:
        """Positions of ``item_ids`` (-1 for ids not in the library); with ``files``, any file of a recording
        finds the recording's entry (its plays, skips and ratings are the recording's)."""
        ids = np.asarray(item_ids, dtype=np.int64)
        out = _lookup(self.ids, ids, np.arange(len(self.ids)))
        if files and len(self.alias_ids) and (out < 0).any():
            miss = out < 0
            out[miss] = _lookup(self.alias_ids, ids[miss], self.alias_pos)
        return out


def _lookup(sorted_ids: np.ndarray, ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` at the positions of ``ids`` in ``sorted_ids`` (-1 where absent)."""
    if not len(sorted_ids):
        return np.full(len(ids), -1, np.int64)
    pos = np.clip(np.searchsorted(sorted_ids, ids), 0, len(sorted_ids) - 1)
    return np.where(sorted_ids[pos] == ids, values[pos], -1).astype(np.int64)


def load_library(conn: sqlite3.Connection) -> Library:
    """The items table as arrays; read in chunks, and repeated strings (artists, albums, genre lists,
    folders, covers) are shared objects, so 100,000 items stay small in memory. One function on purpose:
    each chunk is worked column by column in local names (a cold start's time: comprehensions, no call per
    row); the numeric columns become arrays at C speed (None -> nan)."""
    fingerprint = items_fingerprint(conn)  # before reading: a change while we read shows as a new one
    n = arrays.count_items(conn)
    artists, albums, genre_names = Codes(), Codes(), Codes()
    numbers: list[np.ndarray] = []
    id_parts: list[np.ndarray] = []
    kinds: list[np.ndarray] = []
    status: list[np.ndarray] = []
    acode = np.full(n, -1, np.int32)
    alcode = np.full(n, -1, np.int32)
    gcode = np.full(n, -1, np.int32)
    path: list[str] = []
    title: list[str | None] = []
    artist, album, genres, mood, cover, folders, tags = [], [], [], [], [], [], []
    shared: dict[Any, Any] = {}
    genre_lists: dict[str | None, list[str]] = {}
    tag_lists: dict[str | None, list[str]] = {}

    def same(values: Iterable[Any]) -> list[Any]:
        keep = shared.setdefault
        return [v if v is None else keep(v, v) for v in values]

    i = 0  # rows come in arrays.LIBRARY_COLUMNS order
    for rows in arrays.library_rows(conn):
        if i + len(rows) > n:  # items added since the count: the next look reloads (the fingerprint changed)
            rows = rows[: n - i]
        if not rows:
            break
        cols = list(zip(*rows, strict=True))
        m = len(rows)
        id_parts.append(np.fromiter(cols[0], np.int64, count=m))
        status.append(np.array([v == "ok" for v in cols[2]], bool))
        numbers.append(
            arrays.floats(chain.from_iterable(cols[c] for c in NUMBERS), len(NUMBERS) * m).reshape(-1, m)
        )
        path.extend(cols[3])
        title.extend(cols[4])
        # column by column (list comprehensions, at C speed where they can be): the load's time is here
        kind, paths, art, aart, alb, gen, moods, show, season, covers, extra = (
            cols[c] for c in (1, 3, 5, 6, 7, 8, 12, 16, 17, 20, 22)
        )
        video = [k == "video" for k in kind]
        kinds.append(np.array(video, bool))
        who = same(s if (v and s) else (a or aa) for v, s, a, aa in zip(video, show, art, aart, strict=True))
        artist.extend(who)
        album.extend(same(alb))
        for text in dict.fromkeys(gen):
            if text not in genre_lists:
                genre_lists[text] = _genres(text)
        item_genres = list(map(genre_lists.__getitem__, gen))
        genres.extend(item_genres)
        mood.extend(same(moods))
        cover.extend(same(covers))
        acode[i : i + m] = artists.codes_of([w.lower() if w else None for w in who])
        alcode[i : i + m] = albums.codes_of(
            [
                f"{s.lower()}\x00{se}"
                if (v and s)
                else (f"{a.lower()}\x00{(aa or ar or '').lower()}" if a else None)
                for v, s, se, a, aa, ar in zip(video, show, season, alb, aart, art, strict=True)
            ]
        )
        gcode[i : i + m] = genre_names.codes_of([g[0] if g else None for g in item_genres])
        folders.extend(same(map(_folder_words, paths)))
        for x in extra:
            t = tag_lists.get(x)
            if t is None:
                t = _extra_tags(x)
                if len(tag_lists) < 10_000:
                    tag_lists[x] = t
            tags.append(t)
        i += m
    n = i  # fewer when rows were removed since the count
    acode, alcode, gcode = acode[:n], alcode[:n], gcode[:n]
    f = np.concatenate(numbers, axis=1) if numbers else np.zeros((9, 0))
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int64)
    is_video = np.concatenate(kinds) if kinds else np.zeros(0, bool)
    ok = np.concatenate(status) if status else np.zeros(0, bool)
    lib = Library(
        ids=ids,
        is_video=is_video,
        ok=ok,
        path=path,
        title=title,
        artist=artist,
        album=album,
        genres=genres,
        artist_code=acode,
        album_code=alcode,
        genre_code=gcode,
        year=f[0],
        duration=f[1],
        bpm=f[2],
        mood=mood,
        tag_rating=f[3],
        tag_play_count=np.nan_to_num(f[4]),
        added_at=np.nan_to_num(f[5]),
        season=f[6],
        episode=f[7],
        track_no=f[8],
        cover_key=cover,
        folder_words=folders,
        tags=tags,
        artists=artists,
        albums=albums,
        genre_names=genre_names,
    )
    lib = one_entry_per_recording(conn, lib)
    _load_audio_features(conn, lib)
    lib.fingerprint = fingerprint
    return lib


def _extra_tags(extra: str | None) -> list[str]:
    if not extra or "tags" not in extra:
        return []
    try:
        value = json.loads(extra).get("tags")
    except (ValueError, AttributeError):
        return []
    return [str(t).strip().lower() for t in value if str(t).strip()][:30] if isinstance(value, list) else []


def _folder_words(path: str) -> str:
    parts = path.replace("\\", "/").split("/")
    return " ".join(parts[-3:-1])


def _load_audio_features(conn: sqlite3.Connection, lib: Library) -> None:
    """Use the analysis engineer's ``audio_features`` table when it exists (migration 0005)."""
    if not len(lib):
        return
    wanted, rows = arrays.taste_features(conn, AUDIO_FEATURES)
    if not rows:
        return
    feats = np.full((len(lib), len(AUDIO_FEATURES)), np.nan)
    moods: list[str | None] = [None] * len(lib)
    idx = lib.index_of([r[0] for r in rows], files=False)  # the best file's own sound
    for pos, r in zip(idx, rows, strict=True):
        if pos < 0:
            continue
        for j, name in enumerate(wanted):
            v = r[1 + j]
            feats[pos, AUDIO_FEATURES.index(name)] = np.nan if v is None else float(v)
        moods[pos] = r[-3]
        if r[-2] is not None and np.isnan(lib.bpm[pos]):
            lib.bpm[pos] = float(r[-2])
    lib.features = feats
    lib.feature_mood = moods
    lib.sound = _sound_vectors(lib, idx, [r[-1] for r in rows])


def _sound_vectors(lib: Library, idx: np.ndarray, blobs: list[Any]) -> np.ndarray | None:
    """The analysis' float32 vectors (all of one length), one row per item; None when there are none."""
    sizes = {len(b) for b in blobs if isinstance(b, bytes) and b}
    if len(sizes) != 1:
        return None
    d = sizes.pop() // 4
    out = np.full((len(lib), d), np.nan, np.float32)
    for pos, b in zip(idx, blobs, strict=True):
        if pos >= 0 and isinstance(b, bytes) and len(b) == 4 * d:
            out[pos] = np.frombuffer(b, np.float32)
    return out
