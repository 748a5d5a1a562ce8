"""One recording, many files: which files of the library are the same recording, and which of them is best.

People keep the same song as FLAC, MP3 and M4A, on the album and again on a compilation. Files are one
recording when they carry the same MusicBrainz recording id (``items.mb_track_id``), else when their
normalised artist and title are equal (accents, case, "feat." and punctuation folded; version words such
as "live", "remix", "demo", "acoustic", "instrumental" kept, so versions stay apart) and their lengths are
within :data:`LENGTH_SLACK_S`. Two different MusicBrainz ids are never joined through a file without one.

:func:`update_recordings` is the pass that runs after each scan: it normalises the files that changed and
regroups (``items.recording_id`` is the smallest item id of each group). The best file of a recording (the
one mixes play) is chosen where it is played, with :func:`quality_key`: playable, then a plausible length,
then lossless before lossy, then bitrate, then the one with art.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from companion.core.db import recordings as db
from companion.core.db.cue_tracks import TRACK_MARK
from companion.core.library import spoken

LENGTH_SLACK_S = 3.0
# words that make a different recording of the same song when they qualify a title ("Song (Live)")
VERSION_WORDS = frozenset(
    {
        "live",
        "remix",
        "rmx",
        "mix",
        "demo",
        "acoustic",
        "instrumental",
        "unplugged",
        "edit",
        "karaoke",
        "acapella",
        "cappella",
        "extended",
        "dub",
        "session",
        "sessions",
        "rehearsal",
        "reprise",
        "orchestral",
        "piano",
        "cover",
        "alternate",
        "alternative",
        "outtake",
        "take",
        "rough",
    }
)

LOSSLESS = frozenset(
    {"flac", "wav", "aiff", "aif", "wv", "ape", "tta", "tak", "ofr", "ofs", "dsf", "dff", "alac"}
)
ALAC_MIN_BITRATE = 400_000  # an .m4a above this is Apple Lossless, not AAC
_PARTS = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]|\s[-\u2013\u2014]\s(.*)$")
_FEAT = re.compile(r"\s(?:feat\.?|ft\.?|featuring|with)\s.*$")
_ARTIST_SPLIT = re.compile(r"\s*(?:;|/|,|\s&\s|\sand\s|\sx\s|\svs\.?\s|\+)\s*")
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: object) -> str:
    """Accents dropped, case folded, '&' read as 'and', punctuation as spaces, spaces collapsed."""
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", s).split())


def artist_key(artist: object) -> str:
    """The first credited artist, folded: "The Cure feat. X" and "the cure" are one; "X, The" is "the x"."""
    s = str(artist or "").strip()
    if s.lower().endswith(", the"):
        s = "The " + s[:-5]
    s = _FEAT.sub("", " " + s.casefold()).strip()
    first = _ARTIST_SPLIT.split(s, maxsplit=1)[0] if s else ""
    return fold(first or s)


def title_key(title: object) -> tuple[str, tuple[str, ...]]:
    """(base title, version words): "Song (Live at Wembley) [2011 Remaster]" -> ("song", ("live",))."""
    raw = " " + str(title or "").strip()
    versions: set[str] = set()

    def take(m: re.Match[str]) -> str:
        part = fold(next(g for g in m.groups() if g is not None))
        versions.update(w for w in part.split() if w in VERSION_WORDS)
        return " "

    base = fold(_FEAT.sub("", _PARTS.sub(take, raw)))
    if not base:  # a title that is only brackets: keep it whole
        base = fold(raw)
    return base, tuple(sorted(versions))


def recording_key(artist: object, title: object, path: str = "") -> str | None:
    """The text two files of one recording share, or None when the tags cannot say (no title). Without an
    artist, only files in the same folder can be one recording ("01 Track" is in every untagged album)."""
    base, versions = title_key(title)
    if not base:
        return None
    who = artist_key(artist) or "\x00" + path.replace("\\", "/").rpartition("/")[0].casefold()
    return f"{who}\x1f{base}\x1f{' '.join(versions)}"


def is_lossless(path: str, bitrate: int | None) -> bool:
    path = path.rsplit(TRACK_MARK, 1)[0]  # a CUE sheet's track: its file's format
    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return ext in LOSSLESS or (ext in ("m4a", "mp4") and (bitrate or 0) >= ALAC_MIN_BITRATE)


def quality_key(
    path: str, bitrate: int | None, has_cover: int | None, ok: bool, plausible: bool
) -> tuple[Any, ...]:
    """Sort key of a recording's files, best first: playable, plausible, lossless, bitrate, art."""
    return (not ok, not plausible, not is_lossless(path, bitrate), -(bitrate or 0), not has_cover)


