"""File paths as playlist locations and back: ``file://`` URIs with percent-encoding, Windows drive
letters and UNC shares, paths relative to the playlist's folder, and names that are not UTF-8.

A name that is not valid UTF-8 (POSIX bytes, held by Python as lone surrogates) is percent-encoded
from its bytes, so the playlist text stays valid UTF-8 and a player opens the very same bytes.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
from urllib.parse import quote_from_bytes, unquote_to_bytes

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+)://")
_WINDOWS_ABS = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\])")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
# unreserved characters and "/" stay as they are; everything else is percent-encoded
_URI_SAFE = "/-._~"


def is_windows_path(path: str) -> bool:
    return bool(_WINDOWS_ABS.match(path))


def is_remote(location: str) -> bool:
    """A stream or web address (http://, rtsp://, mms://, ...), not a local file.

    Only ``scheme://`` counts: "C:\\x" and a file named "a:b.mp3" are paths."""
    m = _SCHEME.match(location)
    return m is not None and m.group(1).lower() != "file"


def _fs_bytes(path: str) -> bytes:
    return os.fsencode(path) if os.name != "nt" else path.encode("utf-8")


def path_to_uri(path: str) -> str:
    """``file://`` URI for an absolute path (POSIX or Windows form)."""
    if is_windows_path(path):
        fwd = path.replace("\\", "/")
        if fwd.startswith("//"):  # UNC: \\server\share\x -> file://server/share/x
            return "file:" + quote_from_bytes(fwd.encode("utf-8"), safe=_URI_SAFE)
        return "file:///" + fwd[:2] + quote_from_bytes(fwd[2:].encode("utf-8"), safe=_URI_SAFE)
    return "file://" + quote_from_bytes(_fs_bytes(path), safe=_URI_SAFE)


def uri_to_path(uri: str) -> str | None:
    """The path a ``file:`` URI names (None for other schemes or a remote host)."""
    if not uri.lower().startswith("file:"):
        return None
    rest = uri[5:]
    if rest.startswith("//"):
        host, _, tail = rest[2:].partition("/")
        if host and host.lower() != "localhost":
            return "\\\\" + host + "\\" + _decode(tail).replace("/", "\\")  # UNC share
        rest = "/" + tail
    text = _decode(rest)
    if re.match(r"^/[A-Za-z]:[/\\]", text):  # file:///C:/x -> C:/x
        return text[1:]
    return text


def relative_ref(path: str, base_dir: str) -> str | None:
    """``path`` relative to ``base_dir`` with "/" separators, or None when there is no such path."""
    if is_windows_path(path) or is_windows_path(base_dir):
        try:
            rel = ntpath.relpath(path, base_dir)
        except ValueError:  # another drive
            return None
        return rel.replace("\\", "/")
    return posixpath.relpath(path, base_dir)


def quote_ref(ref: str) -> str:
    """A relative path as a URI reference (for XSPF)."""
    return quote_from_bytes(_fs_bytes(ref), safe=_URI_SAFE)


def plain_line_ok(text: str) -> bool:
    """Whether ``text`` can stand on an M3U or PLS line and every player reads it back unchanged.

    VLC reads a plain line as a URI reference: "#" starts a fragment, "?" a query and "%41" is an
    escape, so names with those (and names no text line holds) are written as ``file://`` URIs.
    """
    if not text or text != text.strip() or "#" in text or "?" in text or _PERCENT.search(text):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(ord(c) < 32 or ord(c) == 127 for c in text)


def _decode(text: str) -> str:
    raw = unquote_to_bytes(text.encode("utf-8", "surrogateescape"))  # undecodable bytes stay bytes
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return os.fsdecode(raw) if os.name != "nt" else raw.decode("cp1252", errors="replace")


def has_percent_escapes(text: str) -> bool:
    return bool(_PERCENT.search(text))


def unquote_path(text: str) -> str:
    """A percent-encoded path (as VLC writes relative entries) decoded to a file-system path."""
    return _decode(text)
