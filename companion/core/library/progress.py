"""What a scan reports while it runs, and what it reports at the end."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScanProgress:
    phase: str                 # walking | reading | finishing
    done: int                  # files handled so far (walking: files found so far)
    total: int | None          # files to handle (None while walking)
    folder: str = ""           # the folder being walked or read (for display)


@dataclass
class ScanSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0           # marked missing (their history is kept)
    unchanged: int = 0
    reattached: int = 0        # moved or renamed files matched to their old item by fingerprint
    failed: list[dict[str, str]] = field(default_factory=list)   # {"path", "error"} (display paths)
    seconds: float = 0.0
    cancelled: bool = False

    def as_json(self) -> dict[str, object]:
        """The stable ``companion scan --json`` object."""
        return {"added": self.added, "updated": self.updated, "removed": self.removed,
                "unchanged": self.unchanged, "reattached": self.reattached, "failed": self.failed,
                "seconds": round(self.seconds, 3), "cancelled": self.cancelled}
