"""Search by words and by intent, ranked by taste.

Words match titles, artists, albums, shows, genres, mood tags and folder names, with
accents and one typo forgiven. Intent words change what is asked for: moods and
activities ("chill vibes", "workout", "focus", "sad songs") become a mood mix; topics
("movies about space") expand to genres and title/folder words ("sci-fi", "galaxy");
kind words ("movies", "songs") narrow to video or music. Ties in relevance go to what
the person likes more.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np

from companion.core.paths import Profile
from companion.core.taste import mixer
from companion.core.taste.home import _view
from companion.core.taste.moods import FITS, TITLES, mood_of_text
from companion.core.taste.rows import Row, RowItem
from companion.core.taste.textmatch import EXACT, WordIndex, fold, within_one_edit, words
from companion.core.taste.view import View

STOP = {
    "a",
    "an",
    "the",
    "of",
    "about",
    "for",
    "with",
    "some",
    "me",
    "my",
    "play",
    "to",
    "and",
    "in",
    "on",
    "by",
    "like",
    "i",
    "want",
    "something",
    "any",
    "vibe",
    "vibes",
    "mood",
    "songs",
    "song",
    "music",
    "tracks",
    "track",
    "movies",
    "movie",
    "films",
    "film",
    "videos",
    "video",
    "shows",
    "show",
    "tv",
    "episodes",
    "series",
}
VIDEO_WORDS = {
    "movies",
    "movie",
    "films",
    "film",
    "videos",
    "video",
    "shows",
    "show",
    "tv",
    "episodes",
    "series",
}
MUSIC_WORDS = {"songs", "song", "music", "tracks", "track", "album", "albums"}
TOPICS: dict[str, tuple[str, ...]] = {
    "space": (
        "space",
        "sci",
        "fi",
        "scifi",
        "science",
        "fiction",
        "galaxy",
        "star",
        "stars",
        "alien",
        "aliens",
        "planet",
        "astronaut",
        "cosmos",
        "mars",
        "moon",
        "orbit",
        "interstellar",
        "apollo",
        "gravity",
    ),
    "love": ("love", "romance", "romantic", "heart", "wedding"),
    "war": ("war", "soldier", "battle", "army", "military"),
    "crime": ("crime", "detective", "murder", "heist", "gangster", "police", "thriller", "noir"),
    "scary": ("horror", "scary", "ghost", "haunted", "zombie", "vampire"),
    "funny": ("comedy", "funny", "humor", "humour"),
    "kids": ("animation", "children", "family", "kids", "cartoon"),
    "nature": ("nature", "wildlife", "animals", "ocean", "planet", "earth", "documentary"),
    "christmas": ("christmas", "xmas", "holiday", "winter", "snow"),
}
TOPIC_ALIASES = {
    "sci": "space",
    "scifi": "space",
    "romance": "love",
    "horror": "scary",
    "comedy": "funny",
    "family": "kids",
    "animals": "nature",
    "xmas": "christmas",
}


@dataclass(frozen=True)
class SearchResults:
    query: str
    items: tuple[RowItem, ...] = ()
    artists: tuple[str, ...] = ()
    albums: tuple[tuple[str, str | None], ...] = ()  # (album, artist)
    shows: tuple[str, ...] = ()
    mix: Row | None = None  # a ready mix for intent queries
    intent: str | None = None  # "mood:chill", "topic:space", ...

    def to_json(self) -> dict[Any, Any]:
        return {
            "query": self.query,
            "intent": self.intent,
            "items": [i.to_json() for i in self.items],
            "artists": list(self.artists),
            "albums": [{"album": a, "artist": b} for a, b in self.albums],
            "shows": list(self.shows),
            "mix": self.mix.to_json() if self.mix else None,
        }


def _index(v: View) -> WordIndex:
    key = ("search-index", v.lib.fingerprint)
    if key not in v._cache:
        lib = v.lib
        docs = [
            (
                " ".join(filter(None, (lib.title[i], lib.artist[i], lib.album[i]))),
                " ".join([*lib.genres[i], *lib.tags[i], lib.mood[i] or "", lib.folder_words[i]]),
            )
            for i in range(len(lib))
        ]
        v._cache[key] = WordIndex(docs)
    return v._cache[key]


DISLIKED_REASON = "you disliked this: it stays out of your mixes until you undo that"


def search(conn: sqlite3.Connection, profile: Profile, text: str, limit: int = 50) -> SearchResults:
    """The search's answer for ``text``: items whose title, artist or album hold its words (all of them in one
    item first), a mix when it names a mood or a topic, taste as the tie-break. One piece on purpose: each
    item's relevance is one array built up step by step from the same query words and masks."""
    query = " ".join(text.split())
    qwords = words(query)
    if not qwords:
        return SearchResults(query=query)
    v, _ = _view(conn, profile, None)
    lib = v.lib
    pool = v.usable.copy()
    findable = lib.ok.copy()  # a search is an explicit ask: disliked items are found (never mixed)
    if set(qwords) & VIDEO_WORDS and not set(qwords) & MUSIC_WORDS:
        pool &= lib.is_video
        findable &= lib.is_video
    elif set(qwords) & MUSIC_WORDS and not set(qwords) & VIDEO_WORDS:
        pool &= ~lib.is_video
        findable &= ~lib.is_video
    mood = mood_of_text(" ".join(qwords))
    topic = next((TOPIC_ALIASES.get(w, w) for w in qwords if TOPIC_ALIASES.get(w, w) in TOPICS), None)
    content = [
        w
        for w in qwords
        if w not in STOP
        and not (mood and mood_of_text(w) == mood)
        and not (topic and TOPIC_ALIASES.get(w, w) == topic)
    ]
    index = _index(v)
    # Every word of the query, exactly, in one item's title, artist or album: found whatever the words are
    # ("Something", "Music", "The Show" are names too, not only the stop words of an intent).
    literal = (
        np.stack([index.match(w, len(lib)) for w in qwords]).min(axis=0) >= EXACT
        if len(qwords) <= 8
        else np.zeros(len(lib), dtype=bool)
    )
    if not content and not mood and not topic:
        content = list(qwords)
    relevance = np.zeros(len(lib))
    if content:
        per_word = [index.match(w, len(lib)) for w in content]
        hits = np.stack(per_word)
        matched = (hits > 0).sum(axis=0)
        need = len(content) if (matched == len(content)).any() else max(1, matched.max())
        relevance = np.where(matched >= need, hits.sum(axis=0) / len(content), 0.0)
    if topic:
        topical = np.max(np.stack([index.match(w, len(lib)) for w in TOPICS[topic]]), axis=0)
        relevance = relevance + topical if content else topical
    taste = v.rank_norm(v.base_score, pool)
    mix = None
    intent = None
    if mood:
        intent = f"mood:{mood}"
        fit = v.moods[mood]
        mix = _mix(
            v,
            f"mood-{mood}",
            f"{TITLES[mood]} for you",
            f"{TITLES[mood]} music you like, for “{query}”",
            0.6 * taste + 0.4 * fit,
            pool & (fit >= FITS) & ~lib.is_video & ~lib.spoken,  # a music mix: no audiobook
            limit,
        )
        if not content and not topic:
            relevance = np.where(fit >= FITS, fit, 0.0)
    if topic:
        intent = intent or f"topic:{topic}"
        mix = mix or _mix(
            v,
            f"topic-{topic}",
            query[:1].upper() + query[1:],
            f"From your library, for “{query}”",
            relevance + 0.3 * taste,
            pool & (relevance > 0),
            limit,
        )
    relevance = np.where(literal, relevance + 1.0, relevance)
    hit = (findable & (relevance > 0)) | (lib.ok & literal)
    if content:
        # all the words in one field (the artist's name, the title) beat words scattered over several
        for i in mixer.top(relevance, hit, 2000):
            if _match_reason(v, int(i), content):
                relevance[i] += 0.5
    score = relevance + 0.5 * taste
    order = mixer.top(score, hit, limit)
    items = tuple(
        v.item(
            int(i),
            float(score[i]),
            DISLIKED_REASON if not v.sig.allowed[i] else _match_reason(v, int(i), content),
        )
        for i in order
    )
    return SearchResults(
        query=query,
        items=items,
        artists=_names(v, order, content, "artist"),
        albums=_albums(v, order, content),
        shows=_names(v, order, content, "show"),
        mix=mix,
        intent=intent,
    )


