"""The home's shape: ordered rows of items, each with a reason. Shared by window, tray and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RowItem:
    item_id: int
    path: str
    kind: str  # music | video | spoken (audiobooks, podcasts)
    title: str | None
    artist: str | None  # artist, or the show for episodes
    reason: str  # short, plain words: "because you played Faith by The Cure"
    score: float = 0.0
    duration: float | None = None
    album: str | None = None
    cover_key: str | None = None
    resume_position: float | None = None
    reasons: tuple[str, ...] = ()  # all reasons, most important first (for "Why this?")
    recording_id: int | None = None  # the files that are one recording share it (item_id is its best file)
    files: int = 1  # how many files of this recording the library holds
    play_ids: tuple[int, ...] = ()  # an album card: the tracks it plays, in order (item_id is the first)

    def plays(self) -> tuple[int, ...]:
        """What playing this card plays: the album's tracks for an album card, else the item."""
        return self.play_ids or (self.item_id,)

    def to_json(self) -> dict[str, Any]:
        extra = {"play_ids": list(self.play_ids)} if self.play_ids else {}
        return {
            "path": self.path,
            "title": self.title,
            "artist": self.artist,
            "reason": self.reason,
            "kind": self.kind,
            "item_id": self.item_id,
            "score": round(self.score, 4),
            "duration": self.duration,
            "album": self.album,
            "recording_id": self.recording_id if self.recording_id is not None else self.item_id,
            "files": self.files,
            **extra,
        }


@dataclass(frozen=True)
class Row:
    id: str  # stable: now, continue, daily-1, discover, because-<item-id>, mood-chill, ...
    title: str
    kind: str  # music | video | mixed
    reason: str
    items: tuple[RowItem, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "reason": self.reason,
            "items": [i.to_json() for i in self.items],
        }


def row_text(row: Row) -> str:
    """The row as plain text lines: title, id and reason, then one line per item with its reason."""
    lines = [f"{row.title}  [{row.id}]  {row.reason}"]
    for item in row.items:
        who = f"{item.artist} - " if item.artist else ""
        lines.append(f"    {who}{item.title or item.path}    ({item.reason})")
    return "\n".join(lines)
