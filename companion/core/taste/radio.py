"""Radio: an endless mix that follows how the seed sounds, fits the person's taste, and drifts slowly.

Each next track is chosen among the nearest neighbours (in standardised sound features) of a
moving *position*: it starts at the seed(s) and after each pick moves a little toward it
(``DRIFT``) while staying tied to the seed (``ANCHOR``), so the mix wanders instead of jumping.
Candidates lose points for distance, gain for taste fit, and are left out when played in the
last hours, skipped early lately, disliked, or already chosen (any file of the same recording counts:
one song kept as FLAC and MP3 plays once), and spoken word never. The same artist twice in a row is
avoided when anything else is close.

It also learns from what the person just did (``companion.core.flow.steer``): tracks that followed
sessions like the current one in their own history score higher (``nextup.NextUp``, ``SEQ_WEIGHT``), and
after two early skips in a row the walk starts away from what was skipped and avoids its artists.

The player's auto-DJ calls ``next_radio_items(conn, [last item id], n, exclude=queued ids)``
whenever the queue runs out; calling it again with the last pick continues the same drift.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from companion.core.analysis.similar import SoundIndex, load_index
from companion.core.analysis.table import JSON_KEYS, features_for
from companion.core.db import features as feature_db
from companion.core.db import items as item_db
from companion.core.db import keepout as keepout_db
from companion.core.db.recordings import analysed_recordings
from companion.core.errors import CompanionError
from companion.core.events.ratings import disliked_ids
from companion.core.flow.steer import session_context, steer_away
from companion.core.library.pathcodec import display, from_db
from companion.core.taste import listening
from companion.core.taste.state import loaded

CANDIDATES = 60  # neighbours looked at for each pick
DRIFT = 0.25  # how far the position moves toward each pick
ANCHOR = 0.15  # how strongly it is pulled back toward the seed
TASTE_WEIGHT = 2.0  # in units of standardised distance: a perfect fit is worth 1.0 of distance
SAME_ARTIST_PENALTY = 0.8
SEQ_WEIGHT = 1.0  # a track that followed sessions like this one (score 1) is worth the whole spread of the
# candidates' distances plus the whole range of taste: as ``nextup.SEQ_WEIGHT`` is against sound (0..1) and
# taste (0..1) in benchmarks/eval/next_track.py, where that weight was measured
SEQ_CANDIDATES = 20  # of those, the best this many are looked at even when they sound far away
STEER = 0.6  # after two early skips: how far the start moves away from what was skipped


@dataclass(frozen=True)
class RadioPick:
    item_id: int
    path: str
    title: str | None
    artist: str | None
    reason: str
    distance: float
    taste: float
    features: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "path": display(self.path),
            "title": self.title,
            "artist": self.artist,
            "reason": self.reason,
            "distance": round(self.distance, 4),
            "taste": round(self.taste, 4),
            "features": self.features,
        }


class NothingAnalysed(CompanionError):
    """Radio needs analysed tracks."""


def radio(
    conn: sqlite3.Connection,
    seed_item_ids: Sequence[int] = (),
    n: int = 20,
    *,
    seed_vector: np.ndarray | None = None,
    seed_label: str | None = None,
    exclude: Sequence[int] = (),
    use_taste: bool = True,
) -> list[RadioPick]:
    """The next ``n`` radio tracks after the seed items (or a raw seed feature vector)."""
    index = load_index(conn)
    if index is None:
        raise NothingAnalysed("no tracks have been analysed yet; run 'companion analyze' first")
    seed_pos = [p for p in (index.position(i) for i in seed_item_ids) if p is not None]
    if seed_vector is not None:
        anchor = index.standardise(seed_vector)
    elif seed_pos:
        anchor = index.scaled[seed_pos].mean(axis=0)
    else:
        raise NothingAnalysed("the seed has not been analysed yet; run 'companion analyze' first")
    blocked = (
        set(seed_item_ids)
        | set(exclude)
        | listening.recently_played(conn)
        | listening.skipped_early(conn)
        | disliked_ids(conn)
    )
    fit = listening.taste_fit(conn, index.ids) if use_taste else np.full(len(index), 0.5)
    artists = _artists(conn, index)
    seed_artists = {a for i in seed_item_ids if (a := artists.get(int(i))) is not None}
    anchor, sequence, avoid_artists = _learned(conn, index, anchor, seed_item_ids, artists, use_taste)
    blocked |= {
        int(index.ids[p]) for p in range(len(index)) if artists.get(int(index.ids[p])) in avoid_artists
    }
    # one recording, many files: a file of a blocked or chosen recording is that recording; no spoken word
    recording = analysed_recordings(conn)
    blocked_recordings = {recording[i][0] for i in blocked if i in recording}
    blocked |= {i for i, (rec, spoken) in recording.items() if spoken or rec in blocked_recordings}
    picks = _walk(index, anchor, n, blocked, fit, artists, seed_artists, recording, sequence)
    return _describe(conn, index, picks, fit, seed_item_ids, seed_label)


def next_radio_items(
    conn: sqlite3.Connection, seed_item_ids: Sequence[int], n: int = 10, *, exclude: Sequence[int] = ()
) -> list[int]:
    """Item ids to play next on radio from ``seed_item_ids`` (auto-DJ); [] when nothing fits."""
    try:
        return [p.item_id for p in radio(conn, seed_item_ids, n, exclude=exclude)]
    except NothingAnalysed:
        return []


def _walk(
    index: SoundIndex,
    anchor: np.ndarray,
    n: int,
    blocked: set[int],
    fit: np.ndarray,
    artists: dict[int, str | None],
    seed_artists: set[str],
    recording: dict[int, tuple[int, bool]] | None = None,
    sequence: Callable[[list[int]], dict[int, float]] | None = None,
) -> list[tuple[int, float]]:
    recording = recording or {}
    files: dict[int, list[int]] = {}
    for i, (rec, _) in recording.items():
        files.setdefault(rec, []).append(i)
    position = anchor.copy()
    chosen: list[tuple[int, float]] = []
    taken: set[int] = set()
    last_artist: str | None = next(iter(seed_artists)) if len(seed_artists) == 1 else None
    while len(chosen) < n:
        best: tuple[float, int, float] | None = None
        k = CANDIDATES + len(taken) + len(blocked)
        seq = sequence([int(index.ids[p]) for p, _ in chosen]) if sequence is not None else {}
        near = _with_followers(index, position, index.neighbours(position, k), seq)
        spread = max((d for _, d in near), default=0.0) - min((d for _, d in near), default=0.0)
        for pos, dist in near:
            item = int(index.ids[pos])
            if item in blocked or item in taken:
                continue
            score = (
                -dist
                + TASTE_WEIGHT * (fit[pos] - 0.5)
                + SEQ_WEIGHT * (spread + TASTE_WEIGHT) * seq.get(item, 0.0)
            )
            if last_artist is not None and artists.get(item) == last_artist:
                score -= SAME_ARTIST_PENALTY
            if best is None or score > best[0]:
                best = (score, pos, float(np.linalg.norm(index.scaled[pos] - anchor)))
        if best is None:
            break
        _, pos, dist_to_seed = best
        item = int(index.ids[pos])
        chosen.append((pos, dist_to_seed))
        taken.add(item)
        taken.update(files.get(recording.get(item, (item, False))[0], ()))  # its other files: the same song
        last_artist = artists.get(item)
        position = position + DRIFT * (index.scaled[pos] - position) + ANCHOR * (anchor - position)
    return chosen


def _learned(
    conn: sqlite3.Connection,
    index: SoundIndex,
    anchor: np.ndarray,
    seeds: Sequence[int],
    artists: dict[int, str | None],
    use_history: bool,
) -> tuple[np.ndarray, Callable[[list[int]], dict[int, float]] | None, set[str]]:
    """What the session teaches: (start of the walk, sequence scores for a context, artists to avoid now)."""
    if not use_history:
        return anchor, None, set()

    current, knn = session_context(conn, drop=_kept_out_plays(conn))
    skipped = [p for p in (index.position(i) for i in steer_away(conn)) if p is not None]
    avoid: set[str] = set()
    if skipped:  # two early skips in a row: less like this for now
        away = index.scaled[skipped].mean(axis=0)
        anchor = anchor + STEER * (anchor - away)
        avoid = {a for a in (artists.get(int(index.ids[p])) for p in skipped) if a}
    context = [*current, *(int(i) for i in seeds if int(i) not in current)][-10:]
    if not len(knn):
        return anchor, None, avoid
    return anchor, lambda chosen: knn.scores([*context, *chosen]), avoid


def _kept_out_plays(conn: sqlite3.Connection) -> frozenset[int]:
    """Event ids of the plays a keep-out rule hides (keepout.py): the radio learns no sequence from them.
    The taste view's log has them without their item; with no rule, nothing is read."""
    if not keepout_db.rules_key(conn):
        return frozenset()
    log = loaded(conn).log
    return frozenset(int(i) for i in log.id[log.item < 0])


