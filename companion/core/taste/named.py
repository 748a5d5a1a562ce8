"""Imported plays known only by name: plays of tracks the library lacks, by artists (and of albums) it has.

The importers resolve such plays to the library's artist and album names (``import_unmatched``'s
``artist_match`` / ``album_match``); here they become arrays the signals read as artist- and
album-level evidence: a play of an album the library has is spread over that album's tracks, any
other over the artist's tracks. They are weaker than a play of the file itself (``NAMED_WEIGHT``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from companion.core.db import imported_plays as db
from companion.core.events.record import local_offset_minutes
from companion.core.taste import eventlog as ev
from companion.core.taste.context import Moment, kernel_parts
from companion.core.taste.library import Library
from companion.core.taste.sparse import scipy_sparse

NAMED_WEIGHT = 0.5  # of an imported play of the file itself: which of the artist's tracks is not known
KERNELS_KEPT = 4
COPLAY_WEIGHT = 2.0  # of the artists played together, in an item's embedding row (its content is 1)


def _empty() -> np.ndarray:
    return np.zeros(0)


@dataclass
class NamedPlays:
    ts: np.ndarray = field(default_factory=_empty)  # sorted
    local: np.ndarray = field(default_factory=_empty)
    artist: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # library artist code
    album: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # library album code, -1 none
    pos: np.ndarray = field(default_factory=_empty)  # feedback weights (before recency)
    neg: np.ndarray = field(default_factory=_empty)
    fingerprint: tuple[Any, ...] = ()
    library: tuple[Any, ...] = ()  # the library fingerprint the codes belong to
    layout: tuple[Any, ...] = ()  # how plays share out over items (``_layout``), for ...
    layout_of: tuple[Any, ...] = ()  # ... this library fingerprint
    kernels: dict[Any, Any] = field(default_factory=dict, repr=False)  # recent ``near`` answers

    def __getstate__(self) -> dict[Any, Any]:
        """What a snapshot keeps: the plays, not what is derived from them for one library or moment."""
        return {**self.__dict__, "layout": (), "layout_of": (), "kernels": {}}

    def near(self, n: int, m: Moment, width: float) -> tuple[np.ndarray, np.ndarray]:
        """``context.kernel_parts`` of the first ``n`` plays for ``m`` (kept for a few moments: a fit asks
        the same moment once per parameter it tries)."""
        key = (n, m.weekday, round(m.hour, 4), width)
        got = self.kernels.get(key)
        if got is None:
            got = kernel_parts(self.local[:n], m, width)
            if len(self.kernels) >= KERNELS_KEPT:
                self.kernels.pop(next(iter(self.kernels)))
            self.kernels[key] = got
        return got

    def __len__(self) -> int:
        return len(self.ts)

    @property
    def key(self) -> tuple[Any, ...]:
        """What a fitted model records of these plays: it is refitted when they change."""
        return tuple(self.fingerprint) if len(self) else ()

    def before(self, at_ts: float) -> int:
        return int(np.searchsorted(self.ts, at_ts, side="left"))

    def spread(self, lib: Library, n: int, weights: np.ndarray) -> np.ndarray:
        """Per item: the first ``n`` plays' ``weights`` shared out over the tracks they may be (the album's
        when the library has it, else the artist's music)."""
        out = np.zeros(len(lib))
        if n == 0 or not len(lib):
            return out
        group, size, item_artist, artist_share, item_album, album_share = self._layout(lib)
        per_group = np.bincount(group[:n], weights[:n], size)
        has = item_artist >= 0
        out[has] = per_group[item_artist[has]] * artist_share[has]
        has = item_album >= 0
        out[has] += per_group[item_album[has]] * album_share[has]
        return out

    def _layout(self, lib: Library) -> tuple[Any, ...]:
        """(each play's group: its album, else its artist; groups; each item's artist group and its share
        of it; each item's album group and its share), kept for this library: signals spread plays over
        items many times per fit."""
        if self.layout_of == tuple(lib.fingerprint) and self.layout:
            return self.layout
        music = ~lib.is_video
        n_artists = max(1, len(lib.artists.names))
        n_albums = max(1, len(lib.albums.names))
        ac, alc = lib.artist_code, lib.album_code
        item_artist = np.where(music & (ac >= 0), ac, -1).astype(np.int64)
        item_album = np.where(music & (alc >= 0), alc + n_artists, -1).astype(np.int64)
        counts = np.bincount(item_artist[item_artist >= 0], minlength=n_artists + n_albums)
        counts += np.bincount(item_album[item_album >= 0], minlength=n_artists + n_albums)
        share = 1.0 / np.maximum(1, counts)
        group = np.where(self.album >= 0, self.album.astype(np.int64) + n_artists, self.artist)
        artist_share = np.where(item_artist >= 0, share[np.maximum(item_artist, 0)], 0.0)
        album_share = np.where(item_album >= 0, share[np.maximum(item_album, 0)], 0.0)
        self.layout = (group, n_artists + n_albums, item_artist, artist_share, item_album, album_share)
        self.layout_of = tuple(lib.fingerprint)
        return self.layout


