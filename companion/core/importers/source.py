"""Reading a history file safely: a size limit, binary junk refused, any common encoding."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from companion.core.importers.model import HistoryFormatError
from companion.core.library.pathcodec import display

MAX_BYTES = 512 * 1024 * 1024   # Spotify's extended history is ~12 MB a file; this is far beyond any real export


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str
    sha256: str

    @property
    def name(self) -> str:
        return display(str(self.path))

    def fail(self, message: str) -> HistoryFormatError:
        return HistoryFormatError(f"{self.name}: {message}")


def open_source(path: str | Path) -> SourceFile:
    """Read ``path`` as text (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252)."""
    p = Path(path)
    shown = display(str(p))
    try:
        if not p.is_file():
            raise HistoryFormatError(f"{shown}: not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise HistoryFormatError(f"{shown}: too large ({size // 2**20} MB) to be a history export")
        raw = p.read_bytes()
    except OSError as e:
        raise HistoryFormatError(f"{shown}: cannot read ({e.strerror or e})") from None
    return SourceFile(p, decode_text(raw, shown), hashlib.sha256(raw).hexdigest())


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
