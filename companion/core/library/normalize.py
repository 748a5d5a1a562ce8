"""Normalised artist and title text, so "Beyoncé feat. JAY-Z" meets "beyonce" and
"Yellow - Remastered 2011" meets "Yellow".

Used to match entries from other services and playlists to library items; both sides go
through the same functions, so only equality of the results matters.
"""

from __future__ import annotations

import re
import unicodedata

# "(feat. X)", "[ft. X]", " feat. X" up to the end or the next bracket
_FEAT = re.compile(
    r"[\(\[]\s*(?:feat\.?|ft\.?|featuring|with)\s[^\)\]]*[\)\]]"
    r"|\s(?:feat\.?|ft\.?|featuring)\s.*$",
    re.I,
)
# " - Remastered 2011", "(2011 Remaster)", "[Live]", " - Live at Wembley", "(Remastered Version)"
_SUFFIX_WORDS = (
    r"(?:\d{4}\s+)?(?:digital(?:ly)?\s+)?(?:remaster(?:ed)?|live|mono|stereo|single version"
    r"|radio edit|album version|bonus track|deluxe(?: edition)?)"
)
_SUFFIX = re.compile(
    r"\s*[\(\[]\s*" + _SUFFIX_WORDS + r"\b[^\)\]]*[\)\]]"
    r"|\s+-\s+" + _SUFFIX_WORDS + r"\b.*$",
    re.I,
)
_ARTIST_SPLIT = re.compile(r"\s*(?:,|;|/|&|\bx\b|\band\b|\bvs\.?|\bfeat\.?|\bft\.?|\bfeaturing\b)\s*", re.I)
_APOSTROPHE = re.compile(r"['\u2019\u2018`\u00b4]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str | None) -> str:
    """Lower case, accents removed, punctuation gone, "&" read as "and", spaces collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = _APOSTROPHE.sub("", text)  # "Don't" -> "dont", not "don t"
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l").replace("đ", "d")
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def norm_title(title: str | None) -> str:
    """A title without "feat." parts and remaster / live / version suffixes."""
    if not title:
        return ""
    base = title
    for _ in range(3):  # "Song (feat. X) - Remastered 2011 [Live]"
        stripped = _SUFFIX.sub("", _FEAT.sub("", base)).strip()
        if stripped == base or not stripped:
            break
        base = stripped
    return fold(base) or fold(title)


def norm_artist(artist: str | None) -> str:
    """The whole artist credit without "feat." guests and a leading "the"."""
    if not artist:
        return ""
    folded = fold(_FEAT.sub("", artist)) or fold(artist)
    return folded[4:] if folded.startswith("the ") and len(folded) > 4 else folded


def primary_artist(artist: str | None) -> str:
    """The first name of a credit like "Simon & Garfunkel" or "A, B feat. C" (normalised)."""
    if not artist:
        return ""
    first = _ARTIST_SPLIT.split(artist.strip(), maxsplit=1)[0]
    return norm_artist(first) or norm_artist(artist)


def norm_mbid(value: str | None) -> str:
    """A MusicBrainz id in lower case, or "" when it is not one."""
    text = (value or "").strip().lower()
    return text if re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text) else ""
