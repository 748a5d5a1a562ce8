"""The moment's row title, daylist style: "Monday morning: mellow jazz".

The day part, then the one or two descriptors (a genre; a mood or tempo band) that most set this moment's
listening apart from the person's listening overall: smoothed log-odds of a descriptor's share of the
moment's (context-weighted) evidence against its share of all evidence, each backed by at least
:data:`MIN_RECORDINGS` recordings played at this moment. A descriptor is used only when the row holds it:
a genre on at least 70% of the row's items (``names.NAME_SHARE``), a mood or tempo on at least half.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from companion.core.taste import names
from companion.core.taste.context import moment_title
from companion.core.taste.moods import FITS
from companion.core.taste.view import View

MIN_RECORDINGS = 3
SMOOTHING = 1.0  # pseudo-evidence on each side of the log-odds
MIN_LIFT = 0.25  # log-odds: below this a descriptor does not set the moment apart
ADJECTIVE_SHARE = 0.5
MOOD_WORDS = {
    "chill": "mellow",
    "energetic": "upbeat",
    "focus": "focus",
    "happy": "feel-good",
    "melancholic": "melancholy",
    "party": "party",
}
TEMPO_BANDS = (("slow", 0.0, 90.0), ("fast", 125.0, 400.0))


def log_odds(c: float, total_c: float, o: float, total_o: float, a: float = SMOOTHING) -> float:
    """Smoothed log-odds ratio of a descriptor at this moment (c of total_c) against overall (o of total_o)."""
    return math.log((c + a) / (total_c - c + a)) - math.log((o + a) / (total_o - o + a))


def descriptors(v: View, picks: Sequence[int]) -> tuple[str | None, str | None]:
    """(adjective, genre) that set this moment apart and that the row holds; either may be None."""
    s, lib = v.sig, v.lib
    music = ~lib.is_video & ~lib.spoken
    pos_ctx, pos = np.where(music, s.pos_ctx, 0.0), np.where(music, s.pos, 0.0)
    total_c, total_o = float(pos_ctx.sum()), float(pos.sum())
    if total_c <= 0 or not picks:
        return None, None
    active = pos_ctx > 0.05
    picked = np.zeros(len(lib), bool)
    picked[list(picks)] = True
    candidates: list[tuple[str, str, float, float, int, float]] = []  # slot, word, c, o, backing, held
    # genres in one pass over the primary genre codes
    codes = np.where(lib.genre_code >= 0, lib.genre_code, len(lib.genre_names.names))
    size = len(lib.genre_names.names) + 1
    c_g, o_g = np.bincount(codes, pos_ctx, size), np.bincount(codes, pos, size)
    backing_g, held_g = np.bincount(codes[active], minlength=size), np.bincount(codes[picked], minlength=size)
    for g in v.nameable:
        code = lib.genre_names.index.get(g)
        if code is not None:
            candidates.append(
                ("genre", g, c_g[code], o_g[code], int(backing_g[code]), held_g[code] / len(picks))
            )
    masks = [(word, v.moods[mood] >= FITS) for mood, word in MOOD_WORDS.items()]
    masks += [(word, (lib.bpm >= lo) & (lib.bpm < hi)) for word, lo, hi in TEMPO_BANDS]
    for word, mask in masks:
        backing = int(np.count_nonzero(mask & active))
        held = float(np.count_nonzero(mask & picked) / len(picks))
        candidates.append(
            ("adjective", word, float(pos_ctx[mask].sum()), float(pos[mask].sum()), backing, held)
        )
    best: dict[str, tuple[float, str]] = {}
    for slot, word, c, o, backing, held in candidates:
        if backing < MIN_RECORDINGS or held < (names.NAME_SHARE if slot == "genre" else ADJECTIVE_SHARE):
            continue
        lift = log_odds(float(c), total_c, float(o), total_o)
        if lift >= MIN_LIFT and lift > best.get(slot, (-math.inf, ""))[0]:
            best[slot] = (lift, word)
    return best.get("adjective", (0.0, None))[1], best.get("genre", (0.0, None))[1]


def daylist_title(v: View, picks: Sequence[int]) -> str:
    """ "Monday morning", or "Monday morning: mellow jazz" when the moment has its own colour."""
    adjective, genre = descriptors(v, picks)
    words = [w for w in (adjective, genre) if w]
    if genre and genre.casefold() in names.ACRONYMS:
        words[-1] = genre.upper()
    if adjective and genre and adjective.casefold() in genre.casefold():
        words = [genre]  # "chill lo-fi chill": one is enough
    return moment_title(v.moment) + (": " + " ".join(words) if words else "")