def _codes(lib: Library) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Artist code by lower-case name, album code by (album, artist) in lower case, from the items."""
    artists = dict(lib.artists.index)
    albums: dict[tuple[str, str], int] = {}
    for i in np.flatnonzero((lib.album_code >= 0) & ~lib.is_video).tolist():
        album, who = lib.album[i], lib.artist[i]
        if album and who:
            albums.setdefault((album.lower(), who.lower()), int(lib.album_code[i]))
    return artists, albums


def load_named(conn: sqlite3.Connection, lib: Library) -> NamedPlays:
    """The resolved plays with their library codes (plays whose artist left the library are dropped)."""
    out = NamedPlays(fingerprint=db.named_fingerprint(conn), library=tuple(lib.fingerprint))
    rows = db.named_plays(conn)
    if not rows:
        return out
    artists, albums = _codes(lib)
    keep = [r for r in rows if r[2].lower() in artists]
    if not keep:
        return out
    ts = np.fromiter((r[0] for r in keep), float, len(keep))
    hours = np.unique(ts // 3600)  # the zone's offset, looked up once per hour of history
    offsets = dict(zip(hours.tolist(), (local_offset_minutes(h * 3600 + 1800) for h in hours), strict=True))
    out.ts = ts
    out.local = ts + 60.0 * np.fromiter((offsets[t // 3600] for t in ts), float, len(ts))
    out.artist = np.fromiter((artists[r[2].lower()] for r in keep), np.int32, len(keep))
    out.album = np.fromiter(
        (albums.get((r[3].lower(), r[2].lower()), -1) if r[3] else -1 for r in keep), np.int32, len(keep)
    )
    types = np.fromiter((ev.TYPE_CODES.get(r[1], -1) for r in keep), np.int8, len(keep))
    position = np.fromiter((np.nan if r[4] is None else r[4] for r in keep), float, len(keep))
    pos, neg = ev.feedback_weights(types, position, np.full(len(keep), np.nan))
    scale = ev.IMPORT_WEIGHT * NAMED_WEIGHT
    out.pos, out.neg = pos * scale, neg * scale
    return out


def fresh(conn: sqlite3.Connection, lib: Library, named: NamedPlays | None) -> NamedPlays:
    """``named`` when it still stands for the database and this library, else read again."""
    same_library = named is not None and named.library == tuple(lib.fingerprint)
    if same_library and named is not None and named.fingerprint == db.named_fingerprint(conn):
        return named
    return load_named(conn, lib)


def coplay_rows(lib: Library, named: NamedPlays | None, before_ts: float, file_plays: int = 0) -> Any:
    """Items x artists (sparse): for each item, the positive PMI of its artist with the artists played in
    the same sessions, from the plays known only by name before ``before_ts``; None when there is nothing
    to learn from.

    Items of artists the person plays together come close in the embedding, so a Daily Mix drawn around
    them holds them, not the library's other artists (whose items, known by their tags alone, all look
    alike). Rows are ``COPLAY_WEIGHT`` long (an item's content is 1) times the share of these plays among
    all plays (``file_plays`` are the plays of files, whose co-occurrence the embedding has already).
    """
    sparse = scipy_sparse()
    k = named.before(before_ts) if named is not None else 0
    if named is None or k < 2:
        return None
    weight = COPLAY_WEIGHT * k / (k + file_plays)
    n_artists = max(1, len(lib.artists.names))
    new = np.r_[True, np.diff(named.ts[:k]) > ev.SESSION_GAP]
    session = np.cumsum(new) - 1
    b = sparse.csr_matrix((np.ones(k), (session, named.artist[:k])), shape=(int(session[-1]) + 1, n_artists))
    b.data[:] = 1.0  # a session counts an artist once
    counts = np.asarray(b.sum(axis=0)).ravel()
    c = (b.T @ b).tocoo()
    off = c.row != c.col
    r, cc, v = c.row[off], c.col[off], c.data[off]
    pmi = np.log(v * b.shape[0] / (counts[r] * counts[cc]))
    good = pmi > 0
    if not good.any():
        return None
    ppmi = sparse.csr_matrix((pmi[good], (r[good], cc[good])), shape=(n_artists, n_artists))
    norms = np.sqrt(np.asarray(ppmi.multiply(ppmi).sum(axis=1)).ravel())
    ppmi = sparse.diags(np.where(norms > 0, weight / np.where(norms > 0, norms, 1), 0.0)) @ ppmi
    rows = np.where((lib.artist_code >= 0) & ~lib.is_video, lib.artist_code, -1)
    pick = sparse.csr_matrix(
        (np.ones(int((rows >= 0).sum())), (np.flatnonzero(rows >= 0), rows[rows >= 0])),
        shape=(len(lib), n_artists),
    )
    return (pick @ ppmi).tocsr()
