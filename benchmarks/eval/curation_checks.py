"""What the curation report measures on one home: repeats, look-alikes, names, what does not belong.

Every check reads the rows as ``companion home --json`` gives them and facts about the items (the library's
own ``library --json`` entries plus what the source knows: the messy library's generator says which files
are spoken word, bogus or damaged). Counts are "bad things found" (the goal is 0) unless said otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from companion.core.library.recordings import recording_key
from companion.core.taste.daylist import MOOD_WORDS, TEMPO_BANDS
from companion.core.taste.names import is_placeholder

MIX_MIN = 8
ADJECTIVES = set(MOOD_WORDS.values()) | {w for w, _, _ in TEMPO_BANDS}
NOT_MIXES = {"continue", "up-next", "new", "recommended-videos"}  # lists, not mixes (no size or naming rule)


@dataclass
class Facts:
    """Per item id: genres (lower case), kind, and whether it may be in a mix at all."""

    genres: dict[int, set[str]] = field(default_factory=dict)
    kind: dict[int, str] = field(default_factory=dict)
    song: dict[int, str] = field(default_factory=dict)  # normalised artist + title, independent of grouping
    duration: dict[int, float] = field(default_factory=dict)
    ineligible: dict[int, str] = field(default_factory=dict)  # id -> why it must not be in a mix


def facts_from_library(entries: list[dict[str, Any]]) -> Facts:
    f = Facts()
    for e in entries:
        if e.get("id") is None:
            continue
        i = int(e["id"])
        f.genres[i] = {str(g).strip().lower() for g in e.get("genres") or []}
        f.kind[i] = e["kind"]
        f.song[i] = (
            recording_key(e.get("artist") or e.get("album_artist"), e.get("title"), e.get("path") or "") or ""
        )
        if e.get("duration") is not None:
            f.duration[i] = float(e["duration"])
        if e["kind"] == "spoken":
            f.ineligible[i] = "spoken word"
        elif e.get("status") != "ok":
            f.ineligible[i] = f"status {e.get('status')}"
    return f


def _same_songs(row: dict, facts: Facts) -> int:
    """Items of a row that are another item's song again: the same artist and title (folded) and a length
    within 3 s, whatever the grouping said (a check on it)."""
    seen: dict[str, list[float | None]] = {}
    repeats = 0
    for it in row["items"]:
        key = facts.song.get(it["item_id"])
        if not key:
            continue
        d = facts.duration.get(it["item_id"])
        if any(o is None or d is None or abs(o - d) <= 3.0 for o in seen.get(key, [])):
            repeats += 1
        seen.setdefault(key, []).append(d)
    return repeats


def _mixes(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["id"] not in NOT_MIXES]


def _overlap(a: dict, b: dict) -> float:
    ra = {i["recording_id"] for i in a["items"]}
    rb = {i["recording_id"] for i in b["items"]}
    return len(ra & rb) / max(1, min(len(ra), len(rb)))


def largest_pair(rows: list[dict], full: dict[str, dict]) -> tuple[str, str, float] | None:
    """The two mixes (whole) that share the most, and how much: for reading, not a goal."""
    whole = [full.get(r["id"], r) for r in _mixes(rows)]
    pairs = [(a["id"], b["id"], _overlap(a, b)) for a, b in combinations(whole, 2)]
    return max(pairs, key=lambda p: p[2], default=None)


def named_genres(row: dict) -> list[str]:
    """The genres a row's title names ("Daily Mix 2: Jazz & Soul" -> jazz, soul; "Monday morning: mellow
    jazz" -> jazz), lower case; [] for rows not named after genres."""
    title = row["title"]
    if ": " not in title or not (row["id"] == "now" or row["id"].startswith("daily-")):
        return []
    words = title.split(": ", 1)[1]
    if row["id"] == "now":
        parts = words.split()
        if parts and parts[0] in ADJECTIVES:
            parts = parts[1:]
        return [" ".join(parts).lower()] if parts else []
    return [g.strip().lower() for g in words.split(" & ")]


def measure(rows: list[dict], facts: Facts, full_mixes: dict[str, dict] | None = None) -> dict[str, float]:
    """The figures for one home (``full_mixes``: row id -> the whole mix, for overlaps and sizes)."""
    full = full_mixes or {}
    mixes = _mixes(rows)
    whole = [full.get(r["id"], r) for r in mixes]
    out: dict[str, float] = {"rows": len(rows)}
    out["recordings repeated in a row"] = sum(
        len(r["items"]) - len({i["recording_id"] for i in r["items"]}) for r in rows + whole
    )
    out["same song repeated in a row"] = sum(_same_songs(r, facts) for r in rows + whole)
    titles = Counter(r["title"].casefold() for r in rows)
    out["rows with equal titles"] = sum(n - 1 for n in titles.values())
    daily = [r for r in whole if r["id"].startswith("daily-")]
    out["Daily Mixes"] = len(daily)
    out["largest Daily Mix overlap %"] = 100 * max(
        (_overlap(a, b) for a, b in combinations(daily, 2)), default=0
    )
    now = next((r for r in whole if r["id"] == "now"), None)
    out["largest now / Daily Mix overlap %"] = (
        100 * max((_overlap(now, d) for d in daily), default=0) if now else 0
    )
    out["largest overlap of any two mixes %"] = 100 * max(
        (_overlap(a, b) for a, b in combinations(whole, 2)), default=0
    )
    because = [r for r in rows if r["id"].startswith("because-")]
    out["because rows"] = len(because)
    seeds = Counter(
        (r["reason"].split(" by ", 1)[1] if " by " in r["reason"] else r["title"]) for r in because
    )
    out["because rows from one artist"] = sum(n - 1 for n in seeds.values())
    out["mixes under 8 items"] = sum(1 for r in whole if len(r["items"]) < MIX_MIN)
    named = [(r, named_genres(r)) for r in whole + rows]  # the whole mix, and the cards the home shows
    named = [(r, g) for r, g in named if g]
    out["genre-named mixes"] = sum(1 for r in whole if named_genres(r))
    shares = [
        sum(1 for i in r["items"] if facts.genres.get(i["item_id"], set()) & set(g)) / max(1, len(r["items"]))
        for r, g in named
    ]
    out["name precision (worst) %"] = 100 * min(shares, default=1.0)
    out["placeholder names"] = sum(1 for _, g in named for name in g if is_placeholder(name))
    out["reasons pointing at a mix"] = sum(
        1
        for r in rows
        for i in r["items"]
        if "daily mix" in i["reason"].casefold() or " mix " in f" {i['reason']} "
    )
    music_mixes = [r for r in whole if r["kind"] in ("music", "mixed") and r["id"] != "continue"]
    out["ineligible items in mixes"] = sum(
        1 for r in music_mixes for i in r["items"] if i["item_id"] in facts.ineligible
    )
    return out


def share(row: dict | None, facts: Facts, genre: str) -> float:
    """The share of a row's items of ``genre`` (0 when there is no row)."""
    if not row or not row["items"]:
        return 0.0
    return sum(1 for i in row["items"] if genre in facts.genres.get(i["item_id"], set())) / len(row["items"])


def worst(figures: list[dict[str, float]]) -> dict[str, float]:
    """Over several moments: the largest count/overlap, the smallest precision."""
    out: dict[str, float] = {}
    for f in figures:
        for k, v in f.items():
            best_low = k.startswith("name precision")
            out[k] = v if k not in out else (min(out[k], v) if best_low else max(out[k], v))
    return out
