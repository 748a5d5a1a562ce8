"""Reading line-based playlists: M3U / M3U8 (with or without ``#EXTM3U``, any extension lines)
and PLS (including the common broken ``Length`` lines).

Lines that are not UTF-8 are kept as their bytes (a POSIX file name) or read as Windows-1252
when they look like a Windows path, so a legacy playlist still finds its files.
"""

from __future__ import annotations

import os
import re

from companion.core.playlists.model import Entry, Parsed

MAX_LINE = 32 * 1024  # no real path or title is longer; longer lines are junk
MAX_ENTRIES = 100_000
_EXTINF = re.compile(r"^#EXTINF:\s*(-?\d+(?:\.\d+)?)?((?:\s+[\w.-]+=\"[^\"]*\")*)\s*,?(.*)$", re.I)
_PLS_KEY = re.compile(r"^(file|title|length)(\d+)$", re.I)


def split_lines(raw: bytes) -> list[tuple[int, str]]:
    """(line number, text) for every non-empty line; text is never lossy for file names."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
        return [(n, s.strip()) for n, s in enumerate(text.splitlines(), 1) if s.strip()]
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    out: list[tuple[int, str]] = []
    for n, line in enumerate(re.split(rb"\r\n|\r|\n", raw), start=1):
        line = line.strip(b" \t\x0b\x0c")
        if not line:
            continue
        if len(line) > MAX_LINE:
            out.append((n, "\x00too-long"))
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            windows = re.match(rb"^(?:[A-Za-z]:\\|\\\\|#)", line) is not None or b"\\" in line
            legacy = windows or os.name == "nt"
            text = line.decode("cp1252", errors="replace") if legacy else os.fsdecode(line)
        out.append((n, text))
    return out


def _label(text: str) -> tuple[str | None, str | None]:
    """(artist, title) from an "Artist - Title" label."""
    text = text.strip()
    if not text:
        return None, None
    artist, sep, title = text.partition(" - ")
    return (artist.strip() or None, title.strip() or None) if sep and title.strip() else (None, text)


def start_time(option: str) -> float | None:
    """Seconds from a VLC option ``start-time=12.5`` (None for any other option, or a bad number)."""
    key, _, value = option.strip().partition("=")
    if key.strip().lower() != "start-time":
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if 0 <= seconds < 1e7 else None


def parse_m3u(raw: bytes, fmt: str = "m3u") -> Parsed:
    parsed = Parsed(fmt)
    info: tuple[float | None, str | None, str | None] | None = None
    start: float | None = None  # #EXTVLCOPT:start-time= of the next entry (a CUE track written by us, VLC)
    for n, line in split_lines(raw):
        if line == "\x00too-long":
            parsed.problems.append(f"line {n}: longer than {MAX_LINE} bytes, skipped")
            continue
        if line.startswith("#"):
            upper = line[:12].upper()
            if upper.startswith("#EXTINF:"):
                m = _EXTINF.match(line)
                duration = float(m.group(1)) if m and m.group(1) else None
                artist, title = _label(m.group(3) if m else line[8:])
                info = (duration if duration and duration > 0 else None, artist, title)
            elif upper.startswith("#PLAYLIST:"):
                parsed.name = line[10:].strip() or parsed.name
            elif upper.startswith("#EXTVLCOPT:"):
                start = start_time(line[11:]) if start_time(line[11:]) is not None else start
            continue  # #EXTM3U, #EXTGRP, #EXTALB, other options, comments: nothing to import
        if len(parsed.entries) >= MAX_ENTRIES:
            parsed.problems.append(f"line {n}: more than {MAX_ENTRIES} entries; the rest was not read")
            break
        duration, artist, title = info or (None, None, None)
        parsed.entries.append(
            Entry(line, title=title, artist=artist, duration=duration, where=f"line {n}", start=start)
        )
        info, start = None, None
    return parsed


def parse_pls(raw: bytes) -> Parsed:
    parsed = Parsed("pls")
    slots: dict[int, dict[str, str]] = {}
    where: dict[int, int] = {}
    for n, line in split_lines(raw):
        if line.startswith(("[", ";", "#")):
            continue
        key, sep, value = line.partition("=")
        m = _PLS_KEY.match(key.strip())
        if not sep:
            parsed.problems.append(f"line {n}: not a 'key=value' line, skipped")
            continue
        if not m:
            continue  # NumberOfEntries, Version, X-GNOME-Title, ...
        field, index = m.group(1).lower(), int(m.group(2))
        if field == "file":
            if len(slots) >= MAX_ENTRIES and index not in slots:
                parsed.problems.append(f"line {n}: more than {MAX_ENTRIES} entries; the rest was not read")
                break
            where[index] = n
        slots.setdefault(index, {})[field] = value.strip()
    for index in sorted(slots):
        slot = slots[index]
        if "file" not in slot:
            continue  # a stray Title7= / Length1= (BassDrive's broken lines) has no entry of its own
        artist, title = _label(slot.get("title", ""))
        try:
            length = float(slot.get("length", ""))
        except ValueError:
            length = -1
        parsed.entries.append(
            Entry(
                slot["file"],
                title=title,
                artist=artist,
                duration=length if length > 0 else None,
                where=f"line {where[index]}",
            )
        )
    return parsed
