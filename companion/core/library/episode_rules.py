"""When a video is an episode: its name or folders say so, and the show's name is a real title.

guessit reads any number in a name as season and episode (``issue-744.mp4`` became the show "issue",
season 7, episode 44); these rules keep such guesses out. A video that fails them is a film.
"""

from __future__ import annotations

import re
from pathlib import PurePath

# SxxEyy, 1x02, "Episode N", "Ep. N", "E05" as a word
_MARKERS = re.compile(
    r"(?:\b|_)s\d{1,2}[\s._-]*e\d{1,3}(?:\b|_)"  # S01E02, s1.e2
    r"|(?:\b|_)\d{1,2}x\d{2,3}(?:\b|_)"  # 1x02
    r"|\b(?:episode|episodio|[eé]pisode|folge|afl(?:evering)?)[\s._-]*\d{1,3}\b"  # Episode 5
    r"|\bep\.?[\s._-]*\d{1,3}\b"  # Ep 5, Ep.05
    r"|(?:\b|_)e\d{2,3}(?:\b|_)",  # Firefly.E03
    re.IGNORECASE,
)
_SEASON_FOLDER = re.compile(r"^(?:season|series|staffel|saison|temporada|s)[\s._-]*\d{1,2}$", re.IGNORECASE)
# Words that name a kind of file, not a show.
GENERIC = frozenset(
    {
        "issue",
        "video",
        "videos",
        "clip",
        "clips",
        "test",
        "tests",
        "sample",
        "samples",
        "movie",
        "movies",
        "film",
        "films",
        "episode",
        "episodes",
        "untitled",
        "new",
        "recording",
        "screen recording",
        "screencast",
        "capture",
        "vid",
        "mov",
        "img",
        "dsc",
        "out",
        "output",
        "tmp",
        "temp",
        "file",
        "download",
        "downloads",
        "trailer",
        "tv",
        "shows",
        "tv shows",
        "series",
    }
)


def says_episode(path: str) -> bool:
    """Whether the file's name, or the folders above it, mark it as an episode: SxxEyy, 1x02,
    "Episode N", or a ``Show/Season N/`` folder layout."""
    p = PurePath(path)
    if _MARKERS.search(p.stem):
        return True
    return bool(p.parent.name and _SEASON_FOLDER.match(p.parent.name) and p.parent.parent.name)


def real_show(name: str | None) -> bool:
    """Whether ``name`` can be a show's title: not empty, not a bare number, not a generic word."""
    if not name:
        return False
    text = re.sub(r"[\s._-]+", " ", name).strip().lower()
    if len(text) < 2 or text in GENERIC:
        return False
    return not text.replace(" ", "").isdigit()
