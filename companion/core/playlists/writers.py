"""Writing playlists other players open: M3U8 / M3U (extended, UTF-8), PLS, XSPF.

The format follows the file's extension. Paths are absolute unless ``relative`` is asked, then
relative to the playlist's folder (for copying music and playlist together to a phone or stick).
A part of a file (a CUE sheet's track) gets VLC's ``start-time`` and ``stop-time`` options: as
``#EXTVLCOPT`` lines in M3U and as ``<vlc:option>`` in XSPF's VLC extension; PLS cannot say it, so such a
track is written as its whole file (``PARTS`` names the formats that can; the export says how many were).
A path that cannot stand on a plain line (a "#", "?" or "%41"-like escape that VLC would read as
URI syntax, a newline or control character, a name that is not UTF-8, a relative path to another
drive) is written as an absolute ``file://`` URI, which VLC, mpv and other players read in every
one of these formats.
"""

from __future__ import annotations

import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from companion.core.library.pathcodec import display
from companion.core.playlists.locations import path_to_uri, plain_line_ok, quote_ref, relative_ref
from companion.core.playlists.model import WRITABLE, PlaylistError, Track

PARTS = ("m3u8", "m3u", "xspf")  # formats that can say where in its file an entry starts and stops
VLC_EXTENSION = "http://www.videolan.org/vlc/playlist/0"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def format_for(path: str | Path) -> str:
    """The format an output file's extension asks for; PlaylistError for anything else."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in WRITABLE:
        raise PlaylistError(
            f"{display(str(path))}: unknown playlist type {Path(path).suffix or '(none)'!r}; "
            f"use one of {', '.join('.' + f for f in WRITABLE)}"
        )
    return ext


def write_playlist(
    path: str | Path, tracks: Sequence[Track], *, relative: bool = False, title: str | None = None
) -> Path:
    """Write ``tracks`` to ``path`` in the format its extension names; returns the path written."""
    target = Path(os.path.abspath(path))
    fmt = format_for(target)
    base = str(target.parent) if relative else None
    text = RENDERERS[fmt](tracks, base, title)
    _write_atomically(target, text.encode("utf-8"))
    return target


def line_location(path: str, base: str | None) -> str:
    """How one path is written on an M3U or PLS line."""
    if base is not None:
        rel = relative_ref(path, base)
        if rel is not None:
            if ":" in rel.split("/", 1)[0]:
                rel = "./" + rel  # "a:b.mp3" would read as a URI scheme
            if plain_line_ok(rel):
                return rel
    return path if plain_line_ok(path) else path_to_uri(path)


def uri_location(path: str, base: str | None) -> str:
    """How one path is written as an XSPF ``<location>`` (a URI, relative when asked)."""
    if base is not None:
        rel = relative_ref(path, base)
        if rel is not None:
            return quote_ref(rel)
    return path_to_uri(path)


def _label(t: Track) -> str:
    name = t.title or os.path.splitext(os.path.basename(t.path))[0]
    text = f"{t.artist} - {name}" if t.artist else name
    return _clean(" ".join(text.split()))


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _seconds(t: Track) -> int:
    return int(round(t.duration)) if t.duration and t.duration > 0 else -1


def vlc_options(t: Track) -> list[str]:
    """VLC's options that play only the track's part of its file ([] for a whole file)."""
    if t.start is None:
        return []
    out = [f"start-time={_time(t.start)}"]
    return out + ([f"stop-time={_time(t.end)}"] if t.end is not None else [])


def _time(seconds: float) -> str:
    return f"{seconds:.3f}".rstrip("0").rstrip(".")


def render_m3u(tracks: Sequence[Track], base: str | None, title: str | None = None) -> str:
    lines = ["#EXTM3U"]
    if title:
        lines.append(f"#PLAYLIST:{_clean(' '.join(title.split()))}")
    for t in tracks:
        lines.append(f"#EXTINF:{_seconds(t)},{_label(t)}")
        lines += [f"#EXTVLCOPT:{o}" for o in vlc_options(t)]
        lines.append(line_location(t.path, base))
    return "\n".join(lines) + "\n"


def render_pls(tracks: Sequence[Track], base: str | None, title: str | None = None) -> str:
    lines = ["[playlist]"]
    for n, t in enumerate(tracks, start=1):
        lines += [
            f"File{n}={line_location(t.path, base)}",
            f"Title{n}={_label(t)}",
            f"Length{n}={_seconds(t)}",
        ]
    lines += [f"NumberOfEntries={len(tracks)}", "Version=2"]
    return "\n".join(lines) + "\n"


def render_xspf(tracks: Sequence[Track], base: str | None, title: str | None = None) -> str:
    root = ET.Element("playlist", {"version": "1", "xmlns": "http://xspf.org/ns/0/"})
    if any(t.is_part for t in tracks):
        root.set("xmlns:vlc", VLC_EXTENSION)
    if title:
        ET.SubElement(root, "title").text = _clean(title)
    ET.SubElement(root, "creator").text = "Companion"
    track_list = ET.SubElement(root, "trackList")
    for t in tracks:
        node = ET.SubElement(track_list, "track")
        ET.SubElement(node, "location").text = uri_location(t.path, base)
        for tag, value in (("title", t.title), ("creator", t.artist), ("album", t.album)):
            if value:
                ET.SubElement(node, tag).text = _clean(value)
        if t.duration and t.duration > 0:
            ET.SubElement(node, "duration").text = str(int(round(t.duration * 1000)))
        if t.is_part:
            ext = ET.SubElement(node, "extension", {"application": VLC_EXTENSION})
            for option in vlc_options(t):
                ET.SubElement(ext, "vlc:option").text = option
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


RENDERERS = {"m3u8": render_m3u, "m3u": render_m3u, "pls": render_pls, "xspf": render_xspf}


def _write_atomically(target: Path, data: bytes) -> None:
    shown = display(str(target))
    if not target.parent.is_dir():
        raise PlaylistError(f"{shown}: folder {display(str(target.parent))} does not exist")
    if target.is_dir():
        raise PlaylistError(f"{shown}: is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".companion-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise PlaylistError(f"{shown}: cannot write ({e.strerror or e})") from None
