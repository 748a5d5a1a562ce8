"""Honest names for mixes: only words people use, and only when the mix holds what the name says.

A genre tag becomes a name only when it is a word people use for music: found on at least
:data:`MIN_RECORDINGS` recordings of the library, and not a placeholder that taggers and test files leave
behind (``genre1``, ``genredata``, ``unknown``, ``other``, ``misc``, numbers, a file extension, a web
address). A mix is named after one or two genres only when at least :data:`NAME_SHARE` of its items are of
them; otherwise it has no genre name at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from companion.core.taste.library import Library

MIN_RECORDINGS = 3
NAME_SHARE = 0.7
ACRONYMS = {"edm", "idm", "ebm", "dnb", "r&b", "rnb", "uk garage", "ost", "jrock", "jpop", "kpop"}
_PLACEHOLDER_WORDS = (
    "genre",
    "genres",
    "genredata",
    "unknown",
    "other",
    "others",
    "misc",
    "miscellaneous",
    "none",
    "null",
    "nil",
    "n/a",
    "na",
    "default",
    "undefined",
    "unspecified",
    "untitled",
    "blank",
    "empty",
    "various",
    "some genre",
    "test genre",
    "test",
    "no genre",
    "unknown genre",
)
_PLACEHOLDER = re.compile(
    r"^(?:"
    + "|".join(re.escape(w) for w in _PLACEHOLDER_WORDS)
    + r")[\s_\-]*\d*$"  # genre1, genredata2, other
    r"|^[\W\d_]*$"  # numbers and punctuation only: 17, (255), --
    r"|https?:|www\.|\.com\b|\.net\b|\.org\b"  # download sites stamp their address into tags
)
EXTENSIONS = frozenset(
    [
        "mp3",
        "mp2",
        "mp1",
        "flac",
        "ogg",
        "oga",
        "opus",
        "m4a",
        "m4b",
        "mp4",
        "aac",
        "wav",
        "wave",
        "aiff",
        "aif",
        "wma",
        "wv",
        "ape",
        "mpc",
        "tta",
        "tak",
        "ofr",
        "ofs",
        "dsf",
        "dff",
        "alac",
        "ac3",
        "eac3",
        "spx",
        "mkv",
        "webm",
        "avi",
    ]
)


def is_placeholder(name: str) -> bool:
    """A tag value that is no one's word for music (``genre1``, ``Other``, ``(17)``, ``mp3``, a web address)."""
    text = " ".join(name.casefold().split())
    if not text or text in EXTENSIONS or text.removesuffix(" file") in EXTENSIONS:
        return True
    return bool(_PLACEHOLDER.search(text))


def nameable_genres(lib: Library, among: np.ndarray | None = None) -> frozenset[str]:
    """Genres on at least MIN_RECORDINGS entries (recordings; ``among`` narrows them) that are not placeholders."""
    idx = np.flatnonzero(~lib.is_video if among is None else among)
    # the loaded library shares one list object per distinct genre list: count those, then their genres
    chosen = [lib.genres[i] for i in idx.tolist()]
    times = Counter(map(id, chosen))
    lists = dict(zip(map(id, chosen), chosen, strict=True))
    counts: Counter[str] = Counter()
    for key, n in times.items():
        for g in set(lists[key]):
            counts[g] += n
    return frozenset(g for g, c in counts.items() if c >= MIN_RECORDINGS and not is_placeholder(g))


def label(genre: str) -> str:
    """How a genre reads in a title: "Jazz", "Hip Hop", "EDM"."""
    return genre.upper() if genre in ACRONYMS else genre.title()


def genre_name(lib: Library, picks: Sequence[int], nameable: frozenset[str]) -> tuple[str, ...]:
    """The one or two nameable genres that at least NAME_SHARE of ``picks`` hold, or () when none do."""
    if not picks:
        return ()
    held = [[g for g in lib.genres[i] if g in nameable] for i in picks]  # an item's genres: a short list
    counts = Counter(g for gs in held for g in gs)
    need = NAME_SHARE * len(picks)
    top = [g for g, _ in counts.most_common(4)]
    if top and counts[top[0]] >= need:
        return (top[0],)
    best: tuple[int, tuple[str, ...]] = (0, ())
    for a in range(len(top)):
        for b in range(a + 1, len(top)):
            n = sum(1 for gs in held if top[a] in gs or top[b] in gs)
            if n >= need and n > best[0]:
                best = (n, (top[a], top[b]))
    return best[1]


def share_of(lib: Library, picks: Sequence[int], genres: Sequence[str]) -> float:
    """The share of ``picks`` holding any of ``genres`` (what a name after them promises)."""
    if not picks:
        return 0.0
    wanted = set(genres)
    return sum(1 for i in picks if wanted & set(lib.genres[i])) / len(picks)
