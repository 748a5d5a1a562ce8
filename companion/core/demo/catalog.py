"""What the demo library contains: fictional artists, albums, a show and films.

The catalogue itself is data, ``resources/demo/catalog.json``: each artist has a sound
(tempo, key, brightness) so the audio analysis finds real differences, a genre and mood
so the home has something to group by, and the seed of its generated cover.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from companion.core.resources import resource


@dataclass(frozen=True)
class DemoArtist:
    name: str
    album: str
    year: int
    genre: str
    mood: str
    bpm: float
    root_hz: float
    minor: bool
    brightness: float
    ext: str
    cover_seed: int
    titles: tuple[str, ...]

    def track_path(self, root: Path, index: int) -> Path:
        """Where the demo keeps this artist's track ``index`` (the home is planned from it before the file
        exists: this module needs no numpy, which the makers of the files do)."""
        safe = self.titles[index].replace("/", "-")
        return root / "Music" / self.name / self.album / f"{index + 1:02d} {safe}{self.ext}"


@dataclass(frozen=True)
class DemoVideo:
    relpath: str  # under the demo folder; names follow what guessit understands
    title: str
    seconds: float
    color: tuple[int, int, int]


def _load() -> tuple[tuple[DemoArtist, ...], tuple[DemoVideo, ...], float]:
    doc = json.loads(resource("demo", "catalog.json").read_text(encoding="utf-8"))
    artists = tuple(
        DemoArtist(**{**a, "bpm": float(a["bpm"]), "titles": tuple(a["titles"])}) for a in doc["artists"]
    )
    videos = tuple(
        DemoVideo(relpath=v["path"], title=v["title"], seconds=float(v["seconds"]), color=tuple(v["color"]))
        for v in doc["videos"]
    )
    return artists, videos, float(doc["track_seconds"])


ARTISTS, VIDEOS, TRACK_SECONDS = _load()


def track_count() -> int:
    return sum(len(a.titles) for a in ARTISTS)
