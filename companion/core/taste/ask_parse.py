"""Reading a prompt ("songs I loved last summer but haven't played lately", "no metal, something calm") into
typed clauses, each with the words it came from and the chip that shows it.

No model: phrases the taste engine can answer are matched in order (behaviour, then time, then a track or
artist to sound like, then mood, genre, artist, decade, length, kind), each on words no earlier phrase took;
"no", "not", "without" and "except" right before a genre, artist, mood or decade negate it. Words left
over are looked up among the library's own words by ``ask.py`` (typos forgiven, widened through the
embeddings); words that match nothing are reported as not understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from companion.core.taste import ask_time as at
from companion.core.taste.context import Moment
from companion.core.taste.moods import MOOD_WORDS, TITLES
from companion.core.taste.textmatch import fold

_STOP_WORDS = (
    "a an the of for with some me my play to and in on by i want something any songs song music tracks track "
    "what that which but or from give get find show list all them it is are was were just only really very "
    "who whom you your please can could would stuff things thing have has had been be do did does more "
    "one ones those these this so much many lot lots put mix playlist make let us our we when where while "
    "at as like sounds sound"
)
STOP = frozenset(_STOP_WORDS.split())
SHORT_SECONDS = 180.0
LONG_SECONDS = 360.0
INSTRUMENTAL_GENRES = (
    "instrumental",
    "classical",
    "ambient",
    "soundtrack",
    "score",
    "post-rock",
    "piano",
    "neoclassical",
    "baroque",
)


@dataclass(frozen=True)
class Clause:
    """One understood part of a prompt. ``kind``: time | weekly | behaviour | like | sound | mood | genre |
    artist | decade | length | kind | words. ``value`` is plain JSON; ``label`` is the chip's words."""

    kind: str
    text: str
    label: str
    value: dict[str, Any] = field(default_factory=dict)
    negated: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.kind,
            "text": self.text,
            "label": self.label,
            "negated": self.negated,
            "value": self.value,
        }


@dataclass(frozen=True)
class Vocab:
    """The library's names, folded: genre -> genre, artist -> artist, title -> title (the shown spelling)."""

    genres: dict[str, str]
    artists: dict[str, str]
    titles: dict[str, str]
    longest: int = 6  # words in the longest name worth trying


@dataclass
class Parsed:
    clauses: list[Clause]
    leftover: list[str]  # content words nothing above took (for the library-words step)


NEG_SET = frozenset(
    ("no", "not", "without", "except", "excluding", "minus", "avoid", "never", "nothing", "less")
)
NEG_WORDS = r"(?:no|not|without|except|excluding|minus|avoid|never|nothing|less)\s+(?:any\s+|more\s+|of\s+)*$"


class _Text:
    """The folded prompt with the characters already taken by a clause blanked out (``|``)."""

    def __init__(self, text: str) -> None:
        t = fold(text).replace("\u2019", "'")
        t = re.sub(r"n't\b", " not", t)
        t = re.sub(r"[^a-z0-9' ]+", " ", t).replace("'s ", " ").replace("'", "")
        self.text = " ".join(t.split())

    def find(self, pattern: str | re.Pattern[str]) -> list[tuple[int, int, re.Match[str]]]:
        rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
        return [(m.start(), m.end(), m) for m in rx.finditer(self.text) if m.group(0).strip()]

    def take(self, s: int, e: int) -> str:
        words = self.text[s:e].strip()
        self.text = self.text[:s] + "|" * (e - s) + self.text[e:]
        return words

    def negation(self, s: int) -> bool:
        """Is the clause starting at ``s`` negated ("no metal", "without Taylor Swift")? Takes the word."""
        before = self.text[:s]
        got = re.search(r"\b" + NEG_WORDS, before)
        if got is None:
            return False
        self.take(got.start(), s)
        return True

    def rest(self) -> list[str]:
        """The words nothing took (a negation word marks the next one: "-rock")."""
        out: list[str] = []
        negate = False
        for w in re.sub(r"\|+", " ", self.text).split():
            if w in NEG_SET:
                negate = True
            elif w not in STOP:
                out.append(("-" if negate else "") + w)
                negate = False
        return out

    def names(self, names: dict[str, Any], longest: int, after: str = "") -> list[tuple[int, int, Any]]:
        """Names of ``names`` (folded, whole words) in the free text, longest first, none overlapping;
        ``after`` must come right before one (its words are taken with it)."""
        toks = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[a-z0-9]+", self.text)]
        found: list[tuple[int, int, Any]] = []
        used: set[int] = set()
        for n in range(min(longest, len(toks)), 0, -1):
            for k in range(len(toks) - n + 1):
                if used & set(range(k, k + n)):
                    continue
                s, e = toks[k][0], toks[k + n - 1][1]
                phrase = self.text[s:e]
                if "|" in phrase or phrase not in names or (n == 1 and phrase in STOP):
                    continue
                if after:
                    if not self.text[:s].endswith(after):
                        continue
                    s -= len(after)
                found.append((s, e, names[phrase]))
                used.update(range(k, k + n))
        return sorted(found)


