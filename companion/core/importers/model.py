"""What history parsers produce and what an import reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from companion.core.db.events import EventType
from companion.core.errors import CompanionError
from companion.core.library.normalize import fold


class HistoryFormatError(CompanionError):
    """A history file that cannot be read at all; the message names the file and the place."""


@dataclass(frozen=True)
class HistoryEntry:
    """One listening (or viewing) from another service, with UTC time."""

    service: str  # lastfm | listenbrainz | spotify | netflix
    ts: float  # UTC unix seconds when it started
    type: str = EventType.PLAY  # the event it becomes: play | completed | skip
    kind: str = "music"  # music | video
    artist: str | None = None
    title: str | None = None
    album: str | None = None
    mb_track_id: str | None = None
    show: str | None = None
    season: int | None = None
    episode: int | None = None
    position: float | None = None  # seconds played, when the service says
    end_reason: str | None = None  # how it ended (thresholds.END_REASONS), when the service says
    data: dict[str, Any] = field(default_factory=dict)
    where: str = ""  # "line 12" / "record 7", for messages
    key_time: float | None = None  # the moment the dedup key uses, when not ``ts``

    def key(self) -> str:
        """The dedup key: the same listening read twice (from any file of that service) is one event."""

        what = (
            f"{fold(self.show)}|{self.season}|{self.episode}|{fold(self.title)}"
            if self.kind == "video"
            else f"{fold(self.artist)}|{fold(self.title)}"
        )
        moment = self.ts if self.key_time is None else self.key_time
        return f"{self.service}|{int(round(moment))}|{what}"


class Ignored(Exception):
    """A record that was read but is not a listening to import (podcasts, trailers); ``args[0]`` is where."""


@dataclass(frozen=True)
class RecordError:
    """A record that could not be read; the rest of the file still imports."""

    where: str
    message: str


@dataclass
class ImportSummary:
    read: int = 0
    matched: int = 0
    unmatched: int = 0
    duplicates: int = 0
    ignored: int = 0  # too short to mean anything, or not a listening (trailers)
    errors: list[str] = field(default_factory=list)
    rematched: int = 0  # earlier unmatched entries that found their item in this run
    notes: list[str] = field(default_factory=list)  # worth saying, not a fault
    plays_counted: int = 0  # unmatched plays by an artist the library has: they teach artist taste
    learned: set[str] = field(default_factory=set)  # those library artists (``artists_learned`` counts them)

    @property
    def artists_learned(self) -> int:
        return len(self.learned)

    def add(self, other: ImportSummary) -> None:
        self.read += other.read
        self.matched += other.matched
        self.unmatched += other.unmatched
        self.duplicates += other.duplicates
        self.ignored += other.ignored
        self.rematched += other.rematched
        self.errors.extend(other.errors)
        self.notes.extend(other.notes)
        self.plays_counted += other.plays_counted
        self.learned |= other.learned

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["artists_learned"] = len(out.pop("learned"))
        return out

    def snapshot(self) -> ImportSummary:
        """A copy another thread may read while the import goes on."""
        return replace(self, errors=list(self.errors), notes=list(self.notes), learned=set(self.learned))


@dataclass(frozen=True)
class ImportProgress:
    """One step of a running import, for a progress bar: ``done`` of ``total`` entries of ``path``.

    The first step of a file has ``done == 0`` (its total is known); the last has ``finished``."""

    path: str
    service: str
    done: int
    total: int
    summary: ImportSummary  # this file so far
    finished: bool = False


Parsed = HistoryEntry | RecordError | Ignored  # what a history parser yields for each record
