"""Rows for people who play albums through, in order (issue 14, part 6); nobody else sees a change.

For an album listener (``albums.AlbumListening.is_album_listener``):
- ``now`` leans on albums: the half-finished album from its next track, then whole albums (in track
  order) that this person plays at this moment, then the usual picks;
- ``continue`` starts with the half-finished album, as a card that plays it on from its next track;
- ``jump-back-in``: the albums in rotation, one card each, that plays the whole album in order.

An album card is a :class:`RowItem` whose ``play_ids`` are the album's tracks in order.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from companion.core.taste import rows_video as rv
from companion.core.taste.albums import AlbumListening, album_listening_cached
from companion.core.taste.context import kernel
from companion.core.taste.rows import Row, RowItem
from companion.core.taste.signals import SKIP_TAKES_BACK
from companion.core.taste.view import View

DAY = 86400.0
CONTINUE_DAYS = 21.0  # a half-finished album older than this is no longer in progress
ALBUM_SHARE = 0.8  # of the moment's row given to whole albums, for an album listener
MIN_ALBUM_TRACKS = 3  # an album with fewer tracks (in the library) is a single, not an album card
JUMP_BACK_LIMIT = 12
MIN_RUN = 2  # tracks of an album the latest session played before it counts as started
ALBUM_HALF_LIFE_DAYS = 14.0
ROTATION_DAYS = 180.0  # albums not played for longer are out of rotation


def habit(v: View) -> AlbumListening:
    """What the history before this moment says about albums (computed once per look)."""
    if "albums" not in v.memo:
        v.memo["albums"] = album_listening_cached(v.lib, v.log, v.sig.n_events, v._cache)
    return v.memo["albums"]


def album_tracks(v: View) -> dict[int, list[int]]:
    """Album code -> its music in track order (kept with the library)."""
    key = ("album-tracks", v.lib.fingerprint)
    if key not in v._cache:
        lib = v.lib
        idx = np.flatnonzero((lib.album_code >= 0) & ~lib.is_video)
        order = idx[
            np.lexsort((lib.ids[idx], np.nan_to_num(lib.track_no[idx], nan=1e9), lib.album_code[idx]))
        ]
        out: dict[int, list[int]] = {}
        for i in order.tolist():
            out.setdefault(int(lib.album_code[i]), []).append(i)
        v._cache[key] = out
    return v._cache[key]


def album_scores(v: View, context_weight: float) -> np.ndarray:
    """Per album: how much its tracks were played lately (half-life ``ALBUM_HALF_LIFE_DAYS``: albums come
    in and out of rotation faster than a taste changes), net of early skips, blended between overall and
    near this hour and kind of day by ``context_weight``."""
    lib, log, n = v.lib, v.log, v.sig.n_events
    size = max(1, len(lib.albums.names))
    start = log.before(v.moment.ts - ROTATION_DAYS * DAY)
    item = log.item[start:n]
    keep = item >= 0
    item = item[keep]
    album = lib.album_code[item]
    keep2 = (album >= 0) & ~lib.is_video[item]
    album = album[keep2]
    sel = np.flatnonzero(keep)[keep2] + start
    w = np.exp2(-(v.moment.ts - log.ts[sel]) / (ALBUM_HALF_LIFE_DAYS * DAY))
    if context_weight > 0:
        w = w * ((1 - context_weight) + context_weight * kernel(log.local[sel], v.sig.moment))
    net = (log.pos[sel] - SKIP_TAKES_BACK * log.neg[sel]) * w
    return np.maximum(np.bincount(album, net, size), 0.0)


def half_finished(v: View) -> tuple[int, list[int]] | None:
    """(album, its tracks after the last one played) when the latest album played in order stopped
    before its end, lately; else None."""
    run = habit(v).last_run
    if run is None or run.tracks < MIN_RUN or v.moment.ts - run.when > CONTINUE_DAYS * DAY:
        return None
    tracks = album_tracks(v).get(run.album, [])
    rest = [i for i in tracks if v.lib.track_no[i] > run.track and v.music[i]]
    return (run.album, rest) if rest and len(tracks) >= MIN_ALBUM_TRACKS else None


def _album_card(v: View, album: int, tracks: list[int], lead: str, score: float) -> RowItem:
    first = v.item(tracks[0], score, lead)
    return dataclasses.replace(
        first, title=v.lib.album[tracks[0]] or first.title, play_ids=tuple(int(v.lib.ids[i]) for i in tracks)
    )


def _skipped_now(v: View, tracks: list[int]) -> bool:
    """Whether any of ``tracks`` is what the person skips at this moment (the item, or its genre)."""
    genres = v.sig.genre_turned_away | v.not_now.genres
    idx = np.asarray(tracks)
    return bool(v.not_now.items[idx].any() or genres[v.sig.genre_group[idx]].any())


def lean_on_albums(
    v: View, picks: list[int], pool: np.ndarray, limit: int
) -> tuple[list[int], dict[int, str]] | None:
    """The moment's picks for an album listener: the half-finished album from its next track, then whole
    albums played at this moment (each in track order), then the usual ``picks``; with their lead reasons.
    Only tracks of ``pool`` (what fits the moment: never what is skipped now). None for everybody else
    (their row stays as it is)."""
    if not v.sig.has_history or not habit(v).is_album_listener:
        return None
    out: list[int] = []
    leads: dict[int, str] = {}
    going = half_finished(v)
    if going is not None and not _skipped_now(v, going[1]):  # carry on, unless that is what is skipped now
        out += going[1]
        leads.update(dict.fromkeys(going[1], f"next on {v.lib.album[going[1][0]]}, where you stopped"))
    scores = album_scores(v, v.params.context_weight)
    tracks = album_tracks(v)
    want = int(round(limit * ALBUM_SHARE))
    for a in np.argsort(-scores, kind="stable").tolist():
        if len(out) >= want or scores[a] <= 0:
            break
        if going is not None and a == going[0]:
            continue
        whole = [i for i in tracks.get(a, []) if pool[i]]
        if len(whole) >= MIN_ALBUM_TRACKS:
            out += whole[: limit - len(out)]
            leads.update(dict.fromkeys(whole, f"from {v.lib.album[whole[0]]}, which you play through"))
    taken = set(out)
    out += [i for i in picks if i not in taken][: max(0, limit - len(out))]
    return out[:limit], leads


def continue_row(v: View, limit: int) -> Row | None:
    """Continue; for an album listener, the half-finished album first (a card playing on from its next track)."""
    row = rv.continue_row(v, limit)
    going = half_finished(v) if v.sig.has_history and habit(v).is_album_listener else None
    if going is None:
        return row
    album, rest = going
    name = v.lib.album[rest[0]]
    card = _album_card(v, album, rest, f"continue {name} from track {int(v.lib.track_no[rest[0]])}", 0.0)
    if row is None:
        return Row(
            id="continue",
            title="Continue",
            kind="music",
            reason="Go on with the album you were playing",
            items=(card,),
        )
    kind = row.kind if row.kind == "music" else "mixed"
    return dataclasses.replace(row, kind=kind, items=(card, *row.items[: limit - 1]))


def jump_back_in_row(v: View, limit: int) -> Row | None:
    """The albums an album listener keeps coming back to, one card each (it plays the whole album in order)."""
    if not v.sig.has_history or not habit(v).is_album_listener:
        return None
    h = habit(v)
    scores = album_scores(v, 0.0)
    going = half_finished(v)
    cards: list[RowItem] = []
    for a in np.argsort(-scores, kind="stable").tolist():
        if len(cards) >= min(limit, JUMP_BACK_LIMIT) or scores[a] <= 0:
            break
        whole = [i for i in album_tracks(v).get(a, []) if v.music[i]]
        if len(whole) < MIN_ALBUM_TRACKS or (going is not None and a == going[0]):
            continue
        times = int(h.album_plays[a])
        lead = (
            f"you played it through {times} time{'s' if times != 1 else ''}"
            if times
            else "you keep coming back to it"
        )
        cards.append(_album_card(v, a, whole, lead, float(scores[a])))
    if len(cards) < 2:
        return None
    return Row(
        id="jump-back-in",
        title="Jump back in",
        kind="music",
        reason="Albums you play through and keep coming back to, each from its first track",
        items=tuple(cards),
    )