BEHAVIOURS: tuple[tuple[str, str, str], ...] = (
    # (pattern, value, chip)
    (
        r"\b(?:(?:i |that i )?(?:have not|havent|has not|did not|didnt|not|never) (?:been )?"
        r"(?:played|heard|listened to|played them|heard them)(?: (?:much|them|it|in a while|for a while))?"
        r" (?:lately|recently|in (?:a while|months|ages|a long time|weeks|a year)|for (?:a while|months|ages)|since)"
        r"|not (?:played )?(?:lately|recently)|(?:i )?used to (?:love|play|like))\b",
        "not-lately",
        "",
    ),
    (
        r"\b(?:forgotten (?:favou?rites?|gems|songs|tracks|loves?)|rediscover\w*)\b",
        "forgotten",
        "forgotten favourites",
    ),
    (
        r"\b(?:new to me|never (?:played|heard)|(?:have not|havent|not) heard|unheard|i do not know"
        r"|something new|new (?:music|songs|stuff|tracks)|discover\w*|more new)\b",
        "new",
        "new to you: never played",
    ),
    (
        r"\b(?:most played|i play (?:the )?most|played (?:the )?most|top (?:songs|tracks)|on repeat|my top)\b",
        "most",
        "most played",
    ),
    (
        r"\b(?:(?:that |which )?i (?:often |always |usually |keep )?skip\w*|skipped|skips)\b",
        "skipped",
        "skipped: more skips than plays",
    ),
    (
        r"\b(?:(?:that |which )?i (?:really |truly )?(?:loved?|liked?|adored?|enjoyed)|loved|favou?rites?|my best)\b",
        "loved",
        "loved: liked or 4+ stars, or played through",
    ),
    (
        r"\b(?:(?:what|that|which|songs|music|tracks)? ?i (?:usually |often |always )?"
        r"(?:play|played|listen to|listened to|put on|heard))\b",
        "played",
        "played then",
    ),
)

COMPARATIVES: dict[str, tuple[str, int]] = {
    # word -> (attribute, direction)
    "calmer": ("energy", -1),
    "mellower": ("energy", -1),
    "softer": ("energy", -1),
    "quieter": ("energy", -1),
    "gentler": ("energy", -1),
    "chiller": ("energy", -1),
    "louder": ("energy", 1),
    "harder": ("energy", 1),
    "heavier": ("energy", 1),
    "more energetic": ("energy", 1),
    "more intense": ("energy", 1),
    "faster": ("tempo", 1),
    "quicker": ("tempo", 1),
    "slower": ("tempo", -1),
    "more upbeat": ("valence", 1),
    "happier": ("valence", 1),
    "brighter": ("valence", 1),
    "sadder": ("valence", -1),
    "darker": ("valence", -1),
    "moodier": ("valence", -1),
    "less upbeat": ("valence", -1),
}
COMPARATIVE_RE = re.compile(
    r"\b(?:a bit |a little |much |even )?("
    + "|".join(sorted(COMPARATIVES, key=len, reverse=True))
    + r")(?: than)?\b"
)
MOOD_RE = {
    mood: re.compile(
        r"\b("
        + "|".join(sorted((re.escape(w) for w in (*words, "calm")), key=len, reverse=True))
        + r")\w{0,3}\b"
    )
    for mood, words in MOOD_WORDS.items()
}
MOOD_RE["chill"] = re.compile(r"\b(chill|relax\w*|calm|mellow|lazy|sleep\w*|cozy|cosy|peaceful|quiet|soft)\b")


