"""The shapes playlists are read into and written from."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.core.errors import CompanionError

FORMATS = ("m3u8", "m3u", "xspf", "pls", "wpl", "asx", "wax", "wvx")  # read (the last three: ASX)
WRITABLE = ("m3u8", "m3u", "xspf", "pls")


class PlaylistError(CompanionError):
    """A playlist that cannot be read or written; the message names the file."""


@dataclass(frozen=True)
class Track:
    """One entry to write: a file-system path (as ``os`` gives it) and what players show for it."""

    path: str
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    duration: float | None = None  # seconds
    # a part of the file (a CUE sheet's track): where it starts and stops, seconds (None: the file's end)
    start: float | None = None
    end: float | None = None

    @property
    def is_part(self) -> bool:
        return self.start is not None


@dataclass(frozen=True)
class Entry:
    """One entry read from a playlist: its location exactly as written, plus any tags given."""

    location: str
    title: str | None = None
    artist: str | None = None
    album: str | None = None
    duration: float | None = None
    where: str = ""  # "line 4" / "entry 2", for messages
    start: float | None = None  # VLC's start-time option: a part of the file (a CUE track), seconds


@dataclass
class Parsed:
    """A playlist as read: entries in order, and a line for each part that could not be read."""

    format: str
    name: str | None = None
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # parts that could not be read
    notes: list[str] = field(default_factory=list)  # worth saying, not a fault
