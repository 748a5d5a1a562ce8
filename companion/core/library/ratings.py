"""Ratings and play counts stored in tags by other players, mapped to 0..5 stars, and back.

Each writer uses its own scale; the mapping follows the writer (see ``docs/ratings.md``).
Only a rating the person gave counts: community or provider ratings are never read.
The inverse functions (stars -> tag value) let the player write ratings back consistently.
"""

from __future__ import annotations

# POPM e-mail fields of the players whose scales we know.
WMP_EMAIL = "Windows Media Player 9 Series"
MEDIAMONKEY_EMAIL = "no@email"
MUSICBEE_EMAIL = "MusicBee"
WINAMP_EMAIL = "rating@winamp.com"
QUODLIBET_EMAIL = "quodlibet@lists.sacredchao.net"
BANSHEE_EMAIL = "Banshee"

# Half-star byte values written by MediaMonkey and MusicBee; whole stars match Windows Media Player.
_HALF_STAR_POPM = {
    0.5: 13,
    1.0: 1,
    1.5: 54,
    2.0: 64,
    2.5: 118,
    3.0: 128,
    3.5: 186,
    4.0: 196,
    4.5: 242,
    5.0: 255,
}
_POPM_TO_HALF_STAR = {v: k for k, v in _HALF_STAR_POPM.items()}
# MediaMonkey 3 wrote a linear scale, 51 a star (0.5 = 26 ... 4.5 = 230); 128 and 255 read as MM 4+ does.
_MM3_LINEAR = {26: 0.5, 51: 1.0, 76: 1.5, 102: 2.0, 153: 3.0, 178: 3.5, 204: 4.0, 230: 4.5}
_BANSHEE_POPM = {1: 0x01, 2: 0x40, 3: 0x80, 4: 0xC0, 5: 0xFF}
_WMP_SHARED = {1: 1, 2: 25, 3: 50, 4: 75, 5: 99}


def _fine(stars: float) -> float:
    """Linear scales keep their precision to a twentieth of a star (Quod Libet's quarter steps survive)."""
    return max(0.0, min(5.0, round(stars * 20) / 20))


def _half(stars: float) -> float:
    return max(0.0, min(5.0, round(stars * 2) / 2))


def popm_to_stars(value: int, email: str = "") -> float | None:
    """An ID3 POPM rating byte (0..255) to stars, on the scale of the player named by ``email``.

    0 means "not rated" for every writer except Quod Libet, whose scale is linear.
    """
    if not 0 <= value <= 255:
        return None
    who = email.strip().lower()
    if who == QUODLIBET_EMAIL:
        return _fine(value / 255 * 5)
    if value == 0:
        return None
    if who == BANSHEE_EMAIL.lower():
        return float(1 + sum(value >= b for b in (0x40, 0x80, 0xC0, 0xFF)))
    if who in (MEDIAMONKEY_EMAIL, MUSICBEE_EMAIL.lower()) and value in _POPM_TO_HALF_STAR:
        return _POPM_TO_HALF_STAR[value]
    if who == MEDIAMONKEY_EMAIL and value in _MM3_LINEAR:
        return _MM3_LINEAR[value]
    # Windows Media Player ranges, the de facto scale (Winamp and unknown writers too).
    return float(1 + sum(value >= b for b in (32, 96, 160, 224)))


def stars_to_popm(stars: float, email: str = WMP_EMAIL) -> int:
    """Stars (0..5, halves allowed) to the POPM byte the writer named by ``email`` would store."""
    who = email.strip().lower()
    if who == QUODLIBET_EMAIL:
        return round(max(0.0, min(5.0, stars)) / 5 * 255)
    s = _half(stars)
    if s == 0:
        return 0
    if who == BANSHEE_EMAIL.lower():
        return _BANSHEE_POPM[max(1, round(s))]
    return _HALF_STAR_POPM[s] if s in _HALF_STAR_POPM else _HALF_STAR_POPM[float(round(s))]


def fmps_to_stars(text: str) -> float | None:
    """FMPS_Rating (a float 0.0..1.0, written by Amarok, Clementine, Banshee, Quod Libet) to stars."""
    value = _number(text)
    if value is None or not 0.0 <= value <= 1.0:
        return None
    return _fine(value * 5)


def stars_to_fmps(stars: float) -> str:
    return format(round(max(0.0, min(5.0, stars)) / 5, 3), "g")


def percent_to_stars(value: float) -> float | None:
    """A 0..100 rating (MusicBee and MediaMonkey in APEv2, MP4 and Vorbis) to stars; 0 is "not rated"."""
    if not 0 < value <= 100:
        return None
    return _half(value / 20)


def stars_to_percent(stars: float) -> int:
    return round(_half(stars) * 20)


def wmp_shared_to_stars(value: int) -> float | None:
    """ASF ``WM/SharedUserRating`` (Windows Media Player: 1, 25, 50, 75, 99) to stars; 0 is "not rated"."""
    if not 0 < value <= 100:
        return None
    return float(1 + sum(value >= b for b in (13, 38, 63, 87)))


def stars_to_wmp_shared(stars: float) -> int:
    s = round(_half(stars))
    return _WMP_SHARED.get(s, 0)


def text_rating_to_stars(text: str) -> float | None:
    """A free-text ``RATING`` whose writer is unknown: the scale is told by the value.

    ``0.x`` (a decimal point, at most 1) is the 0..1 scale of Picard, Quod Libet and FMPS;
    a whole number 1..5 is stars (foobar2000); 6..100 is the 0..100 scale of MusicBee and MediaMonkey.
    """
    value = _number(text)
    if value is None:
        return None
    if "." in text and 0.0 <= value <= 1.0:
        return _fine(value * 5)
    if 0 < value <= 5:
        return _half(value)
    return percent_to_stars(value)


def parse_count(text: object) -> int | None:
    """A play count from a tag value ("12", "12.0", 12); None when it is not a sane count."""
    value = _number(str(text))
    if value is None or value < 0 or value > 10_000_000:
        return None
    return int(value)


def _number(text: str) -> float | None:
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value else None  # NaN is not a number here