def parse(text: str, vocab: Vocab, m: Moment) -> Parsed:
    """The clauses of ``text``, in the order they were found, and the content words left over."""
    t = _Text(text)
    now = at.now_local(m)
    out: list[Clause] = []
    _behaviours(t, out)
    _times(t, now, out)
    _like(t, vocab, out)
    _comparatives(t, out)
    _names(t, vocab, out)
    _moods(t, out)
    _decades(t, out)
    _lengths(t, out)
    _kinds(t, out)
    _settle_not_lately(out, m)
    return Parsed(out, t.rest())


def _behaviours(t: _Text, out: list[Clause]) -> None:
    for pattern, value, label in BEHAVIOURS:
        for s, e, _ in t.find(pattern):
            if value == "played" and any(c.kind == "behaviour" for c in out):
                t.take(s, e)  # "songs I loved ..." already says what: "I played" adds nothing
                continue
            words = t.take(s, e)
            extra: dict[str, Any] = {}
            if value == "not-lately":
                extra["days"] = 90 if re.search(r"months|a year|ages|a long time", words) else 60
            out.append(Clause("behaviour", words, label, {"is": value, **extra}))


RELATIVE = (
    r"(?:in |over |during )?(?:the )?(?:last|past) \d+ (?:day|week|month)s?|this year|last year|this month"
    r"|last month|this week|last week|yesterday|today|lately|recently|these days|of late"
)


def _times(t: _Text, now: Any, out: list[Clause]) -> None:
    def add(s: int, e: int, span: at.Span) -> None:
        out.append(Clause("time", t.take(s, e), span.label, {"start": span.start, "end": span.end}))

    seasons = "|".join(at.SEASONS)
    for s, e, m in t.find(
        rf"\b(?:(last|this|in|during) )?(?:the )?({seasons})(?: of)?(?: ((?:19|20)\d\d))?\b"
    ):
        which, name, year = m.group(1) or "in", m.group(2), m.group(3)
        add(s, e, at.season(name, "last" if which == "last" else which, int(year) if year else None, now))
    for s, e, m in t.find(rf"\b(?:(in|during|last|this) )?({at._MONTH_RE})(?: ((?:19|20)\d\d))?\b"):
        if m.group(1) is None and m.group(3) is None and m.group(2) in ("mar", "may", "jan"):
            continue  # a bare "may" is a verb more often than a month
        number = at.month_of(m.group(2))
        if number is not None:
            add(s, e, at.month(number, int(m.group(3)) if m.group(3) else None, m.group(1) == "last", now))
    for s, e, m in t.find(rf"\b(?:{RELATIVE})\b"):
        span = at.relative(m.group(0).strip(), now)
        if span is not None:
            add(s, e, span)
    for s, e, m in t.find(r"\b(?:in|during|back in|throughout) ((?:19|20)\d\d)\b"):
        add(s, e, at.year(int(m.group(1)), now))
    for s, e, m in t.find(at.WEEKLY_RE):
        got = at.weekly_match(m)
        if got is not None:
            words = t.take(s, e)
            out.append(Clause("weekly", words, got.label, {"days": list(got.days), "hours": list(got.hours)}))


def _like(t: _Text, vocab: Vocab, out: list[Clause]) -> None:
    """ "like Blue Hour", "similar to Nils Frahm", "sounds like X": a track's or an artist's sound."""
    names: dict[str, tuple[str, str]] = {k: ("title", v) for k, v in vocab.titles.items()}
    names.update({k: ("artist", v) for k, v in vocab.artists.items()})
    for lead in ("similar to ", "sounds like ", "sound like ", "like "):
        for s, e, (what, name) in t.names(names, vocab.longest, lead):
            words = t.take(s, e)
            out.append(Clause("like", words, f"like {name}", {"what": what, "name": name}))


def _comparatives(t: _Text, out: list[Clause]) -> None:
    for s, e, m in t.find(COMPARATIVE_RE):
        attribute, direction = COMPARATIVES[m.group(1)]
        words = t.take(s, e)
        out.append(Clause("sound", words, m.group(1), {"attribute": attribute, "direction": direction}))