def _mix(
    v: View, row_id: str, title: str, reason: str, score: np.ndarray, pool: np.ndarray, limit: int
) -> Row | None:
    picks = mixer.diversify(mixer.top(score, pool, limit * 4), v.lib, limit)
    if len(picks) < 3:
        return None
    kinds = {bool(v.lib.is_video[i]) for i in picks}
    kind = "mixed" if len(kinds) > 1 else ("video" if kinds.pop() else "music")
    return Row(
        id=row_id,
        title=title,
        kind=kind,
        reason=reason,
        items=tuple(v.item(i, float(score[i])) for i in picks),
    )


def _field_matches(text: str | None, content: list[str]) -> bool:
    if not text or not content:
        return False

    fw = words(text)
    return all(
        any(w == q or w.startswith(q) or (len(q) >= 4 and within_one_edit(q, w)) for w in fw) for q in content
    )


def _match_reason(v: View, i: int, content: list[str]) -> str | None:
    lib = v.lib
    for label, text in (("title", lib.title[i]), ("artist", lib.artist[i]), ("album", lib.album[i])):
        if _field_matches(text, content):
            return f"{label} matches"
    return None


def _names(v: View, order: np.ndarray, content: list[str], which: str) -> tuple[str, ...]:
    lib = v.lib
    want_video = which == "show"
    out: list[str] = []
    for i in order:
        name = lib.artist[i]
        if bool(lib.is_video[i]) == want_video and name and name not in out and _field_matches(name, content):
            out.append(name)
    return tuple(out[:10])


def _albums(v: View, order: np.ndarray, content: list[str]) -> tuple[tuple[str, str | None], ...]:
    lib = v.lib
    out: list[tuple[str, str | None]] = []
    for i in order:
        if lib.album[i] and not lib.is_video[i] and _field_matches(lib.album[i], content):
            pair = (lib.album[i], lib.artist[i])
            if pair not in out:
                out.append(pair)
    return tuple(out[:10])


__all__ = ["SearchResults", "search", "fold"]