def _with_followers(
    index: SoundIndex, position: np.ndarray, near: list[tuple[int, float]], seq: dict[int, float]
) -> list[tuple[int, float]]:
    """The sound neighbours plus the best sequence followers (with their distance), each once."""
    seen = {pos for pos, _ in near}
    out = list(near)
    for item in sorted(seq, key=lambda i: -seq[i])[:SEQ_CANDIDATES]:
        pos = index.position(item)
        if pos is not None and pos not in seen:
            out.append((pos, float(np.linalg.norm(index.scaled[pos] - position))))
            seen.add(pos)
    return out


def _artists(conn: sqlite3.Connection, index: SoundIndex) -> dict[int, str | None]:
    return feature_db.analysed_artists(conn)


def _describe(
    conn: sqlite3.Connection,
    index: SoundIndex,
    picks: list[tuple[int, float]],
    fit: np.ndarray,
    seeds: Sequence[int],
    seed_label: str | None,
) -> list[RadioPick]:
    ids = [int(index.ids[p]) for p, _ in picks]
    feats = features_for(conn, ids, keys=JSON_KEYS)
    info = {i: (t.path, t.title, t.artist) for i, t in item_db.tracks(conn, ids).items()}
    label = seed_label or _seed_label(conn, seeds)
    out = []
    for (pos, dist), item in zip(picks, ids, strict=True):
        path, title, artist = info.get(item, ("", None, None))
        f = feats.get(item, {})
        out.append(
            RadioPick(
                item,
                _fs_path(path),
                title,
                artist,
                _reason(label, f, float(fit[pos])),
                dist,
                float(fit[pos]),
                f,
            )
        )
    return out


def _fs_path(db_path: str) -> str:
    return from_db(db_path) if db_path else ""


def _seed_label(conn: sqlite3.Connection, seeds: Sequence[int]) -> str:
    if not seeds:
        return "your seed"
    seed = item_db.tracks(conn, [int(seeds[0])]).get(int(seeds[0]))
    if seed is None or not seed.title:
        return "your seed"
    return f"{seed.title} by {seed.artist}" if seed.artist else str(seed.title)


def _reason(label: str, f: dict[str, Any], taste: float) -> str:
    bits = []
    if f.get("bpm"):
        bits.append(f"{f['bpm']:.0f} BPM")
    if f.get("mood"):
        bits.append(str(f["mood"]))
    if f.get("key") and f.get("mode"):
        bits.append(f"{f['key']} {f['mode']}")
    text = f"sounds like {label}" + (f": {', '.join(bits)}" if bits else "")
    if taste >= 0.7:
        text += "; close to what you love"
    return text
