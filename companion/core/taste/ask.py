"""Ask: a prompt about the person's own listening answered with a mix and the reading it was made from.

``ask(conn, profile, "songs I loved last summer but haven't played lately")`` parses the prompt into clauses
(``ask_parse.py``), turns each into a filter and a score over the taste engine's view (its library arrays,
its event log, its signals and embeddings: kept-out listening is already out of that log), and returns the
items with the clauses as chips. ``refine`` narrows a previous answer with a follow-up ("calmer", "more new",
"less of this artist"); ``ask_clauses`` answers a reading the person edited (a chip removed). When nothing
of a prompt is understood it says so and answers with the search instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import numpy as np

from companion.core.paths import Profile
from companion.core.taste import eventlog as ev
from companion.core.taste import mixer
from companion.core.taste.ask_parse import Clause, Vocab, parse
from companion.core.taste.home import _view
from companion.core.taste.moods import FITS
from companion.core.taste.rows import Row, RowItem
from companion.core.taste.search import SearchResults, _index, search
from companion.core.taste.textmatch import fold
from companion.core.taste.view import View

DAY = 86400.0
MAX_ARTIST_SHARE = 0.34  # an answer is about the ask, not a home row: an artist may hold a third of it
PROMPT_KINDS = ("time", "weekly", "behaviour", "like", "sound", "mood", "decade", "length")
SINGLE = (
    "time",
    "weekly",
    "length",
    "decade",
    "kind",
)  # a follow-up's clause of these kinds replaces the old


@dataclass(frozen=True)
class AskResult:
    text: str
    clauses: tuple[Clause, ...] = ()
    items: tuple[RowItem, ...] = ()
    mix: Row | None = None
    not_understood: tuple[str, ...] = ()
    message: str = ""
    fallback: SearchResults | None = None  # nothing understood: the search's answer
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def understood(self) -> bool:
        return bool(self.clauses)

    @property
    def is_prompt(self) -> bool:
        """More than a search would read: a time, a behaviour, a sound, a mood, a decade, a length or a "no".
        (The window's search box shows the reading as chips then, and the search's results below.)"""
        return any(c.kind in PROMPT_KINDS or c.negated for c in self.clauses)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "understood": self.understood,
            "interpretation": [c.to_json() for c in self.clauses],
            "not_understood": list(self.not_understood),
            "message": self.message,
            "items": [i.to_json() for i in self.items],
            "fallback": "search" if self.fallback is not None else None,
        }


def ask(
    conn: sqlite3.Connection, profile: Profile, text: str, at: datetime | None = None, limit: int = 50
) -> AskResult:
    v, _ = _view(conn, profile, at)
    parsed = parse(text, vocab(v), v.moment)
    clauses = list(parsed.clauses)
    words, missing = _library_words(v, parsed.leftover)
    clauses.extend(words)
    if not [c for c in clauses if c.kind != "kind"]:
        found = search(conn, profile, text, limit)
        what = ", ".join(f"“{w}”" for w in missing) or f"“{text.strip()}”"
        return AskResult(
            text=text,
            not_understood=tuple(missing),
            message=f"I did not understand {what}; here is what a search finds.",
            items=found.items,
            fallback=found,
        )
    return _answer(v, text, clauses, limit, tuple(missing))


def ask_clauses(
    conn: sqlite3.Connection,
    profile: Profile,
    text: str,
    clauses: list[Clause],
    at: datetime | None = None,
    limit: int = 50,
) -> AskResult:
    """Answer a reading as given (the window's chips after one was removed)."""
    v, _ = _view(conn, profile, at)
    if not clauses:
        return AskResult(text=text, message="Nothing left to ask: every part of the question was removed.")
    return _answer(v, text, list(clauses), limit, ())


def refine(
    conn: sqlite3.Connection,
    profile: Profile,
    previous: AskResult,
    text: str,
    at: datetime | None = None,
    limit: int = 50,
) -> AskResult:
    """A follow-up on ``previous``: its clauses plus the new ones ("calmer", "more new", "less of this
    artist", "only 90s"); a new time, length, decade or kind replaces the old one."""
    v, _ = _view(conn, profile, at)
    this_artist = previous.items[0].artist if previous.items else None
    folded = fold(text)
    if this_artist and any(p in folded for p in ("this artist", "that artist", "these artists")):
        text = folded.replace("these artists", this_artist).replace("this artist", this_artist)
        text = text.replace("that artist", this_artist)
    parsed = parse(text, vocab(v), v.moment)
    new = list(parsed.clauses)
    words, missing = _library_words(v, parsed.leftover)
    new.extend(words)
    if not new:
        return replace(previous, message=f"I did not understand “{text}”; the mix is as it was.")
    kinds = {c.kind for c in new if c.kind in SINGLE}
    if any(c.kind == "behaviour" and c.value.get("is") == "new" for c in new):
        kinds.add("behaviour")  # "more new" replaces "loved", "most played"
    kept = [c for c in previous.clauses if c.kind not in kinds]
    kept = [c for c in kept if not any(_same_target(c, n) for n in new)]
    base = {"ids": [i.item_id for i in previous.items]}
    return _answer(v, f"{previous.text}; {text}", kept + new, limit, tuple(missing), base)


def _same_target(old: Clause, new: Clause) -> bool:
    """A new clause about the same genre, artist or mood replaces the old one ("no jazz" after "jazz")."""
    return old.kind == new.kind and old.kind in ("genre", "artist", "mood") and old.value == new.value


def vocab(v: View) -> Vocab:
    """The library's genre, artist and title names, folded (cached with the library)."""
    key = ("ask-vocab", v.lib.fingerprint)
    if key not in v._cache:
        lib = v.lib
        music = ~lib.is_video
        genres = {fold(g): g for g in lib.genre_names.names}
        for gs in {tuple(g) for g in lib.genres}:
            genres.update({fold(g): g for g in gs})
        artists = {fold(a): a for a in dict.fromkeys(lib.artist[i] for i in np.flatnonzero(music)) if a}
        titles = {fold(t): t for i in np.flatnonzero(music) if (t := lib.title[i])}
        longest = max((len(k.split()) for k in (*genres, *artists)), default=1)
        v._cache[key] = Vocab(genres, artists, titles, min(6, longest))
    return v._cache[key]


def _library_words(v: View, leftover: list[str]) -> tuple[list[Clause], list[str]]:
    """Words the parser did not place, looked up among the library's words (tags, genres, titles, folders;
    typos forgiven): each found one is a clause; the rest are not understood."""
    if not leftover:
        return [], []
    index = _index(v)
    found: list[Clause] = []
    missing: list[str] = []
    for token in leftover:
        w, negated = token.lstrip("-"), token.startswith("-")
        variants = index.variants(w)
        if variants:
            best = max(variants, key=lambda k: variants[k])
            label = f"no “{w}”" if negated else f"“{w}” in your library"
            found.append(Clause("words", w, label, {"word": w, "match": best}, negated=negated))
        else:
            missing.append(w)
    return found, missing


# --- answering ---------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    v: View
    mask: np.ndarray
    score: np.ndarray
    lead: dict[str, str] = field(default_factory=dict)
    events: np.ndarray | None = None  # event positions inside the asked time (None: no time asked)


def _answer(
    v: View,
    text: str,
    clauses: list[Clause],
    limit: int,
    missing: tuple[str, ...],
    base: dict[str, Any] | None = None,
) -> AskResult:
    lib = v.lib
    video = any(c.kind == "kind" and c.value.get("kind") == "video" for c in clauses)
    skip_ask = any(c.kind == "behaviour" and c.value.get("is") == "skipped" for c in clauses)
    pool = (v.usable if skip_ask else v.welcome) & (lib.is_video if video else ~lib.is_video & ~lib.spoken)
    ctx = _Ctx(v, pool.copy(), 0.6 * v.rank_norm(v.base_score, pool))
    times = [c for c in clauses if c.kind in ("time", "weekly")]
    if times:
        ctx.events = _events_in(v, times)
        if not any(c.kind == "behaviour" for c in clauses):
            clauses = [*clauses, Clause("behaviour", "", "played then", {"is": "played"})]
    for c in clauses:
        _apply(ctx, c, base)
    picks = _pick(ctx, clauses, limit)
    reason = "From your listening, for “" + text.strip() + "”"
    items = tuple(v.item(i, float(ctx.score[i]), ctx.lead.get(str(i))) for i in picks)
    kind = "video" if video else "music"
    mix = Row(
        id="ask", title=text.strip()[:1].upper() + text.strip()[1:], kind=kind, reason=reason, items=items
    )
    message = "" if items else "Nothing in your library fits all of that: remove a part of the question."
    if missing:
        message = (message + " " if message else "") + "Not understood: " + ", ".join(missing) + "."
    return AskResult(
        text=text, clauses=tuple(clauses), items=items, mix=mix, not_understood=missing, message=message
    )


def _pick(ctx: _Ctx, clauses: list[Clause], limit: int) -> list[int]:
    lib = ctx.v.lib
    ranked = mixer.top(ctx.score, ctx.mask, limit * 4)
    if any(c.kind == "artist" and not c.negated for c in clauses) or any(
        c.kind == "behaviour" and c.value.get("is") == "most" for c in clauses
    ):
        return [int(i) for i in ranked[:limit]]
    return mixer.diversify(ranked, lib, limit, max_share=MAX_ARTIST_SHARE, fill_to=limit)


def _events_in(v: View, times: list[Clause]) -> np.ndarray:
    """Positions of the log's events (before the moment) inside every asked time."""
    log, n = v.log, v.sig.n_events
    keep = log.item[:n] >= 0
    local = log.local[:n]
    for c in times:
        if c.kind == "time":
            keep &= (local >= c.value["start"]) & (local < c.value["end"])
        else:
            weekday = ((local // DAY + 3) % 7).astype(int)
            hour = (local % DAY) / 3600.0
            lo, hi = c.value["hours"]
            in_hours = (hour >= lo) & (hour < hi) if lo < hi else (hour >= lo) | (hour < hi)
            # after midnight, a night that wraps belongs to the evening before ("Saturday night" at 01:00)
            day = np.where(hour < hi, (weekday + 6) % 7, weekday) if lo > hi else weekday
            keep &= in_hours & np.isin(day, c.value["days"])
    return np.flatnonzero(keep)


def _count(v: View, events: np.ndarray | None, want: np.ndarray) -> np.ndarray:
    """Per item: how many of ``events`` (all before the moment when None) are of the wanted kind."""
    log, n = v.log, v.sig.n_events
    idx = np.arange(n) if events is None else events
    idx = idx[want[idx] & (log.item[idx] >= 0)]
    return np.bincount(log.item[idx], minlength=len(v.lib)).astype(float)


def _play_kinds(v: View) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    log, n = v.log, v.sig.n_events
    t = log.type[:n]
    plays = (t == ev.PLAY) | (t == ev.COMPLETED)
    through = (t == ev.COMPLETED) | ((t == ev.PLAY) & (np.nan_to_num(log.frac[:n]) >= 0.9))
    loved = (t == ev.LIKE) | ((t == ev.RATING) & (np.nan_to_num(log.value[:n]) >= 4))
    return plays, through, loved, t == ev.SKIP


def _last_local_play(v: View) -> np.ndarray:
    key = ("ask-last-local", v.sig.n_events, v.last_event_id)
    if key not in v.memo:
        log, n = v.log, v.sig.n_events
        plays = _play_kinds(v)[0] & (log.item[:n] >= 0)
        last = np.full(len(v.lib), -np.inf)
        np.maximum.at(last, log.item[:n][plays], log.local[:n][plays])
        v.memo[key] = last
    return v.memo[key]


def _apply(ctx: _Ctx, c: Clause, base: dict[str, Any] | None) -> None:
    handler = _HANDLERS.get(c.kind)
    if handler is not None:
        handler(ctx, c, base)


def _behaviour(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    v, sig = ctx.v, ctx.v.sig
    what = c.value.get("is")
    plays, through, loved_ev, skips = _play_kinds(v)
    liked_now = (sig.liked > 0) | (np.nan_to_num(sig.stars) >= 4)
    if what in ("played", "most"):
        got = _count(v, ctx.events, plays)
        ctx.mask &= got > 0
        ctx.score += (3.0 if what == "most" else 1.5) * np.log1p(got) / max(1.0, float(np.log1p(got.max())))
        ctx.lead.update({str(i): f"played {int(got[i])} times then" for i in np.flatnonzero(got > 0)})
    elif what == "loved":
        if ctx.events is not None:
            good = _count(v, ctx.events, through) + 2 * _count(v, ctx.events, loved_ev)
            good += 2 * (liked_now & (_count(v, ctx.events, plays) > 0))
        else:
            good = 3.0 * liked_now + np.where(
                (sig.completions >= 3) & (sig.satisfaction > 0.6), sig.completions, 0
            )
        ctx.mask &= good > 0
        ctx.lead.update(
            {
                str(i): "you loved this then" if ctx.events is not None else "you love this"
                for i in np.flatnonzero(good > 0)
            }
        )
        ctx.score += 1.5 * np.log1p(good) / max(1.0, float(np.log1p(good.max())))
    elif what == "skipped":
        sk = _count(v, ctx.events, skips) if ctx.events is not None else sig.skips
        pl = _count(v, ctx.events, plays) if ctx.events is not None else sig.plays
        ctx.mask &= (sk >= 1) & (sk > pl)
        ctx.lead.update({str(i): f"skipped {int(sk[i])} times" for i in np.flatnonzero(ctx.mask)})
        ctx.score += np.log1p(sk)
    elif what == "new":
        ctx.mask &= sig.familiarity == 0
    elif what == "forgotten":
        old = _last_local_play(v) < v.moment.local - 90 * DAY
        ctx.mask &= (sig.plays >= 3) & ((sig.satisfaction > 0.6) | liked_now) & old
        ctx.score += np.log1p(sig.plays) / 3
    elif what == "not-lately":
        ctx.mask &= _last_local_play(v) < float(c.value["since"])


def _mood(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    fit = ctx.v.moods[c.value["mood"]]
    if c.negated:
        ctx.mask &= fit < FITS
        return
    strict = ctx.mask & (fit >= FITS)
    if strict.sum() >= 8 or strict.sum() >= 0.5 * ctx.mask.sum():
        ctx.mask = strict
    ctx.score += 0.8 * fit


def _has_genre(v: View, names: tuple[str, ...]) -> np.ndarray:
    key = ("ask-genre", v.lib.fingerprint, names)
    if key not in v._cache:
        want = [fold(g) for g in names]
        v._cache[key] = np.fromiter(
            (
                any(w in fold(g) if len(names) > 1 else fold(g) == w for g in gs for w in want)
                for gs in v.lib.genres
            ),
            bool,
            len(v.lib),
        )
    return v._cache[key]


def _genre(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    names = tuple(c.value["genres"]) if "genres" in c.value else (c.value["genre"],)
    has = _has_genre(ctx.v, names)
    ctx.mask &= ~has if c.negated else has


def _artist(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    lib = ctx.v.lib
    has = _by_artist(lib, c.value["artist"])
    ctx.mask &= ~has if c.negated else has


def _by_artist(lib: Any, name: str) -> np.ndarray:
    want = fold(name)
    codes = [k for k, a in enumerate(lib.artists.names) if a and fold(a) == want]
    return np.isin(lib.artist_code, codes)


def _decade(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    y = ctx.v.lib.year
    inside = (y >= c.value["from"]) & (y < c.value["to"])
    ctx.mask &= ~inside if c.negated else inside


def _length(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    d = ctx.v.lib.duration
    if "max" in c.value:
        ctx.mask &= d <= c.value["max"]
    if "min" in c.value:
        ctx.mask &= d >= c.value["min"]


def _reference(v: View, c: Clause) -> np.ndarray:
    lib = v.lib
    if c.value["what"] == "artist":
        return _by_artist(lib, c.value["name"])
    name = fold(c.value["name"])
    return np.fromiter((t is not None and fold(t) == name for t in lib.title), bool, len(lib))


def _like(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    v = ctx.v
    ref = _reference(v, c)
    if not ref.any():
        return
    vec = v.emb[ref].mean(axis=0)
    vec = vec / max(1e-9, float(np.linalg.norm(vec)))
    sim = v.similarity(vec)
    ctx.mask &= v.neighbourhood(sim, ("ask-like", c.value["name"])) & ~ref  # an artist's own: not "like" it
    ctx.score += 2.0 * sim
    ctx.v.memo["ask-ref"] = ref
    ctx.lead.update({str(i): f"sounds like {c.value['name']}" for i in np.flatnonzero(ctx.mask)[:500]})


def attribute(v: View, name: str) -> np.ndarray:
    """Energy, tempo or valence per item: the analysis' value when there is one, else from moods and BPM."""
    lib, moods = v.lib, v.moods
    f = lib.features
    if name == "tempo":
        return lib.bpm.astype(float)
    col = 0 if name == "energy" else 3
    proxy = (
        0.5 + 0.5 * (moods["energetic"] - moods["chill"])
        if name == "energy"
        else 0.5 + 0.5 * (moods["happy"] - moods["melancholic"])
    )
    if f is None:
        return proxy
    return np.where(np.isnan(f[:, col]), proxy, f[:, col])


def _sound(ctx: _Ctx, c: Clause, base: dict[str, Any] | None) -> None:
    """calmer / faster / more upbeat than the reference track or artist, else than the previous answer, else
    than the person's usual."""
    v = ctx.v
    values = attribute(v, c.value["attribute"])
    direction = int(c.value["direction"])
    ref = v.memo.get("ask-ref")
    if ref is None and base and base.get("ids"):
        ref = np.isin(v.lib.ids, base["ids"])
    if ref is None or not np.any(ref & ~np.isnan(values)):
        ref = v.sig.plays > 0
    known = ~np.isnan(values)
    if not np.any(ref & known):
        return
    level = float(np.median(values[ref & known]))
    margin = 3.0 if c.value["attribute"] == "tempo" else 0.03
    ok = known & (direction * (values - level) > margin)
    if np.any(ctx.mask & ok):
        ctx.mask &= ok
    spread = float(np.nanstd(values)) or 1.0
    ctx.score += 0.5 * np.nan_to_num(direction * (values - level) / spread)


def _words(ctx: _Ctx, c: Clause, _base: dict[str, Any] | None) -> None:
    """A library word: the items it names, widened through the embeddings to what sits close to them."""
    v = ctx.v
    hits = _index(v).match(c.value["word"], len(v.lib))
    if c.negated:
        ctx.mask &= hits == 0
        return
    if not hits.any():
        return
    vec = np.einsum("i,ij->j", hits.astype(np.float32), v.emb)
    vec = vec / max(1e-9, float(np.linalg.norm(vec)))
    sim = v.similarity(vec)
    near = v.neighbourhood(sim, ("ask-word", c.value["word"]))
    ctx.mask &= (hits > 0) | near
    ctx.score += hits + sim


def _kind(_ctx: _Ctx, _c: Clause, _base: dict[str, Any] | None) -> None:
    """Already applied to the pool."""


_HANDLERS = {
    "behaviour": _behaviour,
    "mood": _mood,
    "genre": _genre,
    "artist": _artist,
    "decade": _decade,
    "length": _length,
    "like": _like,
    "sound": _sound,
    "words": _words,
    "kind": _kind,
}


__all__ = ["AskResult", "ask", "ask_clauses", "attribute", "refine", "vocab"]
