"""Reading XML playlists: XSPF (VLC, Audacious, Last.fm) and WPL (Windows Media Player, Groove).

Document type declarations are refused outright: a playlist never needs one, and refusing them
rules out entity tricks (billion laughs, external entities) whatever the XML parser allows.
A WPL smart playlist holds rules, not entries; it imports as an empty playlist with a note.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from companion.core.playlists.model import Entry, Parsed, PlaylistError
from companion.core.playlists.read_text import MAX_ENTRIES, start_time

DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


def _root(raw: bytes, shown: str) -> ET.Element:
    if DOCTYPE.search(raw):
        raise PlaylistError(f"{shown}: XML with a document type declaration is not accepted in a playlist")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as e:
        line, col = e.position
        raise PlaylistError(f"{shown}: not valid XML at line {line}, column {col + 1}") from None
    except LookupError as e:  # encoding="..." names no known encoding
        raise PlaylistError(f"{shown}: XML in an unknown text encoding ({e})") from None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(node: ET.Element, name: str) -> str | None:
    for child in node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _ms(text: str | None) -> float | None:
    try:
        value = float(text) / 1000.0 if text else None
    except ValueError:
        return None
    return value if value and value > 0 else None


def parse_xspf(raw: bytes, shown: str) -> Parsed:
    root = _root(raw, shown)
    if _local(root.tag) != "playlist":
        raise PlaylistError(f"{shown}: not an XSPF playlist (root element <{_local(root.tag)}>)")
    parsed = Parsed("xspf", name=_child_text(root, "title"))
    track_list = next((c for c in root if _local(c.tag) == "tracklist"), None)
    tracks = [t for t in (track_list if track_list is not None else []) if _local(t.tag) == "track"]
    for n, track in enumerate(tracks, start=1):
        if len(parsed.entries) >= MAX_ENTRIES:
            parsed.problems.append(f"track {n}: more than {MAX_ENTRIES} entries; the rest was not read")
            break
        location = _child_text(track, "location")
        if not location:
            parsed.problems.append(f"track {n}: no <location>, skipped")
            continue
        parsed.entries.append(
            Entry(
                location,
                title=_child_text(track, "title"),
                artist=_child_text(track, "creator"),
                album=_child_text(track, "album"),
                duration=_ms(_child_text(track, "duration")),
                where=f"track {n}",
                start=_vlc_start(track),
            )
        )
    return parsed


def _vlc_start(track: ET.Element) -> float | None:
    """The ``start-time`` among a track's VLC options (``<extension><vlc:option>``), if any."""
    for ext in (c for c in track if _local(c.tag) == "extension"):
        for option in (o for o in ext if _local(o.tag) == "option" and o.text):
            seconds = start_time(option.text or "")  # (never empty: the options without text are passed over)
            if seconds is not None:
                return seconds
    return None


def parse_wpl(raw: bytes, shown: str) -> Parsed:
    root = _root(raw, shown)
    if _local(root.tag) != "smil":
        raise PlaylistError(f"{shown}: not a WPL playlist (root element <{_local(root.tag)}>)")
    head = next((c for c in root if _local(c.tag) == "head"), None)
    parsed = Parsed("wpl", name=_child_text(head, "title") if head is not None else None)
    n = 0
    for node in root.iter():
        name = _local(node.tag)
        if name == "smartplaylist":
            parsed.notes.append(
                "smart playlist: its rules are Windows Media Player's own; "
                "only entries listed in the file are imported"
            )
        if name != "media":
            continue
        n += 1
        if len(parsed.entries) >= MAX_ENTRIES:
            parsed.problems.append(f"media {n}: more than {MAX_ENTRIES} entries; the rest was not read")
            break
        src = (node.get("src") or "").strip()
        if not src:
            parsed.problems.append(f"media {n}: no src, skipped")
            continue
        parsed.entries.append(
            Entry(
                src,
                title=node.get("trackTitle") or None,
                artist=node.get("trackArtist") or node.get("albumArtist") or None,
                album=node.get("albumTitle") or None,
                duration=_ms(node.get("duration")),
                where=f"media {n}",
            )
        )
    return parsed
