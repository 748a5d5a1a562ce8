"""Reading any playlist file: the format is sniffed from the content (the extension only names
M3U8 vs M3U), the size is capped and binary junk is refused with one clear line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from companion.core.library.pathcodec import display
from companion.core.library.textfile import read_limited
from companion.core.playlists.model import Parsed, PlaylistError
from companion.core.playlists.read_asx import parse_asx
from companion.core.playlists.read_text import parse_m3u, parse_pls
from companion.core.playlists.read_xml import parse_wpl, parse_xspf

MAX_BYTES = 64 * 1024 * 1024  # a 100,000-entry M3U is about 10 MB


def sniff(raw: bytes, suffix: str) -> str:
    """m3u8 | m3u | pls | xspf | wpl | asx for these bytes (``suffix`` breaks the M3U/M3U8 tie)."""
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.lstrip()
    if head[:10].lower() == b"[playlist]":
        return "pls"
    if head.startswith(b"<"):
        if re.search(rb"<\?wpl|<smil[\s>]", head, re.I):
            return "wpl"
        if re.search(rb"<asx[\s>]", head, re.I):
            return "asx"
        return "xspf"
    if suffix in ("pls", "xspf", "wpl", "asx") and not head:
        return suffix
    return "m3u8" if suffix == "m3u8" else "m3u"


PLAYLIST_SUFFIXES = ("m3u", "m3u8", "pls", "xspf", "wpl", "asx", "wax", "wvx")
# format -> its reader (bytes, the file as shown) -> Parsed; M3U and M3U8 are read by parse_m3u
PARSERS: dict[str, Callable[[bytes, str], Parsed]] = {
    "pls": lambda raw, shown: parse_pls(raw),
    "xspf": parse_xspf,
    "wpl": parse_wpl,
    "asx": parse_asx,
}
_PATHLIKE = re.compile(r"[/\\]|^[a-z][a-z0-9+.-]*:|\.[a-z0-9]{2,4}\s*$", re.I)


def _looks_like_m3u(raw: bytes) -> bool:
    """A file not named like a playlist is read as M3U only when it is one: #EXTM3U, or path-like lines."""
    text = raw[:16384].decode("utf-8", errors="replace").lstrip("\ufeff")
    if text.lstrip().upper().startswith("#EXTM3U"):
        return True
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")][:50]
    return bool(lines) and all(_PATHLIKE.search(ln) for ln in lines)


def not_a_playlist(path: str | Path) -> str | None:
    """What to tell a person who gave a folder or a CUE sheet as a playlist (None for anything else)."""
    p = Path(path)
    shown = display(str(p))
    if p.is_dir():
        return (
            f"{shown}: this is a folder, not a playlist; to add the music in it, add the folder to the "
            "library (Settings › Library folders, or 'companion scan FOLDER')"
        )
    if p.suffix.lower() == ".cue":
        return (
            f"{shown}: a CUE sheet lists the tracks of one album file, it is not a playlist; add its folder "
            "to the library and its tracks appear there"
        )
    return None


def read_playlist(path: str | Path) -> Parsed:
    """Parse a playlist file; PlaylistError (naming the file) if it is not one at all."""
    p = Path(path)
    refused = not_a_playlist(p)
    if refused:
        raise PlaylistError(refused)
    raw = read_limited(p, MAX_BYTES, "a playlist", PlaylistError)
    return parse_bytes(raw, p.suffix.lower().lstrip("."), display(str(p)), default_name=p.stem)


def parse_bytes(raw: bytes, suffix: str, shown: str, default_name: str | None = None) -> Parsed:
    if b"\x00" in raw[:65536] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlaylistError(f"{shown}: binary data, not a playlist")
    fmt = sniff(raw, suffix)
    if fmt in ("m3u", "m3u8") and suffix not in PLAYLIST_SUFFIXES and not _looks_like_m3u(raw):
        raise PlaylistError(f"{shown}: not a playlist (no #EXTM3U header, and its lines are not file paths)")
    parser = PARSERS.get(fmt)
    parsed = parser(raw, shown) if parser is not None else parse_m3u(raw, fmt)
    parsed.name = parsed.name or default_name
    return parsed
