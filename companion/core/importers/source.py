"""Reading a history file safely: a size limit, binary junk refused, any common encoding."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from companion.core.importers.model import HistoryFormatError
from companion.core.library.pathcodec import display
from companion.core.library.textfile import read_limited

MAX_BYTES = 512 * 1024 * 1024  # Spotify's extended history is ~12 MB a file: far beyond any real export


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str
    sha256: str
    label: str | None = None  # "export.zip:member.json" for a member of an archive

    @property
    def name(self) -> str:
        return self.label or display(str(self.path))

    def fail(self, message: str) -> HistoryFormatError:
        return HistoryFormatError(f"{self.name}: {message}")


def open_source(path: str | Path) -> SourceFile:
    """Read ``path`` as text (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252)."""
    p = Path(path)
    raw = read_limited(p, MAX_BYTES, "a history export", HistoryFormatError)
    return SourceFile(p, decode_text(raw, display(str(p))), hashlib.sha256(raw).hexdigest())


def decode_text(raw: bytes, shown: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise HistoryFormatError(f"{shown}: broken UTF-16 text") from None
    if b"\x00" in raw[:65536]:
        raise HistoryFormatError(f"{shown}: binary data, not a history export")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def text_or_none(value: object) -> str | None:
    """A JSON value as stripped text, or None when it is not a non-empty string."""
    return value.strip() or None if isinstance(value, str) else None


def parse_time(text: str, formats: tuple[str, ...]) -> float:
    """UTC unix seconds from one of ``formats`` (naive times are UTC) or ISO 8601; ValueError if none fits."""
    text = text.strip()
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"unreadable time {text[:40]!r}") from None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()