@dataclass(frozen=True)
class File:
    """What grouping needs of one music file."""

    id: int
    key: str | None
    mbid: str | None
    duration: float | None


def group(files: Iterable[File]) -> dict[int, int]:
    """Item id -> recording id (the smallest id of its group) for every file given."""
    files = [File(f.id, f.key, mbid_key(f.mbid), f.duration) for f in files]
    parent = {f.id: f.id for f in files}
    mbids: dict[int, set[str]] = {f.id: {f.mbid} if f.mbid else set() for f in files}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra == rb or (mbids[ra] and mbids[rb] and mbids[ra] != mbids[rb]):
            return  # two MusicBrainz recordings stay two, whatever their tags say
        lo, hi = min(ra, rb), max(ra, rb)
        parent[hi] = lo
        mbids[lo] |= mbids.pop(hi)

    by_mbid: dict[str, list[int]] = {}
    by_key: dict[str, list[File]] = {}
    for f in files:
        if f.mbid:
            by_mbid.setdefault(f.mbid, []).append(f.id)
        if f.key:
            by_key.setdefault(f.key, []).append(f)
    for ids in by_mbid.values():
        for other in ids[1:]:
            union(ids[0], other)
    for same in by_key.values():
        if len(same) > 1:
            for cluster in _by_length(same):
                for member in cluster[1:]:
                    union(cluster[0].id, member.id)
    return {f.id: root(f.id) for f in files}


def _by_length(files: list[File]) -> list[list[File]]:
    """Files of one key in clusters whose lengths are within LENGTH_SLACK_S of the cluster's first (a file of
    unknown length joins the first cluster)."""
    known = sorted((f for f in files if f.duration is not None), key=lambda f: (f.duration, f.id))
    clusters: list[list[File]] = []
    for f in known:
        if clusters and f.duration - clusters[-1][0].duration <= LENGTH_SLACK_S:  # type: ignore[operator]
            clusters[-1].append(f)
        else:
            clusters.append([f])
    unknown = [f for f in files if f.duration is None]
    if unknown:
        if clusters:
            clusters[0].extend(unknown)
        else:
            clusters.append(unknown)
    return clusters


def mbid_key(value: object) -> str | None:
    text = str(value or "").strip().lower()
    return text or None


def update_recordings(conn: sqlite3.Connection) -> int:
    """The pass after a scan: normalise what changed, regroup, store ``recording_id``; returns how many
    items changed recording. New and changed files are also judged spoken word or not (``spoken.py``) and
    their claimed length believable or not (``plausibility.py``)."""
    changed = db.changed_items(conn)
    if not changed:
        return 0  # nothing new or retagged: the groups stand
    keys = [(recording_key(r.artist, r.title, r.path) if r.kind == "music" else None, r.id) for r in changed]
    db.set_keys(conn, keys)
    # numpy, only when something changed: an unchanged rescan stays a few stats and no heavy import
    from companion.core.library import plausibility

    plausibility.judge_changed(conn, changed, spoken.judge_changed(conn, changed))
    current = db.grouping_input(conn)
    wanted = group(File(r.id, r.key, r.mbid, r.duration) for r in current if r.kind == "music")
    moves = [(wanted.get(r.id, r.id), r.id) for r in current if r.recording_id != wanted.get(r.id, r.id)]
    db.set_recordings(conn, moves)
    return len(moves)
