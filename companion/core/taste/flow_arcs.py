"""Arcs from the person's taste: ``companion flow [--from A] [--to B] [--via C ...] [--minutes N]``.

A, B and C are a mood word (calm, chill, focus, happy, energetic, party), a row id of the home, or a
track (a library id or a file path). Candidates are the music mixes may hold (``View.music``) with
their analysis; taste is the home's base rank. No ``--from``: the feel of what was played last
(else chill); no ``--to``: the same feel as the start (a steady flow).
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from companion.core.analysis.table import features_for
from companion.core.db import items as item_db
from companion.core.errors import UsageError
from companion.core.flow.arc import MOOD_FEELS, Candidate, Feel, plan_arc
from companion.core.flow.order import Sound
from companion.core.library.pathcodec import to_db
from companion.core.paths import Profile
from companion.core.taste.flow_mixes import SOUND_KEYS, FlowItem, with_transitions
from companion.core.taste.rows import Row
from companion.core.taste.view import View

DEFAULT_MINUTES = 60
LAST_PLAYED = 5  # "the feel of what was played last": these many recent plays


@dataclass(frozen=True)
class Flow:
    row: Row
    items: list[FlowItem]
    feels: list[Feel]


def feel_of_sounds(sounds: Sequence[Sound], label: str) -> Feel | None:
    known = [s for s in sounds if s.energy is not None]
    if not known:
        return None
    bpms = sorted(s.bpm for s in known if s.bpm)
    energy = sum(s.energy for s in known) / len(known)  # type: ignore[misc]
    return Feel(energy, bpms[len(bpms) // 2] if bpms else None, label)


def resolve_feel(conn: sqlite3.Connection, profile: Profile, text: str, at: datetime | None = None) -> Feel:
    """A mood word, a row id, a track id or a file path as a feel; UsageError naming what was not found."""
    # breaks a cycle: home builds the rows, one of which (homerows/_arc) uses this module
    from companion.core.taste.home import get_row

    word = text.strip().lower()
    if word in MOOD_FEELS:
        return Feel.mood(word)
    item_id: int | None = None
    if word.isdigit():
        item_id = int(word)
    elif os.path.exists(os.path.expanduser(text)):
        path = os.path.abspath(os.path.expanduser(text))
        item_id = item_db.id_for_path(conn, to_db(path))
        if item_id is None:
            # the analysis (PyAV decoding) only for a file the library does not hold
            from companion.core.analysis.features import analyse_file

            f = analyse_file(path)
            return Feel(f["energy"], f["bpm"], os.path.basename(path))
    else:
        row = get_row(conn, profile, text.strip(), at=at)
        if row is not None:
            ids = [i.item_id for i in row.items]
            feats = features_for(conn, ids, keys=SOUND_KEYS)
            feel = feel_of_sounds([Sound.of(i, feats.get(i)) for i in ids], row.title)
            if feel is None:
                raise UsageError(f"the mix {text!r} has no analysed tracks yet; run 'companion analyze'")
            return feel
        raise UsageError(f"{text!r} is not a mood ({', '.join(MOOD_FEELS)}), a row id, a track id or a file")
    feats = features_for(conn, [item_id], keys=(*SOUND_KEYS,))
    if item_id not in feats or feats[item_id].get("energy") is None:
        raise UsageError(f"track {text!r} is not in the library or not analysed yet")
    f = feats[item_id]
    return Feel(f["energy"], f["bpm"], f"track {item_id}")


def recent_feel(v: View) -> Feel | None:
    """The feel of the last few plays (None without analysed plays)."""
    log = v.log
    n = v.sig.n_events
    played = [int(i) for i, p in zip(log.item[:n][::-1], log.pos[:n][::-1], strict=True) if i >= 0 and p > 0]
    ids = [int(v.lib.ids[i]) for i in played[: LAST_PLAYED * 4]]
    feats = features_for(v.conn, ids, keys=SOUND_KEYS)
    sounds = [Sound.of(i, feats.get(i)) for i in ids if i in feats][:LAST_PLAYED]
    return feel_of_sounds(sounds, "what you played last")


def candidates(v: View, exclude: frozenset[int] = frozenset()) -> tuple[list[Candidate], dict[int, int]]:
    """The music mixes may hold, analysed, with the person's taste (0..1); and item id -> library position."""
    pos = np.flatnonzero(v.music)
    ids = [int(v.lib.ids[i]) for i in pos]
    feats = features_for(v.conn, ids, keys=SOUND_KEYS)
    taste = v.base_rank(False)
    out, where = [], {}
    for i, item_id in zip(pos, ids, strict=True):
        f = feats.get(item_id)
        if f is None or f.get("energy") is None or item_id in exclude:
            continue
        dur = float(v.lib.duration[i])
        out.append(
            Candidate(
                Sound.of(item_id, f), float(taste[i]), None if math.isnan(dur) else dur, v.lib.artist[i]
            )
        )
        where[item_id] = int(i)
    return out, where


def arc_title(feels: Sequence[Feel]) -> str:
    if len(feels) == 1 or feels[0].label == feels[-1].label and len(feels) == 2:
        return f"A steady flow: {feels[0].label}"
    via = "".join(f" via {f.label}" for f in feels[1:-1])
    return f"From {feels[0].label} to {feels[-1].label}{via}"


def arc_from_view(
    v: View, feels: Sequence[Feel], minutes: float, row_id: str = "flow", title: str | None = None
) -> Flow:
    """The arc through ``feels`` from ``v``'s candidates, as a row in play order."""
    cands, where = candidates(v)
    chosen = plan_arc(cands, feels, minutes * 60)
    title = title or arc_title(feels)
    items = tuple(
        v.item(
            where[c.sound.item_id],
            c.taste,
            f"energy {c.sound.energy:.2f} on the way {title[0].lower()}{title[1:]}",
        )
        for c in chosen
    )
    reason = f"{len(items)} tracks you like, about {minutes:g} minutes, moving in small steps"
    row = Row(id=row_id, title=title, kind="music", reason=reason, items=items)
    sounds = {c.sound.item_id: c.sound for c in chosen}
    return Flow(row, with_transitions(list(items), sounds), list(feels))


def flow(
    conn: sqlite3.Connection,
    profile: Profile,
    start: str | None = None,
    end: str | None = None,
    via: Sequence[str] = (),
    minutes: float = DEFAULT_MINUTES,
    at: datetime | None = None,
) -> Flow:
    """``companion flow``: see the module docstring."""
    # breaks a cycle: home builds the rows, one of which (homerows/_arc) uses this module
    from companion.core.taste.home import view_at

    if not 5 <= minutes <= 600:
        raise UsageError(f"--minutes must be from 5 to 600, not {minutes:g}")
    v = view_at(conn, profile, at)
    first = resolve_feel(conn, profile, start, at) if start else (recent_feel(v) or Feel.mood("chill"))
    middle = [resolve_feel(conn, profile, c, at) for c in via]
    last = resolve_feel(conn, profile, end, at) if end else first
    feels = [first, *middle, last]
    return arc_from_view(v, feels, minutes)
