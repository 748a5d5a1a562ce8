"""What a scan reports while it runs, and what it reports at the end."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScanProgress:
    phase: str  # walking | reading | finishing | thumbnails
    done: int  # files handled so far (walking: files found so far)
    total: int | None  # files to handle (None while walking)
    folder: str = ""  # the folder being walked or read (for display)


@dataclass
class ScanSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0  # marked missing (their history is kept)
    unchanged: int = 0
    reattached: int = 0  # moved or renamed files matched to their old item by fingerprint
    failed: list[dict[str, str]] = field(default_factory=list)  # {"path", "error"} (display paths)
    seconds: float = 0.0  # the whole scan, video thumbnails included
    cancelled: bool = False
    thumbnails: int = 0  # video thumbnails made, after every library row was written
    thumbnail_seconds: float = 0.0  # ... and the time that took (the last part of ``seconds``)
    ignored: int = 0  # files in the folders that are not media (art, text, playlists, programs' files)
    playlists: list[str] = field(default_factory=list)  # playlist files among them (display paths)

    def as_json(self) -> dict[str, object]:
        """The stable ``companion scan --json`` object."""
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "reattached": self.reattached,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "cancelled": self.cancelled,
            "thumbnails": self.thumbnails,
            "thumbnail_seconds": round(self.thumbnail_seconds, 3),
            "ignored": self.ignored,
            "playlists": self.playlists,
        }