def _names(t: _Text, vocab: Vocab, out: list[Clause]) -> None:
    """Genres and artists of the library (a genre wins when a name is both)."""
    names: dict[str, tuple[str, str]] = {k: ("artist", v) for k, v in vocab.artists.items()}
    names.update({k: ("genre", v) for k, v in vocab.genres.items()})
    for s, e, (kind, name) in t.names(names, vocab.longest):
        neg = t.negation(s)
        words = t.take(s, e)
        label = (
            (f"no {name}" if neg else name)
            if kind == "genre"
            else (f"without {name}" if neg else f"by {name}")
        )
        out.append(Clause(kind, words, label, {kind: name}, negated=neg))


def _moods(t: _Text, out: list[Clause]) -> None:
    for mood, rx in MOOD_RE.items():
        for s, e, _ in t.find(rx):
            neg = t.negation(s)
            words = t.take(s, e)
            label = ("not " if neg else "") + f"{TITLES[mood].lower()} (\u201c{words}\u201d)"
            out.append(Clause("mood", words, label, {"mood": mood}, negated=neg))


def _decades(t: _Text, out: list[Clause]) -> None:
    for s, e, m in t.find(r"\b(?:the )?((?:19|20)?\d0)s\b|\bfrom ((?:19|20)\d\d)\b"):
        if m.group(1):
            d = int(m.group(1))
            d = d if d >= 100 else (1900 + d if d >= 30 else 2000 + d)
            lo, hi, label = d, d + 10, f"{d}s"
        else:
            lo, hi = int(m.group(2)), int(m.group(2)) + 1
            label = f"released in {lo}"
        neg = t.negation(s)
        words = t.take(s, e)
        out.append(
            Clause("decade", words, ("not " if neg else "") + label, {"from": lo, "to": hi}, negated=neg)
        )


def _lengths(t: _Text, out: list[Clause]) -> None:
    for s, e, m in t.find(r"\b(?:under|less than|shorter than) (\d+) min\w*\b"):
        out.append(Clause("length", t.take(s, e), f"under {m.group(1)} min", {"max": 60.0 * int(m.group(1))}))
    for s, e, m in t.find(r"\b(?:over|more than|longer than) (\d+) min\w*\b"):
        out.append(Clause("length", t.take(s, e), f"over {m.group(1)} min", {"min": 60.0 * int(m.group(1))}))
    for s, e, _ in t.find(r"\b(?:short|shorter|quick)\b"):
        out.append(Clause("length", t.take(s, e), "short: under 3 min", {"max": SHORT_SECONDS}))
    for s, e, _ in t.find(r"\b(?:long|longer|epic)\b"):
        out.append(Clause("length", t.take(s, e), "long: over 6 min", {"min": LONG_SECONDS}))
    for s, e, _ in t.find(r"\binstrumentals?\b"):
        neg = t.negation(s)
        words = t.take(s, e)
        label = "no instrumental" if neg else "instrumental"
        out.append(Clause("genre", words, label, {"genres": list(INSTRUMENTAL_GENRES)}, negated=neg))


def _kinds(t: _Text, out: list[Clause]) -> None:
    for s, e, _ in t.find(r"\b(?:movies?|films?|videos?|shows?|tv|episodes?|series)\b"):
        out.append(Clause("kind", t.take(s, e), "videos", {"kind": "video"}))


def _settle_not_lately(out: list[Clause], m: Moment) -> None:
    """ "haven't played lately" after a span that ended a while ago means "not since that span"."""
    span = next((c for c in out if c.kind == "time"), None)
    for k, c in enumerate(out):
        if c.kind != "behaviour" or c.value.get("is") != "not-lately":
            continue
        days = int(c.value["days"])
        since = m.local - days * 86400.0
        if span is not None and span.value["end"] < m.local - 14 * 86400.0:
            since = min(since, float(span.value["end"]))
            label = f"not played since {at._local(since).strftime('%b %Y')}"
        else:
            label = f"not played in the last {days} days"
        out[k] = Clause("behaviour", c.text, label, {"is": "not-lately", "since": since})


__all__ = ["Clause", "Parsed", "Vocab", "parse"]
